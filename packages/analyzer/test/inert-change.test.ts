import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisCache } from '../src/cache/analysis-cache.js';
import { type InertVerdict, inertChange } from '../src/cache/inert-change.js';
import { buildModuleGraph } from '../src/cache/module-graph.js';
import { check, selectChanged } from '../src/check.js';
import { DEFAULT_LIMITS } from '../src/code/limits.js';
import { loadPolicyOrDefault } from '../src/default-policy.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatPretty } from '../src/report/pretty.js';

// A pull request whose changed files can take part in no flow is answered without building a
// program (`inertChange`). These tests hold the verdict to what a full analysis finds, on the
// bench's Next.js-style app: every file called inert has no finding in it or flowing through it,
// and each way a file can matter (a function in a JSX attribute, a call, a consent client, a
// module-level buffer, a global) keeps the full pull-request scan.

interface AppShape {
  readonly leaf: string;
  readonly sinkFile: string;
}
type Generate = (dir: string, files: number, options?: { sdkSource?: boolean }) => AppShape;

const generator = fileURLToPath(new URL('../../../bench/generate-app.mjs', import.meta.url));
const dirs: string[] = [];
let generateAppProject: Generate;

function generate(files: number): { root: string; shape: AppShape } {
  const root = mkdtempSync(join(tmpdir(), 'consentry-inert-'));
  dirs.push(root);
  return { root, shape: generateAppProject(root, files, { sdkSource: true }) };
}

/** The verdict on changing `changed` in the project as it is now on disk. */
async function verdict(root: string, changed: readonly string[]): Promise<InertVerdict> {
  const { loaded } = await loadPolicyOrDefault(root);
  const cache = await AnalysisCache.open(undefined, { root });
  const graph = await buildModuleGraph(root, join(root, 'tsconfig.json'), cache);
  if (!graph) throw new Error('no module graph');
  return inertChange(graph, changed, {
    root,
    policyFile: loaded.file,
    code: loaded.policy.code,
    maxBytes: DEFAULT_LIMITS['file-bytes'],
    depth: DEFAULT_LIMITS.depth,
  });
}

function sources(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push(relative(root, full).replaceAll('\\', '/'));
      }
    }
  };
  walk(join(root, 'src'));
  return found.sort();
}

