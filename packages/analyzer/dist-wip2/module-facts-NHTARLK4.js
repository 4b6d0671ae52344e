import { moduleFactsOf, readModuleFacts } from './chunk-36NAHYJP.js';
import './chunk-H74XAY4A.js';
import './chunk-LLBBEWGM.js';
import './chunk-OKVXSYHK.js';
import './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

export { moduleFactsOf, readModuleFacts };
//# sourceMappingURL=module-facts-NHTARLK4.js.map
