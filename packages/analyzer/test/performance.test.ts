import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportFinding } from '../src/baseline.js';
import type { CacheCounters } from '../src/cache/analysis-cache.js';
import { readModuleFacts } from '../src/cache/module-facts.js';
import { check, selectChanged } from '../src/check.js';
import { mergeReports } from '../src/merge.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { buildProjectRecord } from '../src/ropa/from-analysis.js';
import { renderRecord } from '../src/ropa/render.js';
import { assignShards, listShardUnits, parseShard } from '../src/shard.js';
import { createCodeProject } from './support/code-project.js';
import { runCli } from './support/run-cli.js';
import { compileReportSchema, compileSarifSchema } from './support/schemas.js';
import type { TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
const vendorStubs = fileURLToPath(new URL('./fixtures/code/vendors/node_modules', import.meta.url));
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

/** A helper in one file decides consent; a training export in another calls it. */
const GUARD = `import { consent } from './consent.js';
import type { User } from './domain.js';

export async function mayTrainOn(user: User): Promise<boolean> {
  return consent.allows(user, 'model-training');
}
`;
const GUARD_BROKEN = `import type { User } from './domain.js';

export async function mayTrainOn(user: User): Promise<boolean> {
  return user.id.length > 0;
}
`;
const GUARDED_EXPORT = `import type { User } from './domain.js';
import { mayTrainOn } from './guard.js';
import { trainingQueue } from './training-queue.js';

export async function exportGuarded(user: User) {
  if (await mayTrainOn(user)) {
    trainingQueue.enqueue({ email: user.email });
  }
}
`;

function project(): TempProject {
  const created = createCodeProject();
  created.write('src/guard.ts', GUARD);
  created.write('src/guarded-export.ts', GUARDED_EXPORT);
  projects.push(created);
  return created;
}

async function checkCounting(root: string, extra: Partial<Parameters<typeof check>[0]> = {}) {
  let counters: CacheCounters | undefined;
  const report = await check({
    root,
    cacheDir: 'node_modules/.cache/consentry',
    onCache: (value) => {
      counters = value;
    },
    ...extra,
  });
  return { report, counters: counters! };
}

const withoutVotes = <T extends { shardVote?: unknown }>(findings: readonly T[]) =>
  findings.filter((finding) => finding.shardVote === undefined);

const codeFiles = (report: Awaited<ReturnType<typeof check>>) =>
  report.findings.filter((f) => f.origin === 'code').map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('cache, slices, shards and merge', { timeout: 120_000 }, () => {
  it('reuses an unchanged run and sees a new finding when a callee in another file changes', async () => {
    const { root, write } = project();
    const first = await checkCounting(root);
    expect(first.counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(codeFiles(first.report)).toEqual(['training-without-consent src/export.ts:7']);

    const second = await checkCounting(root);
    expect(second.counters).toMatchObject({ resultHits: 1, resultMisses: 0 });
    expect(formatJson(second.report)).toBe(formatJson(first.report));

    write('src/guard.ts', GUARD_BROKEN);
    const third = await checkCounting(root);
    expect(third.counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(codeFiles(third.report)).toEqual([
      'training-without-consent src/export.ts:7',
      'training-without-consent src/guarded-export.ts:7',
    ]);
    // The full scan kept the module facts of every file it parsed: a pull request parses none.
    const pr = await checkCounting(root, {
      changedSince: 'main',
      listChangedFiles: async () => ['src/guard.ts'],
    });
    expect(pr.counters).toMatchObject({ factMisses: 0, factHits: third.report.stats.files });
  });

  it('builds the record of processing from the analysis a full check left in the cache', async () => {
    const { root, write } = project();
    const cacheDir = join(root, 'node_modules', '.cache', 'consentry');
    await check({ root, cacheDir });
    let counters: CacheCounters | undefined;
    const cached = await buildProjectRecord({
      root,
      cacheDir,
      onCache: (value) => {
        counters = value;
      },
    });
    expect(counters).toMatchObject({ resultHits: 1, resultMisses: 0 });
    const fresh = await buildProjectRecord({ root });
    expect(renderRecord(cached.record, 'markdown')).toBe(renderRecord(fresh.record, 'markdown'));
    expect(cached.record.activities.length).toBeGreaterThan(0);
    expect(cached.diagnostics).toEqual(fresh.diagnostics);

    // The record reads the cache and never writes it: a miss analyses and leaves it as it was.
    const entries = () =>
      readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })
        .map((name) => `${name} ${statSync(join(cacheDir, name)).mtimeMs}`)
        .sort();
    const before = entries();
    write('src/guard.ts', GUARD_BROKEN);
    await buildProjectRecord({
      root,
      cacheDir,
      onCache: (value) => {
        counters = value;
      },
    });
    expect(counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(entries()).toEqual(before);

    const cli = await runCli(root, 'ropa', '--no-cache', '--cache-dir', 'x');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--no-cache turns the cache off; drop --cache-dir');
  });

  it('does not reuse a result once an installed package’s declarations change or disappear', async () => {
    const { root, write } = project();
    const stub = readFileSync(join(vendorStubs, 'openai', 'index.d.ts'), 'utf8');
    write(
      'node_modules/openai/package.json',
      readFileSync(join(vendorStubs, 'openai', 'package.json'), 'utf8'),
    );
    write('node_modules/openai/index.d.ts', stub);
    write(
      'src/fine-tune.ts',
      `import OpenAI, { toFile } from 'openai';
import type { User } from './domain.js';

const client = new OpenAI();

/** Uploads a user's e-mail address as a fine-tuning file. */
export async function uploadAddress(user: User) {
  await client.files.create({ file: await toFile(user.email), purpose: 'fine-tune' });
}
`,
    );
    const first = await checkCounting(root);
    expect(codeFiles(first.report)).toContain('training-without-consent src/fine-tune.ts:8');

    // Same lock file, same project files; only the package's declarations differ.
    write(
      'node_modules/openai/index.d.ts',
      stub.replace('create(body: FileCreateParams)', 'upload(body: FileCreateParams)'),
    );
    const edited = await checkCounting(root);
    expect(edited.counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(codeFiles(edited.report)).not.toContain('training-without-consent src/fine-tune.ts:8');

    // Put back: the stored result (of the edited declarations) is not reused, the first one returns.
    write('node_modules/openai/index.d.ts', stub);
    const restored = await checkCounting(root);
    expect(restored.counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(formatJson(restored.report)).toBe(formatJson(first.report));
    // Rewritten with the same content (a reinstall: a new modification time) is still a hit.
    write('node_modules/openai/index.d.ts', stub);
    const reinstalled = await checkCounting(root);
    expect(reinstalled.counters).toMatchObject({ resultHits: 1, resultMisses: 0 });

    rmSync(join(root, 'node_modules', 'openai'), { recursive: true });
    const removed = await checkCounting(root);
    expect(removed.counters).toMatchObject({ resultHits: 0, resultMisses: 1 });
    expect(codeFiles(removed.report)).not.toContain('training-without-consent src/fine-tune.ts:8');
  });

  it('scans a pull request on the slice its changed files reach, with the full scan’s findings', async () => {
    const { root, write } = project();
    write(
      'src/guarded-export.ts',
      GUARDED_EXPORT.replace('if (await mayTrainOn(user))', 'if (user)'),
    );
    const changed = ['src/guarded-export.ts'];
    const full = await check({ root });
    const pr = await checkCounting(root, {
      changedSince: 'main',
      listChangedFiles: async () => changed,
    });
    expect(codeFiles(pr.report)).toEqual(['training-without-consent src/guarded-export.ts:7']);
    expect(pr.report.findings.map((f) => f.fingerprint)).toEqual(
      selectChanged(full.findings, new Set(changed)).map((f) => f.fingerprint),
    );
    // The unrelated export.ts is outside the slice.
    expect(pr.report.stats.files).toBe(full.stats.files - 1);
    // Module facts: every file parsed once, then all reused by the next pull-request run.
    expect(pr.counters.factMisses).toBe(full.stats.files);
    const again = await checkCounting(root, {
      changedSince: 'main',
      listChangedFiles: async () => changed,
    });
    expect(again.counters).toMatchObject({
      factMisses: 0,
      factHits: full.stats.files,
      resultHits: 1,
    });
  });

  it('follows imports through a barrel, leaving out what the slice does not use', async () => {
    const { root, write } = project();
    write(
      'src/index.ts',
      "export * from './guard.js';\nexport * from './export.js';\nexport * from './domain.js';\n",
    );
    write(
      'src/barrel-export.ts',
      GUARDED_EXPORT.replace("from './guard.js'", "from './index.js'")
        .replace("from './domain.js'", "from './index.js'")
        .replace('if (await mayTrainOn(user))', 'if (user)'),
    );
    const changed = ['src/barrel-export.ts'];
    const full = await check({ root });
    const pr = await check({ root, changedSince: 'main', listChangedFiles: async () => changed });
    expect(codeFiles(pr)).toEqual(['training-without-consent src/barrel-export.ts:7']);
    expect(pr.findings.map((f) => f.fingerprint)).toEqual(
      selectChanged(full.findings, new Set(changed)).map((f) => f.fingerprint),
    );
    // export.ts is re-exported by the barrel but not used: it stays out of the analysis.
    expect(pr.stats.files).toBe(full.stats.files - 2);
  });

  it('reports nothing from the code when no source file changed', async () => {
    const { root } = project();
    const pr = await checkCounting(root, {
      changedSince: 'main',
      listChangedFiles: async () => ['README.md'],
    });
    expect(codeFiles(pr.report)).toEqual([]);
    expect(pr.report.stats.files).toBe(0);
  });

  it('splits a project into shards whose merged reports equal the full report', async () => {
    const { root, write } = project();
    write('src/guard.ts', GUARD_BROKEN);
    const full = await check({ root });
    const shards = await Promise.all(
      [1, 2, 3].map((index) => check({ root, shard: { index, count: 3 } })),
    );
    // Each shard reports the code findings in its own files (and votes on the rest, see below).
    const covered = shards
      .flatMap((report) => codeFiles({ ...report, findings: withoutVotes(report.findings) }))
      .sort();
    expect(covered).toEqual(codeFiles(full).sort());
    const merged = mergeReports(
      shards
        .reverse()
        .map((report, index) => ({ name: `shard-${index}.json`, text: formatJson(report) })),
    );
    const fullJson = JSON.parse(formatJson(full)) as { findings: unknown[] };
    const mergedJson = JSON.parse(merged.text) as { findings: unknown[] };
    expect(mergedJson.findings).toEqual(fullJson.findings);
  });

  it('keeps a shard vote only when every shard cast it and one saw processing', () => {
    const vote = (index: number, processing: boolean): ReportFinding => ({
      ruleId: 'purpose-unused',
      severity: 'note',
      message: 'Purpose `x` is declared in the policy, but no code names it.',
      origin: 'code',
      file: 'consentry.yaml',
      line: 40,
      column: 3,
      purpose: 'x',
      fingerprint: 'f1',
      lineHash: 'h1',
      shardVote: { index, count: 3, processing },
    });
    const report = (...findings: ReportFinding[]) => ({
      name: 'shard.json',
      text: formatJson({
        tool: { name: 'consentry', version: '0.0.0', informationUri: 'https://example.test' },
        policyFile: 'consentry.yaml',
        directory: '.',
        findings,
        diagnostics: [],
        suppressions: [],
        rules: [],
        stats: { files: 1, functions: 1, suppressed: 0, baselined: 0, unchanged: 0 },
      }),
    });
    const settled = (...reports: ReturnType<typeof report>[]) =>
      (JSON.parse(mergeReports(reports).text) as { findings: Record<string, unknown>[] }).findings;

    const all = settled(report(vote(1, false)), report(vote(2, true)), report(vote(3, false)));
    expect(all).toHaveLength(1);
    expect(all[0]).not.toHaveProperty('shardVote');
    // One shard named the purpose (no vote), or no shard saw any processing: no finding.
    expect(settled(report(vote(1, true)), report(), report(vote(3, true)))).toEqual([]);
    expect(settled(report(vote(1, false)), report(vote(2, false)), report(vote(3, false)))).toEqual(
      [],
    );
  });

  it('merges SARIF without duplicates, whatever the order of the inputs', () => {
    const sarif = (results: { ruleId: string; uri: string; line: number }[]) =>
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'consentry', rules: [{ id: 'b-rule' }, { id: 'a-rule' }] } },
            results: results.map(({ ruleId, uri, line }) => ({
              ruleId,
              level: 'error',
              locations: [
                { physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } },
              ],
              partialFingerprints: { primaryLocationLineHash: `${uri}:${line}` },
            })),
          },
        ],
      });
    const one = sarif([
      { ruleId: 'b-rule', uri: 'src/b.ts', line: 3 },
      { ruleId: 'a-rule', uri: 'src/a.ts', line: 9 },
    ]);
    const two = sarif([{ ruleId: 'a-rule', uri: 'src/a.ts', line: 9 }]);
    const forward = mergeReports([
      { name: 'one', text: one },
      { name: 'two', text: two },
    ]);
    const backward = mergeReports([
      { name: 'two', text: two },
      { name: 'one', text: one },
    ]);
    expect(forward.text).toBe(backward.text);
    const log = JSON.parse(forward.text) as {
      runs: { results: { ruleId: string; ruleIndex: number }[] }[];
    };
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['a-rule', 0],
      ['b-rule', 1],
    ]);
    expect(() => mergeReports([{ name: 'x.json', text: '{}' }])).toThrow(/x.json: not a consentry/);
  });

  it('merges real SARIF reports of shards into the full SARIF results', async () => {
    const { root, write } = project();
    write('src/guard.ts', GUARD_BROKEN);
    const full = JSON.parse(formatSarif(await check({ root }))) as {
      runs: { results: unknown[] }[];
    };
    const shards = await Promise.all(
      [1, 2].map((index) => check({ root, shard: { index, count: 2 } })),
    );
    const merged = JSON.parse(
      mergeReports(shards.map((r, i) => ({ name: `${i}`, text: formatSarif(r) }))).text,
    ) as { runs: { results: unknown[] }[] };
    expect(merged.runs[0]!.results).toEqual(full.runs[0]!.results);
  });

  it('assigns shard units deterministically, largest first to the least loaded shard', async () => {
    const files = [
      'src/a/1.ts',
      'src/a/2.ts',
      'src/a/3.ts',
      'src/b/1.ts',
      'src/c/1.ts',
      'src/c/2.ts',
    ];
    const units = await listShardUnits('/nonexistent', files, '/nonexistent/tsconfig.json');
    expect(units.map((unit) => unit.name)).toEqual(['src/a', 'src/b', 'src/c']);
    const shards = assignShards(units, 2).map((shard) => shard.map((unit) => unit.name));
    expect(shards).toEqual([['src/a'], ['src/b', 'src/c']]);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('4/3')).toThrow(/--shard takes i\/n/);
  });

  it('follows names through barrels and records heritage and dynamic imports', () => {
    const facts = readModuleFacts(
      'a.ts',
      `import { x as y, type Z } from './barrel.js';
import * as all from './all.js';
export * from './star.js';
export { w as v } from './w.js';
export const [p, q] = [1, 2];
export default class Impl extends y implements Z {}
const lazy = () => import('./lazy.js');
`,
    );
    expect(facts).toEqual({
      imports: [
        { specifier: './barrel.js', names: ['x', 'Z'] },
        { specifier: './all.js', names: null },
        { specifier: './lazy.js', names: null },
      ],
      exports: ['Impl', 'default', 'p', 'q'],
      stars: ['./star.js'],
      reexports: [{ specifier: './w.js', name: 'w', as: 'v' }],
      heritage: [
        { specifier: './barrel.js', names: ['x'] },
        { specifier: './barrel.js', names: ['Z'] },
      ],
      localHeritage: [],
      // What a full scan with a warm cache needs to leave the file unbound (stand-ins.ts).
      loads: [
        "import { x as y, type Z } from './barrel.js';",
        "import * as all from './all.js';",
        "export * from './star.js';",
        "export { w as v } from './w.js';",
      ],
      module: true,
      syntaxError: false,
      functions: 1,
      collection: false,
      eventCall: false,
    });
    const other = readModuleFacts(
      'b.ts',
      `const queue: string[] = [];
export function push(text: string) { queue.push(text); bus.emit('pushed', text); }
function broken( {
`,
    );
    expect(other).toMatchObject({
      loads: [],
      module: true,
      syntaxError: true,
      // `broken` has no body the parser could recover: only `push` is a function.
      functions: 1,
      collection: true,
      eventCall: true,
    });
  });

  it('reads a local export of an imported name as a re-export of it', () => {
    const facts = readModuleFacts(
      'index.ts',
      `export { Hook, BaseHook as AbstractHook, hooks, Legacy };
export type { Options };
export default Queue;
import type { Hook, Options } from './hook.js';
import { BaseHook } from './base-hook.js';
import * as hooks from './hooks.js';
import Queue from './queue.js';
import Legacy = require('./legacy.js');
const local = 1;
export { local as own };
`,
    );
    expect(facts.reexports).toEqual([
      { specifier: './hook.js', name: 'Hook', as: 'Hook' },
      { specifier: './base-hook.js', name: 'BaseHook', as: 'AbstractHook' },
      { specifier: './hooks.js', name: '*', as: 'hooks' },
      { specifier: './legacy.js', name: '*', as: 'Legacy' },
      { specifier: './hook.js', name: 'Options', as: 'Options' },
      { specifier: './queue.js', name: 'default', as: 'default' },
    ]);
    // Only what the file declares itself is its own export.
    expect(facts.exports).toEqual(['own']);
  });

  it('records the types object literals are written to implement, and what local aliases name', () => {
    const facts = readModuleFacts(
      'hooks.ts',
      `import type { ExportHook } from './export-hook.js';
import type * as sinks from './sinks.js';
import type { Options } from './options.js';
import { upload } from './upload.js';

type Hook = ExportHook;

export const openAIHook: ExportHook = { send: upload };
export const transcripts = { push: upload } satisfies sinks.TranscriptSink;
export function register(): void {
  const local = ({ send: upload }) as Hook;
  local.send('');
}
export const options: Options = Object.freeze({ retries: 3 });
`,
    );
    // `sinks.TranscriptSink` names one export of the namespace, and the namespace as a whole.
    expect(facts.heritage).toEqual([
      { specifier: './sinks.js', names: ['TranscriptSink'] },
      { specifier: './export-hook.js', names: ['ExportHook'] },
      { specifier: './sinks.js', names: null },
      { specifier: './export-hook.js', names: ['ExportHook'] },
    ]);
    expect(facts.localHeritage).toEqual([]);
  });

  it('reads the modules a JavaScript file names in its JSDoc types as imports', () => {
    const text = `/** @import { Account } from './accounts.js' */
import { promptOf } from './prompts.js';

/**
 * @param {import('./types.js').Exchange} exchange
 * @param {Account} account
 */
export async function upload(exchange, account) {
  const { client } = await import('./client.js');
  return client.send(promptOf(exchange), account.id);
}
`;
    const imported = (file: string) =>
      readModuleFacts(file, text).imports.map((fact) => fact.specifier);
    expect(imported('upload.js')).toEqual([
      './prompts.js',
      './client.js',
      './accounts.js',
      './types.js',
    ]);
    // In TypeScript, JSDoc names no module: the types say it.
    expect(imported('upload.ts')).toEqual(['./prompts.js', './client.js']);
  });
});

