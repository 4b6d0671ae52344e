import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

export default defineConfig({
  // The CLI keeps the `#!/usr/bin/env node` line of src/cli/main.ts, so dist/cli.js runs as a bin.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  sourcemap: true,
  // Only the compiler and its lib files are imported from ts-morph; see src/ts-runtime.ts.
  noExternal: ['ts-morph', '@ts-morph/common'],
  esbuildPlugins: [
    {
      name: 'ts-runtime',
      setup(build) {
        build.onResolve({ filter: /^(ts-morph|@ts-morph\/common)$/ }, () => ({
          path: fileURLToPath(new URL('./src/ts-runtime.ts', import.meta.url)),
        }));
      },
    },
  ],
});
