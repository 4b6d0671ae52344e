import { policyModulesIn, standIns } from './chunk-YSFD7TYA.js';
import './chunk-6XMXK3ZX.js';
import './chunk-A225JWGS.js';
import './chunk-GCOUUGUX.js';
import './chunk-QRAMNOBA.js';
import './chunk-XG7IDEMH.js';
import './chunk-2FIN6ECR.js';
import './chunk-TAJRGIDQ.js';
import './chunk-36NAHYJP.js';
import './chunk-H74XAY4A.js';
import './chunk-LLBBEWGM.js';
import './chunk-OKVXSYHK.js';
import './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

export { policyModulesIn, standIns };
//# sourceMappingURL=stand-ins-MBPPCJEO.js.map
