// The build (tsup.config.ts) resolves imports of 'ts-morph' and '@ts-morph/common' to this module:
// loading the compiler through `require` spares Node's scan of a 3 MB CommonJS file for its export
// names, which an ES module `import` of it costs on every run. Sources and tests import as usual.
import { createRequire } from 'node:module';

const common = createRequire(import.meta.url)(
  '@ts-morph/common',
) as typeof import('@ts-morph/common');

export const { ts, getLibFiles, libFolderInMemoryPath } = common;
