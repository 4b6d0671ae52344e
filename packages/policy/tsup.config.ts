import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
  // Only `ts` is imported from ts-morph; see src/ts-runtime.ts.
  noExternal: ['ts-morph'],
  esbuildPlugins: [
    {
      name: 'ts-runtime',
      setup(build) {
        build.onResolve({ filter: /^ts-morph$/ }, () => ({
          path: fileURLToPath(new URL('./src/ts-runtime.ts', import.meta.url)),
        }));
      },
    },
  ],
});
