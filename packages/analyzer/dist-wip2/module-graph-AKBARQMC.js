import {
  buildModuleGraph,
  closure,
  pullRequestSlice,
  reexportsOutside,
  shardSlice,
} from './chunk-GCOUUGUX.js';
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

export { buildModuleGraph, closure, pullRequestSlice, reexportsOutside, shardSlice };
//# sourceMappingURL=module-graph-AKBARQMC.js.map
