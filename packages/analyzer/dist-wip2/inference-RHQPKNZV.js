import { inferProject, isTierTypeName } from './chunk-CZXRO47M.js';
import './chunk-RLRRM5WI.js';
import './chunk-Z4AZA2Z5.js';
import './chunk-IPARGZ6Q.js';
import './chunk-LLBBEWGM.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

export { inferProject, isTierTypeName };
//# sourceMappingURL=inference-RHQPKNZV.js.map
