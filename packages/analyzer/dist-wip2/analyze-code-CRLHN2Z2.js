import { analyzeCode, runCodeAnalysis } from './chunk-P76B5KA3.js';
import './chunk-IPARGZ6Q.js';
import './chunk-UAIMILBV.js';
import './chunk-6XMXK3ZX.js';
import './chunk-A225JWGS.js';
import './chunk-TAJRGIDQ.js';
import './chunk-H74XAY4A.js';
import './chunk-LLBBEWGM.js';
import './chunk-OKVXSYHK.js';
import './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

export { analyzeCode, runCodeAnalysis };
//# sourceMappingURL=analyze-code-CRLHN2Z2.js.map
