import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisCache } from '../src/cache/analysis-cache.js';
import { buildModuleGraph, type ModuleGraph } from '../src/cache/module-graph.js';
import { createTempProject, type TempProject } from './support/temp-project.js';

// The module graph resolves relative imports and `paths` aliases itself when TypeScript's answer
// is certain from the project's file list, and asks TypeScript otherwise. Every import must land
// where TypeScript's own resolution puts it.

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const remove of cleanup.splice(0)) remove();
});

async function graphOf(root: string): Promise<{ graph: ModuleGraph; options: ts.CompilerOptions }> {
  const tsconfig = join(root, 'tsconfig.json');
  const cache = await AnalysisCache.open(undefined, { root });
  const graph = await buildModuleGraph(root, tsconfig, cache);
  if (!graph) throw new Error(`no module graph for ${root}`);
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig)).options;
  return { graph, options };
}

/** Every import of every file, where the graph resolves it and where TypeScript does. */
function resolutions(root: string, graph: ModuleGraph, options: ts.CompilerOptions) {
  const prefix = `${root.replaceAll('\\', '/')}/`;
  const files = new Set(graph.files);
  const got: string[] = [];
  const want: string[] = [];
  for (const [file, facts] of graph.facts) {
    for (const { specifier } of facts.imports) {
      const typescript = ts.resolveModuleName(specifier, `${prefix}${file}`, options, ts.sys)
        .resolvedModule?.resolvedFileName;
      const relative = typescript?.startsWith(prefix) ? typescript.slice(prefix.length) : undefined;
      got.push(`${file} ${specifier} -> ${graph.resolve(specifier, file) ?? '-'}`);
      want.push(
        `${file} ${specifier} -> ${relative !== undefined && files.has(relative) ? relative : '-'}`,
      );
    }
  }
  return { got, want };
}

describe('the module graph resolves imports as TypeScript does', { timeout: 300_000 }, () => {
  it("on the bench's Next.js-style app (aliases to files and barrels, extensionless imports)", async () => {
    const generator = fileURLToPath(new URL('../../../bench/generate-app.mjs', import.meta.url));
    const { generateAppProject } = (await import(pathToFileURL(generator).href)) as {
      generateAppProject: (dir: string, files: number) => unknown;
    };
    const root = mkdtempSync(join(tmpdir(), 'consentry-resolution-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    generateAppProject(root, 200);
    const { graph, options } = await graphOf(root);
    const { got, want } = resolutions(root, graph, options);
    expect(got.length).toBeGreaterThan(400);
    expect(got).toEqual(want);
  });

  it('where a shortcut would guess: .ts beside .tsx, index files, excluded files, several patterns', async () => {
    const project: TempProject = createTempProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          jsx: 'preserve',
          strict: true,
          noEmit: true,
          paths: {
            '@/*': ['./src/*'],
            '@/ui/*': ['./src/components/ui/*'],
            '~lib': ['./src/lib/index.ts'],
            '#legacy/*': ['./vendor/*', './src/legacy/*'],
          },
        },
        include: ['src'],
        exclude: ['src/excluded'],
      }),
      'src/card.ts': 'export const card = 1;\n',
      'src/card.tsx': 'export const cardView = 2;\n',
      'src/panel.tsx': 'export const panel = 3;\n',
      'src/widgets/index.ts': 'export const widgets = 4;\n',
      'src/widgets/index.tsx': 'export const widgetsView = 5;\n',
      'src/forms/index.tsx': 'export const forms = 6;\n',
      'src/components/ui/button.tsx': 'export const button = 7;\n',
      'src/lib/index.ts': 'export const lib = 8;\n',
      'src/excluded/old.ts': 'export const old = 9;\n',
      'src/legacy/shim.ts': 'export const shim = 10;\n',
      'src/typed/index.ts': 'export const typed = 11;\n',
      'src/typed/package.json': '{ "types": "./main.ts" }\n',
      'src/typed/main.ts': 'export const main = 12;\n',
      'src/app.tsx': [
        "import { card } from './card';",
        "import { panel } from './panel';",
        "import { widgets } from './widgets';",
        "import { forms } from './forms';",
        "import { card as aliased } from '@/card';",
        "import { panel as aliasedPanel } from '@/panel';",
        "import { widgets as aliasedWidgets } from '@/widgets';",
        "import { forms as aliasedForms } from '@/forms';",
        "import { button } from '@/ui/button';",
        "import { lib } from '~lib';",
        "import { old } from '@/excluded/old';",
        "import { shim } from '#legacy/shim';",
        "import { typed } from '@/typed';",
        "import { missing } from '@/missing';",
        'export const all = [card, panel, widgets, forms, aliased, aliasedPanel, aliasedWidgets, aliasedForms, button, lib, old, shim, typed, missing];',
        '',
      ].join('\n'),
    });
    cleanup.push(() => project.remove());
    const { graph, options } = await graphOf(project.root);
    const { got, want } = resolutions(project.root, graph, options);
    expect(got).toEqual(want);
    // What TypeScript picks, spelled out: `.ts` before `.tsx`, a file before a directory.
    const resolve = (specifier: string) => graph.resolve(specifier, 'src/app.tsx');
    expect(resolve('./card')).toBe('src/card.ts');
    expect(resolve('@/card')).toBe('src/card.ts');
    expect(resolve('@/panel')).toBe('src/panel.tsx');
    expect(resolve('@/widgets')).toBe('src/widgets/index.ts');
    expect(resolve('@/forms')).toBe('src/forms/index.tsx');
    expect(resolve('@/ui/button')).toBe('src/components/ui/button.tsx');
    expect(resolve('@/excluded/old')).toBeUndefined();
  });
});
