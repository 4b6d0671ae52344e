import { check, selectChanged } from './chunk-7BB5SREY.js';
import './chunk-F46BM2TN.js';
import './chunk-4EY6FVZ2.js';
import './chunk-RLRRM5WI.js';
import './chunk-EDGUTQBE.js';
import './chunk-K23UVRSF.js';
import './chunk-Z4AZA2Z5.js';
import './chunk-UAIMILBV.js';
import './chunk-A225JWGS.js';
import './chunk-QRAMNOBA.js';
import './chunk-XG7IDEMH.js';
import './chunk-2FIN6ECR.js';
import './chunk-TAJRGIDQ.js';
import './chunk-OKVXSYHK.js';
import './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

export { check, selectChanged };
//# sourceMappingURL=check-JBLYWTDB.js.map
