// The build (tsup.config.ts) resolves `import { ts } from 'ts-morph'` to this module: loading the
// compiler through `require` spares Node's scan of ts-morph's CommonJS files for their export
// names, which an ES module `import` costs on every run. Sources and tests import ts-morph as usual.
import { createRequire } from 'node:module';

export const { ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