describe('the CLI', { timeout: 120_000 }, () => {
  const cli = (cwd: string, ...argv: string[]) => runCli(cwd, ...argv, { env: { NO_COLOR: '1' } });

  it('stops near --max-memory and names the part that was too large', async () => {
    const { root } = project();
    const result = await cli(root, 'check', '.', '--max-memory', '1', '--no-cache');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /of the 1 MB limit while analysing all 6 files; raise --max-memory or split the run with --shard/,
    );
    const sharded = await cli(root, 'check', '.', '--max-memory', '1', '--shard', '1/2');
    expect(sharded.stderr).toMatch(/while (reading the imports of|analysing shard 1\/2)/);
  });

  it('stops inside the analysis too: before binding a program that would not fit', async () => {
    const { root } = project();
    const limitBytes = 512 * 2 ** 20;
    let parsed = false;
    const run = check({
      root,
      memory: { limitBytes, usedBytes: () => (parsed ? 0.95 : 0.1) * limitBytes },
      // The program is parsed (and about to be bound) when the load phase ends.
      onProgress: (progress) => {
        if (progress.phase === 'load' && progress.done === 1) parsed = true;
      },
    });
    await expect(run).rejects.toThrow(
      /^the heap reached 486 MB of the 512 MB limit before binding the program of 6 files \(binding the parsed files needs about \d+ MB more\); the run was analysing all 6 files; raise --max-memory or split the run with --shard$/,
    );
    await expect(run).rejects.toMatchObject({ name: 'MemoryLimitError' });
  });

  it('re-executes itself under the heap limit and explains a run that dies of it', async () => {
    const { root } = project();
    const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
    const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist', 'loader.mjs')).href;
    const spawnCli = (...argv: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', tsx, '--conditions=@consentry/source', main, ...argv],
          { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
        );
      });
    const tiny = await spawnCli('check', '.', '--max-memory', '16', '--no-cache');
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/^consentry: .*--max-memory/);
    expect(tiny.stderr).not.toMatch(/\n\s+at |FATAL ERROR/);
    const ample = await spawnCli('check', '.', '--max-memory', '2048', '--format', 'json');
    expect(ample.code).toBe(1);
    // A slow machine may log progress lines (stderr is not a terminal here); nothing else.
    const progress = /^consentry: (loading the project|\d+ files?, \d+ functions? · .+ \d+%)$/;
    expect(ample.stderr.split('\n').filter((line) => line !== '' && !progress.test(line))).toEqual(
      [],
    );
  });

  it('merges shard reports into what the full scan reports, the unused purpose included', async () => {
    const { root, write } = project();
    // Nothing in the code names `product-analytics` any more: a whole-project finding.
    const consent = readFileSync(join(root, 'src/consent.ts'), 'utf8');
    write('src/consent.ts', consent.slice(0, consent.indexOf('/** Counts a message')));
    const full = await check({ root });
    const keys = (findings: readonly { ruleId: string; file: string; line: number }[]) =>
      findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();
    expect(keys(full.findings)).toContain('purpose-unused consentry.yaml:130');

    for (const format of ['json', 'sarif'] as const) {
      for (const index of [1, 2]) {
        const shard = await cli(root, 'check', '.', '--shard', `${index}/2`, '--format', format);
        expect(shard.stderr).toBe('');
        writeFileSync(join(root, `shard-${index}.${format}`), shard.stdout);
      }
      const merged = await cli(root, 'merge', `shard-2.${format}`, `shard-1.${format}`);
      const expected = format === 'json' ? formatJson(full) : formatSarif(full);
      const results = (text: string) =>
        format === 'json'
          ? (JSON.parse(text) as { findings: unknown[] }).findings
          : (JSON.parse(text) as { runs: { results: unknown[] }[] }).runs[0]!.results;
      expect(results(merged.stdout)).toEqual(results(expected));
    }

    // A shard alone only votes; a merge that lacks a shard drops the vote.
    const one = JSON.parse(readFileSync(join(root, 'shard-1.json'), 'utf8')) as {
      findings: { ruleId: string; shardVote?: unknown }[];
    };
    expect(one.findings.find((f) => f.ruleId === 'purpose-unused')?.shardVote).toEqual({
      index: 1,
      count: 2,
      processing: true,
    });
    // Both formats stay valid with the vote in them.
    const validateReport = compileReportSchema();
    expect(validateReport(one), JSON.stringify(validateReport.errors)).toBe(true);
    const validateSarif = compileSarifSchema();
    const sarifShard = JSON.parse(readFileSync(join(root, 'shard-1.sarif'), 'utf8'));
    expect(validateSarif(sarifShard), JSON.stringify(validateSarif.errors)).toBe(true);
    const partial = await cli(root, 'merge', 'shard-1.json');
    const kept = JSON.parse(partial.stdout) as { findings: { ruleId: string }[] };
    expect(kept.findings.map((f) => f.ruleId)).not.toContain('purpose-unused');
  });

  it('writes shard reports and merges them, failing on merged errors', async () => {
    const { root, write } = project();
    write('src/guard.ts', GUARD_BROKEN);
    for (const index of [1, 2]) {
      const result = await cli(
        root,
        'check',
        '.',
        '--shard',
        `${index}/2`,
        '--format',
        'json',
        '--output',
        `shard-${index}.json`,
        '--fail-on',
        'never',
      );
      expect(result.code).toBe(0);
    }
    const merged = await cli(root, 'merge', 'shard-2.json', 'shard-1.json', '--output', 'all.json');
    expect(merged.code).toBe(1);
    const report = JSON.parse(readFileSync(join(root, 'all.json'), 'utf8')) as {
      findings: { file: string }[];
    };
    expect(report.findings.map((f) => f.file)).toContain('src/guarded-export.ts');
    writeFileSync(join(root, 'bad.json'), '[]');
    const bad = await cli(root, 'merge', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: not a consentry JSON or SARIF report');
  });
});
