// src/ts-runtime.ts
import { createRequire } from 'module';

var common = createRequire(import.meta.url)('@ts-morph/common');
var { ts, getLibFiles, libFolderInMemoryPath } = common;

export { getLibFiles, libFolderInMemoryPath, ts };
//# sourceMappingURL=chunk-ENMR6OK3.js.map
