import { loadPolicy } from '@consentry/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import { createTempProject, type TempProject } from '../support/temp-project.js';

// A Next.js-style app whose imports the checker cannot resolve for different reasons; outside the
// repository, so only its own node_modules resolve.
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'flow-editor', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      types: [],
      paths: { '~/*': ['./src/*'] },
    },
    include: ['src'],
  }),
  'node_modules/@xyflow/react/package.json': JSON.stringify({
    name: '@xyflow/react',
    version: '12.8.2',
    exports: { '.': { types: './dist/index.d.ts' }, './dist/style.css': './dist/style.css' },
  }),
  'node_modules/@xyflow/react/dist/style.css': '.react-flow { position: relative; }\n',
  'node_modules/@xyflow/react/dist/index.d.ts': 'export declare function ReactFlow(): null;\n',
  'node_modules/elkjs/package.json': JSON.stringify({
    name: 'elkjs',
    version: '0.10.0',
    main: 'lib/main.js',
  }),
  'node_modules/elkjs/lib/elk-worker.min.js': 'self.onmessage = () => {};\n',
  'src/app/globals.css': 'body { margin: 0; }\n',
  'src/lib/db.ts': 'export const db = { rows: [] as string[] };\n',
  'src/app/editor.ts': [
    "import '@xyflow/react/dist/style.css';",
    "import './globals.css';",
    "import { ReactFlow } from '@xyflow/react';",
    "import ElkWorker from 'elkjs/lib/elk-worker.min.js';",
    "import { db } from '~/lib/db.js';",
    "import { cache } from '~/lib/cache.js';",
    "import confetti from 'canvas-confetti';",
    '',
    '/** Lays out the graph in a worker and celebrates. */',
    'export function layout(): unknown {',
    '  return [ReactFlow, ElkWorker, db, cache, confetti];',
    '}',
    '',
  ].join('\n'),
};

describe('diagnostics for imports the checker cannot resolve', () => {
  let project: TempProject;
  let analysis: CodeAnalysis;

  beforeAll(async () => {
    project = createTempProject(files);
    analysis = await analyzeCode({
      root: project.root,
      policy: loadPolicy(`${project.root}/consentry.yaml`),
    });
  }, 60_000);
  afterAll(() => project.remove());

  const about = (text: string) =>
    analysis.diagnostics.filter((diagnostic) => diagnostic.message.includes(text));

  it('say nothing about a stylesheet of an installed package or of the project', () => {
    expect(about('style.css')).toEqual([]);
    expect(about('globals.css')).toEqual([]);
    expect(about('@xyflow/react')).toEqual([]);
  });

  it('call a JavaScript file of an installed package untyped, not missing', () => {
    expect(about('elkjs')).toEqual([
      {
        code: 'module-unresolved',
        message:
          "package 'elkjs' is installed, but 'elkjs/lib/elk-worker.min.js' has no type declarations the analysis can read (a JavaScript file, or a subpath its exports map gives no types); calls into it are treated as unknown code",
        file: 'src/app/editor.ts',
        line: 4,
        column: 23,
      },
    ]);
  });

  it('name a tsconfig path alias as an alias, and only when it does not resolve', () => {
    expect(about('~/lib/db')).toEqual([]);
    expect(about('~/lib/cache').map((diagnostic) => diagnostic.message)).toEqual([
      `path alias '~/lib/cache.js' (tsconfig "paths" '~/*') does not resolve to a file of the project; calls into it are treated as unknown code`,
    ]);
  });

  it('report only the package that is really missing as not installed', () => {
    expect(
      analysis.diagnostics
        .filter((diagnostic) => diagnostic.message.includes('not installed'))
        .map((diagnostic) => diagnostic.code)
        .sort(),
    ).toEqual(['dependencies-missing', 'module-unresolved']);
    expect(about('canvas-confetti')).toHaveLength(2);
    expect(about('1 imported package not installed (canvas-confetti)')).toHaveLength(1);
  });
});
