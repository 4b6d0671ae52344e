import { cp, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const ruleDocs = new URL('../analyzer/docs/rules/', import.meta.url);

// The analyzer finds rule pages at ../docs/rules beside its module; in the bundle they sit in
// dist/docs/rules beside index.js. Fail the build if the analyzer moves them.
const relocateRuleDocs: Plugin = {
  name: 'relocate-rule-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]analyzer[\\/]src[\\/]rule-docs\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const relocated = source.replace("'../docs/rules/'", "'./docs/rules/'");
      if (relocated === source) {
        throw new Error(`${args.path} no longer names '../docs/rules/'; update tsup.config.ts`);
      }
      return { contents: relocated, loader: 'ts' };
    });
  },
};

// The runner does not install dependencies: dist/index.js carries every module it imports (the
// analyzer from its sources, ts-morph with its TypeScript, the toolkit). `--out-dir` builds
// elsewhere, which the test that compares the committed dist/ with a fresh build uses.
export default defineConfig((options) => {
  const outDir = options.outDir ?? 'dist';
  return {
    entry: { index: 'src/entry.ts' },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    bundle: true,
    noExternal: [/.*/],
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: true,
    shims: true,
    // Bundled CommonJS modules (ts-morph, TypeScript) call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as __consentryCreateRequire } from 'node:module';\nconst require = __consentryCreateRequire(import.meta.url);",
    },
    esbuildPlugins: [relocateRuleDocs],
    esbuildOptions(esbuild) {
      esbuild.conditions = ['@consentry/source'];
      esbuild.legalComments = 'linked';
      // A smaller committed bundle; identifiers stay readable for stack traces.
      esbuild.minifyWhitespace = true;
      esbuild.minifySyntax = true;
    },
    async onSuccess() {
      await cp(ruleDocs, resolve(outDir, 'docs/rules'), { recursive: true });
    },
  };
});
