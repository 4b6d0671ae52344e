import { defineConfig } from 'tsup';

export default defineConfig({
  // The CLI keeps the `#!/usr/bin/env node` line of src/cli/main.ts, so dist/cli.js runs as a bin.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  sourcemap: true,
});
