import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCodeAnalysis } from '../src/analyze-code.js';
import { AnalysisCache } from '../src/cache/analysis-cache.js';
import { buildModuleGraph, pullRequestSlice } from '../src/cache/module-graph.js';
import { standIns } from '../src/cache/stand-ins.js';
import { check, selectChanged } from '../src/check.js';
import { DEFAULT_LIMITS } from '../src/code/limits.js';
import { loadPolicyOrDefault } from '../src/default-policy.js';
import { formatJson } from '../src/report/json.js';
import { buildProjectRecord } from '../src/ropa/from-analysis.js';
import { compareWithAnnotations, listFiles, readAnnotations } from './code/annotations.js';
import { knownProjects } from './support/known-projects.js';

// A full scan whose module facts are cached reads the files that cannot reach a sink, and that
// the analysis reports nothing about, as stand-ins: their import statements only. These tests
// hold it to a scan that binds every file: every project the tests know gives the same report,
// and each way a file can matter keeps it bound.

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const bench = fileURLToPath(new URL('../../../bench/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const repositoryModules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * The report of a scan that binds every file (no cache), and of a full scan with the module
 * facts of every file cached but no stored result: the one that reads stand-ins.
 */
async function bothReports(root: string): Promise<{ whole: string; warm: string }> {
  const wholeRecord = JSON.stringify((await buildProjectRecord({ root })).record);
  const whole = formatJson(await check({ root }));
  const cacheDir = temporaryDir('consentry-stand-ins-cache-');
  await check({ root, cacheDir });
  // The facts stay; the stored result goes, as when a file changed since the last run.
  const forgetResults = () => {
    for (const entry of readdirSync(cacheDir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory() && entry.name === 'results') {
        rmSync(join(entry.parentPath, entry.name), { recursive: true, force: true });
      }
    }
  };
  forgetResults();
  const warm = formatJson(await check({ root, cacheDir }));
  // The record of processing, from the same evidence.
  forgetResults();
  expect(JSON.stringify((await buildProjectRecord({ root, cacheDir })).record)).toEqual(
    wholeRecord,
  );
  return { whole, warm };
}

/** The files of `root` a warm full scan would read as stand-ins, relative to it. */
async function standInFiles(root: string): Promise<string[]> {
  const { loaded } = await loadPolicyOrDefault(root);
  const cache = await AnalysisCache.open(undefined, { root });
  const graph = await buildModuleGraph(root, join(root, 'tsconfig.json'), cache);
  if (!graph) throw new Error('no module graph');
  const found = standIns(graph, {
    root,
    policyFile: loaded.file,
    code: loaded.policy.code,
    maxBytes: DEFAULT_LIMITS['file-bytes'],
    depth: DEFAULT_LIMITS.depth,
  });
  return [...(found?.files.keys() ?? [])].map((file) => file.slice(root.length + 1)).sort();
}

const key = (finding: { ruleId: string; file: string; line: number; column: number }) =>
  `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`;

/** The project's TypeScript sources (not declarations), relative, sorted. */
function sourceFiles(root: string): string[] {
  return listFiles(root)
    .map((file) => relative(root, file))
    .filter((file) => !/\.d\.[cm]?ts$/.test(file));
}

type Generate = (dir: string, files: number, options?: { sdkSource?: boolean }) => unknown;

async function generated(generator: 'generate-app.mjs' | 'generate.mjs', files: number) {
  const module = (await import(pathToFileURL(join(bench, generator)).href)) as Record<
    string,
    Generate
  >;
  const generate = module.generateAppProject ?? module.generateProject;
  const root = temporaryDir('consentry-stand-ins-');
  generate!(root, files, { sdkSource: true });
  return root;
}

describe('a full scan with a warm cache', { timeout: 600_000 }, () => {
  const projects = knownProjects();

  it.each(projects)('reports what binding every file reports, on %s', async (root) => {
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
  });

  // Small projects written to trip the module graph: an interface reached through a namespace
  // import, `import x = require`, or a class in a namespace; an `import('./x')` type, a global
  // type alias, a template-literal import; a sink mapped on a barrel or on a package that
  // re-exports it; a barrel of local `export { X }` of imported names; a directory import ending
  // in `/`; a `baseUrl` alias; data shared through an event bus or a module-level buffer.
  const tripwires = projects.filter((root) => root.includes('/fixtures/stand-ins/'));

  it.each(tripwires)(
    'finds with a full scan what the code is annotated with, on %s',
    async (root) => {
      const full = await check({ root });
      expect(full.findings.some((finding) => finding.severity === 'error')).toBe(true);
      const inCode = full.findings.filter((finding) =>
        /\.(?:[cm]?[jt]s|[jt]sx)$/.test(finding.file),
      );
      expect(compareWithAnnotations(readAnnotations(root), inCode)).toEqual([]);
    },
  );

  it.each(tripwires)(
    'finds in the shards of one directory each what the full scan finds, on %s',
    async (root) => {
      const full = await check({ root });
      const directories = new Set(sourceFiles(root).map((file) => file.split('/')[1]));
      const count = Math.max(2, directories.size);
      const shards = await Promise.all(
        Array.from({ length: count }, (_, index) =>
          check({ root, shard: { index: index + 1, count } }),
        ),
      );
      const found = shards.flatMap((report) =>
        report.findings.filter((finding) => finding.shardVote === undefined).map(key),
      );
      expect(found.sort()).toEqual(full.findings.map(key).sort());
    },
  );

  it.each(tripwires)(
    'reports in a one-file pull request what the full scan reports in that file, on %s',
    async (root) => {
      const full = await check({ root });
      expect(full.findings.length).toBeGreaterThan(0);
      for (const file of sourceFiles(root)) {
        const report = await check({
          root,
          changedSince: 'HEAD',
          listChangedFiles: async () => [file],
        });
        expect([file, report.findings.map(key).sort()]).toEqual([
          file,
          selectChanged(full.findings, new Set([file]))
            .map(key)
            .sort(),
        ]);
      }
    },
  );

  it("reports in a pull request that drops a helper's check what the change adds, inline functions the helper runs included", async () => {
    // The inline functions a helper runs start with what the helper checked; their findings
    // flow through the helper, so a pull request that changes only the helper keeps them.
    const root = temporaryDir('consentry-helper-pr-');
    cpSync(join(fixtures, 'stand-ins', 'callbacks-and-handler-tables'), root, { recursive: true });
    symlinkSync(repositoryModules, join(root, 'node_modules'), 'dir');
    const helper = 'src/jobs/trainable.ts';
    const before = await check({ root });
    const text = readFileSync(join(root, helper), 'utf8');
    const check_ = "    if (!(await consent.allows(user, 'model-training'))) continue;\n";
    expect(text).toContain(check_);
    writeFileSync(join(root, helper), text.replaceAll(check_, ''));
    const after = await check({ root });
    const known = new Set(before.findings.map(key));
    const added = after.findings.map(key).filter((finding) => !known.has(finding));
    // Each inline function handed to one of the helpers (directly, through the day helper,
    // through `timed`) was not reported, and is now.
    const exports = 'src/jobs/trainable-export.ts';
    const lines = readFileSync(join(root, exports), 'utf8').split('\n');
    const helped = lines.flatMap((line, index) =>
      /forEachTrainable(?:OfDay|Timed)?\(/.test(line) && lines[index + 1]?.includes('// ok:')
        ? [index + 3]
        : [],
    );
    expect(helped).toHaveLength(3);
    for (const line of helped) {
      expect(added).toContainEqual(expect.stringContaining(`${exports}:${line}:`));
    }
    const pr = await check({ root, changedSince: 'HEAD', listChangedFiles: async () => [helper] });
    expect(pr.findings.map(key)).toEqual(expect.arrayContaining(added));
  });

  it("reads most of the bench's app as stand-ins, and reports the same", async () => {
    const root = await generated('generate-app.mjs', 300);
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
    const report = JSON.parse(whole) as {
      findings: { file: string; flow?: { file: string }[] }[];
    };
    expect(report.findings.length).toBeGreaterThan(0);
    const left = new Set(await standInFiles(root));
    expect(left.size).toBeGreaterThan(150);
    // No file a finding lies in or flows through is left out.
    for (const finding of report.findings) {
      expect(left.has(finding.file)).toBe(false);
      for (const step of finding.flow ?? []) expect(left.has(step.file)).toBe(false);
    }
  });

  it("reads stand-ins in a pull request's slice too, and reports what the full scan reports there", async () => {
    const root = await generated('generate-app.mjs', 300);
    const full = await check({ root });
    // A fine-tuning job and thirty files spread over the project change: pages, hooks, repositories.
    const every = sourceFiles(root);
    const job = every.find((file) => /^src\/jobs\/[^/]+-fine-tune\.ts$/.test(file));
    const spread = Array.from(
      { length: 30 },
      (_, index) => every[Math.floor((index + 0.5) * (every.length / 30))]!,
    );
    const changed = [...new Set([job!, ...spread])];
    for (const file of changed) {
      appendFileSync(join(root, file), '\nexport const touched = true;\n');
    }
    const report = await check({
      root,
      changedSince: 'HEAD',
      listChangedFiles: async () => changed,
    });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.map(key).sort()).toEqual(
      selectChanged(full.findings, new Set(changed)).map(key).sort(),
    );
    // The slice holds files that need not be bound.
    const graph = await buildModuleGraph(
      root,
      join(root, 'tsconfig.json'),
      await AnalysisCache.open(undefined, { root }),
    );
    const { loaded } = await loadPolicyOrDefault(root);
    const slice = new Set(pullRequestSlice(graph!, changed));
    const inSlice = standIns(
      graph!,
      {
        root,
        policyFile: loaded.file,
        code: loaded.policy.code,
        maxBytes: DEFAULT_LIMITS['file-bytes'],
        depth: DEFAULT_LIMITS.depth,
      },
      slice,
    );
    expect(inSlice?.files.size ?? 0).toBeGreaterThan(0);
  });

  it('builds the program from the files themselves when a stand-in could change a resolution', async () => {
    const root = join(examples, 'fine-tune-pipeline');
    const { loaded } = await loadPolicyOrDefault(root);
    const analyse = async (files?: ReadonlyMap<string, string>) => {
      const { findings, diagnostics, evidence, stats } = await runCodeAnalysis({
        root,
        policy: loaded,
        ...(files === undefined ? {} : { standIns: { files, functions: 0 } }),
      });
      return JSON.stringify({ findings, diagnostics, evidence, stats });
    };
    const whole = await analyse();
    // The policy maps its sources in the schema: as a stand-in, those mappings would not resolve.
    const schema = join(root, 'src/db/schema.ts').replaceAll('\\', '/');
    expect(await analyse(new Map([[schema, 'export {};\n']]))).toEqual(whole);
    // A stand-in importing what does not resolve: the file itself would have reported it.
    const job = join(root, 'src/training/fine-tune-job.ts').replaceAll('\\', '/');
    expect(existsSync(job)).toBe(true);
    expect(await analyse(new Map([[job, "import './no-such-module';\nexport {};\n"]]))).toEqual(
      whole,
    );
  });

  it("leaves out of a pull request's slice a named re-export of a file outside it, without a diagnostic", async () => {
    const root = await generated('generate-app.mjs', 300);
    // A helper module re-exports one function and declares a flag; a job uses only the flag.
    writeFileSync(
      join(root, 'src/lib/text.ts'),
      'export function squash(text: string) {\n  return text.trim();\n}\n',
    );
    writeFileSync(
      join(root, 'src/lib/flags.ts'),
      "export { squash } from './text';\nexport const exportsEnabled = true;\n",
    );
    const job = sourceFiles(root).find((file) => /^src\/jobs\/[^/]+-fine-tune\.ts$/.test(file))!;
    const full = await check({ root });
    appendFileSync(
      join(root, job),
      "\nimport { exportsEnabled } from '@/lib/flags';\nexport const enabled = exportsEnabled;\n",
    );
    const changedFull = await check({ root });
    const pr = await check({ root, changedSince: 'HEAD', listChangedFiles: async () => [job] });
    expect(full.diagnostics).toEqual([]);
    // The slice holds the job and flags.ts but not text.ts, which it reads as empty.
    expect(pr.stats.files).toBeLessThan(changedFull.stats.files);
    expect(pr.diagnostics).toEqual(changedFull.diagnostics);
    expect(pr.findings.map(key).sort()).toEqual(
      selectChanged(changedFull.findings, new Set([job]))
        .map(key)
        .sort(),
    );
  });

  it("reports the same on the bench's synthetic shape", async () => {
    const root = await generated('generate.mjs', 250);
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
  });

  it('counts a file over the size limit in bytes as the full scan does, whatever its characters', async () => {
    const root = await generated('generate-app.mjs', 300);
    // A generated locale file: each Japanese character is three bytes in UTF-8, so the file
    // passes the byte limit with fewer characters than the limit.
    const rows: string[] = [];
    for (let n = 0; rows.join('\n').length < DEFAULT_LIMITS['file-bytes'] * 0.6; n += 1) {
      rows.push(
        `  'key.${n}': 'リクエストログの詳細を表示します。モデルの応答時間とトークン数を確認できます。',`,
      );
    }
    const text = `export const ja: Record<string, string> = {\n${rows.join('\n')}\n};\n\nexport function plural(count: number, one: string, other: string): string {\n  return count === 1 ? one : other;\n}\n`;
    expect(text.length).toBeLessThan(DEFAULT_LIMITS['file-bytes']);
    expect(Buffer.byteLength(text)).toBeGreaterThan(DEFAULT_LIMITS['file-bytes']);
    writeFileSync(join(root, 'src/lib/ja.ts'), text);
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
  });

  it('reads no stand-ins once a module is loaded by an expression', async () => {
    const root = await generated('generate-app.mjs', 300);
    expect((await standInFiles(root)).length).toBeGreaterThan(150);
    // A plugin loader: the exporter it loads is named at run time, so any file may be loaded.
    writeFileSync(
      join(root, 'src/lib/exporters.ts'),
      `export interface Exporter {
  exportPrompts(prompts: readonly string[]): Promise<void>;
}

export async function loadExporter(provider: string): Promise<Exporter> {
  const module = (await import(\`./exporters/\${provider}\`)) as { default: Exporter };
  return module.default;
}
`,
    );
    expect(await standInFiles(root)).toEqual([]);
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
  });

  it('keeps bound every file the analysis reports on or reaches a sink through', async () => {
    const root = await generated('generate-app.mjs', 300);
    const before = new Set(await standInFiles(root));
    // One component from each of eight features: a page that renders one of them (and is bound
    // because of it) imports no other.
    const byFeature = new Map<string, string>();
    for (const file of before) {
      const feature = /^src\/components\/([^/]+)\//.exec(file)?.[1];
      if (feature && feature !== 'ui' && !byFeature.has(feature)) byFeature.set(feature, file);
    }
    const leaves = [...byFeature.values()].slice(0, 9);
    expect(leaves).toHaveLength(9);
    const [syntax, missing, global, nested, buffer, emitter, heritage, consent, caller] =
      leaves as [string, string, string, string, string, string, string, string, string];
    appendFileSync(join(root, syntax), '\nexport function broken( {\n');
    appendFileSync(join(root, missing), "\nimport { gone } from './no-such-file';\n");
    writeFileSync(join(root, 'src/types/globals.d.ts'), 'declare const BUILD_ID: string;\n');
    appendFileSync(join(root, global), '\nexport const build = BUILD_ID;\n');
    appendFileSync(
      join(root, nested),
      `\nexport const deep = ${'['.repeat(DEFAULT_LIMITS.depth)}${']'.repeat(DEFAULT_LIMITS.depth)};\n`,
    );
    appendFileSync(join(root, buffer), '\nexport const seen: string[] = [];\n');
    appendFileSync(
      join(root, emitter),
      "\nexport const ping = (bus: any) => bus.emit('seen', 1);\n",
    );
    // A component class implementing an interface declared beside the consent client.
    writeFileSync(
      join(root, 'src/consent-hooks.ts'),
      "import { createAppConsent } from './consent';\nexport interface Hook { run(text: string): void }\nexport const makeConsent = createAppConsent;\n",
    );
    appendFileSync(
      join(root, heritage),
      "\nimport type { Hook } from '@/consent-hooks';\nexport class Logger implements Hook { run(text: string) { console.log(text); } }\n",
    );
    appendFileSync(
      join(root, consent),
      "\nimport { createAppConsent } from '@/consent';\nexport const consentFor = createAppConsent;\n",
    );
    // A call through an interface whose only implementation uploads to a vendor: the caller
    // imports neither the class nor the vendor, yet the call may reach the upload.
    writeFileSync(
      join(root, 'src/lib/export-hook.ts'),
      'export interface ExportHook {\n  send(text: string): Promise<void>;\n}\n',
    );
    writeFileSync(
      join(root, 'src/jobs/openai-export-hook.ts'),
      `import { Readable } from 'node:stream';
import type OpenAI from 'openai';
import type { ExportHook } from '@/lib/export-hook';

/** Sends drafts to the vendor as fine-tuning files. */
export class OpenAIExportHook implements ExportHook {
  constructor(private readonly openai: OpenAI) {}

  async send(text: string): Promise<void> {
    await this.openai.files.create({ file: Readable.from([text]) as never, purpose: 'fine-tune' });
  }
}
`,
    );
    appendFileSync(
      join(root, caller),
      "\nimport type { ExportHook } from '@/lib/export-hook';\nexport async function shareDraft(hook: ExportHook, text: string) {\n  await hook.send(text);\n}\n",
    );
    const after = new Set(await standInFiles(root));
    for (const file of leaves) expect(after.has(file), file).toBe(false);
    // Most others stay stand-ins (the pages rendering a component that now reaches a sink, and
    // what those pages import, are bound with it).
    expect(after.size).toBeGreaterThan(before.size / 2);
    const { whole, warm } = await bothReports(root);
    expect(warm).toEqual(whole);
    expect(JSON.parse(whole).diagnostics.length).toBeGreaterThan(0);
  });
});
