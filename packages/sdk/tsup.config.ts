import { defineConfig } from 'tsup';

// ESM for `import`, CommonJS for `require`: apps on either module system get the same API.
export default defineConfig({
  entry: ['src/index.ts', 'src/sqlite/index.ts', 'src/postgres/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // The entries share one copy of the errors, so `instanceof ConsentStoreError` holds across them.
  splitting: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
});
