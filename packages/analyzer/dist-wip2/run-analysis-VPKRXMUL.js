import { analyzeWithCache, MemoryLimitError } from './chunk-F46BM2TN.js';
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

export { analyzeWithCache, MemoryLimitError };
//# sourceMappingURL=run-analysis-VPKRXMUL.js.map
