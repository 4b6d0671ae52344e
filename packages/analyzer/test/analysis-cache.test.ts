import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashText } from '../src/cache/analysis-cache.js';
import { createCodeProject, SINK_LINE } from './support/code-project.js';
import { runCli } from './support/run-cli.js';
import type { TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
afterAll(() => {
  for (const project of projects) project.remove();
});

const CACHE = 'node_modules/.cache/consentry';

/** A project with one unguarded training flow, checked once so its cache holds the result. */
async function checkedProject() {
  const project = createCodeProject();
  projects.push(project);
  const first = await runCli(project.root, 'check', '--format', 'json');
  expect(first.code).toBe(1);
  const results = join(project.root, CACHE, 'v3', 'results');
  const [entry] = readdirSync(results);
  expect(entry).toBeDefined();
  return {
    project,
    entry: join(results, entry!),
    facts: join(project.root, CACHE, 'v3', 'facts.json'),
  };
}

async function checkAgain(root: string) {
  const result = await runCli(root, 'check', '--format', 'json');
  const report = JSON.parse(result.stdout) as {
    findings: { ruleId: string; file: string; line: number }[];
    diagnostics: { code: string; message: string }[];
  };
  return {
    code: result.code,
    stderr: result.stderr,
    flow: report.findings.filter((finding) => finding.ruleId === 'training-without-consent'),
    ignored: report.diagnostics.filter((diagnostic) => diagnostic.code === 'cache-ignored'),
  };
}

/** An entry as the cache writes it, around `content`, with a correct hash. */
function envelope(entry: string, content: string): string {
  const stored = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...stored, content, sha256: hashText(content) });
}

describe('the analysis cache', { timeout: 120_000 }, () => {
  it('reuses its own result, and creates its directories private to the user', async () => {
    const { project, entry } = await checkedProject();
    const again = await checkAgain(project.root);
    expect(again.code).toBe(1);
    expect(again.flow).toEqual([
      expect.objectContaining({ file: 'src/export.ts', line: SINK_LINE }),
    ]);
    expect(again.ignored).toEqual([]);
    for (const dir of [join(project.root, CACHE), join(project.root, CACHE, 'v3', 'results')]) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    expect(statSync(entry).mode & 0o777).toBe(0o600);
  });

  it('never trusts a forged or foreign result: it says so and analyses again', async () => {
    const { project, entry } = await checkedProject();
    const clean = JSON.stringify({
      analysis: { findings: [], diagnostics: [], stats: { files: 5, functions: 3 } },
      inputs: [],
    });
    // A result in the old, unchecked layout, and one whose content was edited after it was written.
    const stored = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
    for (const forged of [clean, JSON.stringify({ ...stored, content: clean })]) {
      writeFileSync(entry, forged);
      const again = await checkAgain(project.root);
      expect(again.code).toBe(1);
      expect(again.flow).toHaveLength(1);
      expect(again.ignored).toHaveLength(1);
      expect(again.ignored[0]!.message).toMatch(
        /^the cache entry node_modules\/\.cache\/consentry\/v3\/results\/[0-9a-f]{64}\.json (is not a Consentry cache entry|does not match its hash \(changed after it was written\)); ignored$/,
      );
    }
    // A clean result of another project (or analyzer) copied under this one's name.
    const other = JSON.parse(envelope(entry, clean)) as Record<string, unknown>;
    writeFileSync(entry, JSON.stringify({ ...other, key: hashText('another project') }));
    const foreign = await checkAgain(project.root);
    expect(foreign.code).toBe(1);
    expect(foreign.ignored[0]?.message).toContain('is stored for other inputs; ignored');
    writeFileSync(entry, JSON.stringify({ ...other, tool: '0.0.1-0000000000000000' }));
    expect((await checkAgain(project.root)).ignored[0]?.message).toContain(
      'was written by another analyzer; ignored',
    );
  });

  it('never crashes on a malformed entry: each is ignored and rebuilt', async () => {
    const { project, entry, facts } = await checkedProject();
    const malformed = [
      '{"format": 3, "content": ',
      envelope(entry, JSON.stringify({ analysis: { findings: [{ line: 1 }] }, inputs: [] })),
      envelope(
        entry,
        JSON.stringify({
          analysis: {
            findings: [
              {
                ruleId: 'x',
                severity: 'fatal',
                message: 'm',
                file: 'a',
                line: 0,
                column: 1,
                origin: 'code',
              },
            ],
            diagnostics: [],
            stats: { files: 1, functions: 1 },
          },
          inputs: [],
        }),
      ),
      envelope(entry, JSON.stringify({ analysis: null, inputs: [{ file: null }] })),
    ];
    for (const text of malformed) {
      writeFileSync(entry, text);
      const again = await checkAgain(project.root);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(1);
      expect(again.flow).toHaveLength(1);
      expect(again.ignored).toHaveLength(1);
    }
    // Facts of files (what pull-request scans follow imports by) are checked the same way.
    writeFileSync(
      facts,
      envelope(facts, JSON.stringify({ [hashText('x')]: { imports: 'all' }, 'not-a-hash': {} })),
    );
    const again = await checkAgain(project.root);
    expect(again.flow).toHaveLength(1);
    expect(again.ignored.map((diagnostic) => diagnostic.message)).toContain(
      'the cache entry node_modules/.cache/consentry/v3/facts.json holds 2 malformed file facts; ignored',
    );
  });

  it('refuses a FIFO in place of an entry instead of waiting on it', async () => {
    const { project, entry, facts } = await checkedProject();
    for (const path of [entry, facts]) rmSync(path);
    execFileSync('mkfifo', [entry]);
    execFileSync('mkfifo', [facts]);
    const again = await checkAgain(project.root);
    expect(again.code).toBe(1);
    expect(again.flow).toHaveLength(1);
    expect(again.ignored.map((diagnostic) => diagnostic.message).sort()).toEqual([
      'the cache entry node_modules/.cache/consentry/v3/facts.json is not a regular file; ignored',
      expect.stringMatching(/results\/[0-9a-f]{64}\.json is not a regular file; ignored$/),
    ]);
  });

  it('does not use a cache directory every user may write', async () => {
    const { project } = await checkedProject();
    const dir = join(project.root, CACHE);
    chmodSync(dir, 0o777);
    const again = await checkAgain(project.root);
    expect(again.code).toBe(1);
    expect(again.flow).toHaveLength(1);
    expect(again.ignored.map((diagnostic) => diagnostic.message)).toEqual([
      'the cache directory node_modules/.cache/consentry is writable by every user; the run does not use the cache',
    ]);
  });
});
