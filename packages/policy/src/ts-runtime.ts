// The build (tsup.config.ts) resolves `import { ts } from 'ts-morph'` to this module: the compiler
// is loaded through `require`, which spares Node's scan of ts-morph's CommonJS files for their
// export names, and only when a TypeScript policy is read (a YAML policy never loads it). Sources
// and tests import ts-morph as usual.
import { createRequire } from 'node:module';

type TypeScript = typeof import('ts-morph').ts;

let loaded: TypeScript | undefined;

export const ts: TypeScript = new Proxy({} as TypeScript, {
  get(_target, key) {
    loaded ??= (createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph')).ts;
    return Reflect.get(loaded, key);
  },
});
