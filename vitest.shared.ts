import { defineConfig } from 'vitest/config';

/** Shared test settings: workspace packages resolve to their sources, reports go to JSON for CI. */
export const sharedTestConfig = defineConfig({
  resolve: { conditions: ['@consentry/source'] },
  ssr: { resolve: { conditions: ['@consentry/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report/results.json' },
    setupFiles: [new URL('./vitest.setup.ts', import.meta.url).pathname],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