/** Replaces `from` by `to` in a file of `root`, failing when `from` is not there. */
function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(root, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${from}`);
  writeFileSync(join(root, file), text.replace(from, to));
}

beforeAll(async () => {
  ({ generateAppProject } = (await import(pathToFileURL(generator).href)) as {
    generateAppProject: Generate;
  });
});
afterAll(() => {
  for (const created of dirs.splice(0)) rmSync(created, { recursive: true, force: true });
});

describe('a pull request that can take part in no flow', { timeout: 300_000 }, () => {
  it('is called inert only for files with no finding in them or flowing through them', async () => {
    const { root, shape } = generate(200);
    const full = await check({ root });
    expect(full.findings.filter((f) => f.origin === 'code').length).toBeGreaterThan(0);
    const inert: string[] = [];
    const kept: string[] = [];
    for (const file of sources(root)) {
      ((await verdict(root, [file])).inert ? inert : kept).push(file);
    }
    for (const file of inert) {
      expect(selectChanged(full.findings, new Set([file])), file).toEqual([]);
    }
    // Every file a finding is in, or flows through, keeps the full pull-request scan.
    const flowing = new Set(
      full.findings.flatMap((f) => [f.file, ...(f.flow ?? []).map((step) => step.file)]),
    );
    for (const file of flowing) if (file.startsWith('src/')) expect(kept).toContain(file);
    expect(inert).toContain(shape.leaf);
    expect(kept).toContain(shape.sinkFile);
    // The icons, empty states, loading and error views and most UI primitives.
    expect(inert.length).toBeGreaterThan(20);
  });

  it('is answered without building a program, with the findings of the full scan', async () => {
    const { root, shape } = generate(200);
    edit(root, shape.leaf, 'Nothing here yet', 'No items yet');
    const pr = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => [shape.leaf],
    });
    expect(pr.stats.files).toBe(0);
    expect(pr.findings).toEqual([]);
    // The report says why nothing was analysed.
    const why = 'no changed file can take part in a flow, so no code was analysed';
    expect(formatPretty(pr)).toContain(why);
    expect(formatMarkdown(pr)).toContain(why);
    const full = await check({ root });
    expect(selectChanged(full.findings, new Set([shape.leaf]))).toEqual([]);
    // The same change beside a stylesheet and a README is still inert.
    expect(
      await verdict(root, [
        shape.leaf,
        shape.leaf.replace(/-empty\.tsx$/, '.module.css'),
        'README.md',
      ]),
    ).toEqual({ inert: true });
  });

  it('is answered without a program for a page that reads rows, and the full scan agrees', async () => {
    const { root, shape } = generate(200);
    const slug = shape.leaf.split('/')[2]!;
    const page = `src/app/(dashboard)/${slug}/page.tsx`;
    const before = await check({ root });
    edit(
      root,
      page,
      '  return (\n',
      "  const [latest] = rows;\n  console.info('listing', session.accountId, latest);\n  return (\n",
    );
    expect(await verdict(root, [page])).toEqual({ inert: true });
    const pr = await check({ root, changedSince: 'main', listChangedFiles: async () => [page] });
    expect(pr.stats.files).toBe(0);
    expect(pr.findings).toEqual([]);
    // Nothing the page reads goes towards training: every finding of the project is as it was.
    const after = await check({ root });
    expect(after.findings).toEqual(before.findings);
  });

  it('keeps the full scan when a page passes the component a function', async () => {
    const { root, shape } = generate(200);
    const list = shape.leaf.replace(/-empty\.tsx$/, '-list.tsx');
    const empty = /return <(\w+Empty) \/>/.exec(readFileSync(join(root, list), 'utf8'))?.[1];
    edit(root, list, `<${empty} />`, `<${empty} onCreate={() => window.location.reload()} />`);
    expect(await verdict(root, [shape.leaf])).toEqual({
      inert: false,
      reason: expect.stringContaining('other than as a JSX tag without functions in it'),
    });
    const pr = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => [shape.leaf],
    });
    expect(pr.stats.files).toBeGreaterThan(0);
  });

  it('keeps the full scan for a helper other files call', async () => {
    const { root } = generate(200);
    expect(await verdict(root, ['src/lib/utils.ts'])).toEqual({
      inert: false,
      reason: expect.stringMatching(/uses `(cn|formatDate|pluralize)` of src\/lib\/utils\.ts/),
    });
  });

  it('keeps the full scan when the component reaches a consent client, a buffer or a global', async () => {
    const { root, shape } = generate(200);
    const original = readFileSync(join(root, shape.leaf), 'utf8');
    const variants: [string, string, RegExp][] = [
      [
        "import { createAppConsent } from '@/consent';\n",
        '',
        /imports '@consentry\/sdk'|named in the policy/,
      ],
      ['', 'const shownAt: number[] = [];\n', /declares a module-level collection/],
      [
        '',
        'export function markShown() {\n  globalThis.trainingBuffer.push(Date.now());\n}\n',
        /uses `trainingBuffer`, declared globally/,
      ],
    ];
    writeFileSync(
      join(root, 'src/lib/training-buffer.ts'),
      'export {};\n\ndeclare global {\n  var trainingBuffer: number[];\n}\n\nglobalThis.trainingBuffer = [];\n',
    );
    for (const [imports, body, reason] of variants) {
      writeFileSync(join(root, shape.leaf), `${imports}${original}\n${body}`);
      const got = await verdict(root, [shape.leaf]);
      expect(got.inert, String(reason)).toBe(false);
      expect(got.inert ? '' : got.reason).toMatch(reason);
    }
    writeFileSync(join(root, shape.leaf), original);
    expect(await verdict(root, [shape.leaf])).toEqual({ inert: true });
  });

  it('keeps the full scan for a changed file that does not parse or does not resolve', async () => {
    const { root, shape } = generate(200);
    const original = readFileSync(join(root, shape.leaf), 'utf8');
    writeFileSync(join(root, shape.leaf), original.replace('</Card>', '</Card'));
    expect(await verdict(root, [shape.leaf])).toMatchObject({ inert: false });
    writeFileSync(
      join(root, shape.leaf),
      original.replace(".module.css';", ".missing.module.css';"),
    );
    expect(await verdict(root, [shape.leaf])).toMatchObject({
      inert: false,
      reason: expect.stringContaining('does not resolve'),
    });
    // A deleted source file is not known to be inert.
    rmSync(join(root, shape.leaf));
    expect(await verdict(root, [shape.leaf])).toMatchObject({ inert: false });
  });
});
