import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { type CliResult as Result, runCli } from './support/run-cli.js';
import { compileReportSchema } from './support/schemas.js';
import { createTempProject, TEST_POLICY, type TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
function project(files: Record<string, string> = {}): TempProject {
  const created = createTempProject(files);
  projects.push(created);
  return created;
}
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

const policyText = readFileSync(TEST_POLICY, 'utf8');
const FREE_TIER_OPT_OUT = [
  '      free:',
  '        control: opt-out',
  '        mechanism: in-app-toggle',
].join('\n');
/** The example policy with the free tier's training opt-out taken away: one error, one note. */
const POLICY_WITH_ERROR = policyText.replace(
  FREE_TIER_OPT_OUT,
  ['      free:', '        control: none', '        mechanism: none'].join('\n'),
);

const cli = runCli;

// Each run loads the code analysis (ts-morph); a loaded CI machine needs more than the default 5 s.
describe('consentry check', { timeout: 60_000 }, () => {
  it('exits 0 when no finding reaches the threshold, and prints the findings', async () => {
    const { root } = project();
    const result = await cli(root, 'check');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ropa-field-missing');
    expect(result.stdout).toContain('1 finding (0 errors, 0 warnings, 1 note)');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('colours the pretty format on a terminal only, unless NO_COLOR is set', async () => {
    const { root } = project();
    expect((await cli(root, 'check', { stdoutIsTTY: true })).stdout).toContain('\u001b[');
    const noColor = await cli(root, 'check', { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const toFile = await cli(root, 'check', '--output', 'report.txt', { stdoutIsTTY: true });
    expect(readFileSync(`${root}/report.txt`, 'utf8')).not.toContain('\u001b[');
    expect(toFile.stdout).toBe('');
  });

  it('exits 1 on an error finding, and honours --fail-on', async () => {
    const { root } = project({ 'consentry.yaml': POLICY_WITH_ERROR });
    expect((await cli(root, 'check', '.')).code).toBe(1);
    expect((await cli(root, 'check', '--fail-on', 'never')).code).toBe(0);
    const clean = project();
    expect((await cli(clean.root, 'check', '--fail-on', 'warning')).code).toBe(0);
    expect((await cli(clean.root, 'check', '--fail-on', 'note')).code).toBe(1);
  });

  it('resolves the directory argument and --policy against the working directory', async () => {
    const { root } = project({ 'policies/strict.yaml': POLICY_WITH_ERROR });
    const result = await cli(
      root,
      'check',
      '.',
      '--policy',
      'policies/strict.yaml',
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { policyFile: string };
    expect(report.policyFile).toBe('policies/strict.yaml');
  });

  it('prints each format', async () => {
    const { root } = project();
    const json = JSON.parse((await cli(root, 'check', '--format', 'json')).stdout) as {
      reportVersion: number;
    };
    expect(json.reportVersion).toBe(1);
    const sarif = JSON.parse((await cli(root, 'check', '--format', 'sarif')).stdout) as {
      version: string;
    };
    expect(sarif.version).toBe('2.1.0');
    expect((await cli(root, 'check', '--format', 'markdown')).stdout).toMatch(
      /^# Consentry report/,
    );
    const bad = await cli(root, 'check', '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of pretty, json, sarif, markdown');
  });

  it('writes --output atomically and prints nothing on stdout', async () => {
    const { root } = project();
    const result = await cli(root, 'check', '--format', 'sarif', '--output', 'out.sarif');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const written = JSON.parse(readFileSync(`${root}/out.sarif`, 'utf8')) as { version: string };
    expect(written.version).toBe('2.1.0');
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the directory of --output, and names an --output it cannot write', async () => {
    const { root } = project();
    expect((await cli(root, 'check', '--output', 'reports/ci/out.json')).code).toBe(0);
    expect(existsSync(`${root}/reports/ci/out.json`)).toBe(true);
    const directory = await cli(root, 'check', '--output', 'reports/ci');
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('--output ci: the name has no extension');
    mkdirSync(`${root}/listing.json`);
    const named = await cli(root, 'check', '--output', 'listing.json');
    expect(named.code).toBe(2);
    expect(named.stderr).toBe(
      'listing.json:1:1: this is a directory; give --output the path of a file\n',
    );
  });

  it('adopts a baseline: --write-baseline exits 0, then only new findings fail', async () => {
    const created = project({ 'consentry.yaml': POLICY_WITH_ERROR });
    const written = await cli(created.root, 'check', '--write-baseline', 'baseline.json');
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('recorded 2 findings in baseline.json');
    const rerun = await cli(
      created.root,
      'check',
      '--baseline',
      'baseline.json',
      '--fail-on',
      'note',
    );
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('2 in the baseline');
    // A new problem (the DPIA status dropped) is not in the baseline, so it fails the run.
    created.write(
      'consentry.yaml',
      POLICY_WITH_ERROR.replace(/ {4}dpia:\n {6}status: completed\n {6}reference: [^\n]*\n/, ''),
    );
    const regressed = await cli(
      created.root,
      'check',
      '--baseline',
      'baseline.json',
      '--format',
      'json',
    );
    const report = JSON.parse(regressed.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['dpia-missing']);
  });

  it('honours a suppression with a reason and reports one without', async () => {
    const anchor = '    description: Count messages';
    const withReason = policyText.replace(
      anchor,
      `    # consentry-ignore ropa-field-missing -- recipients are in the vendor register\n${anchor}`,
    );
    const suppressed = project({ 'consentry.yaml': withReason });
    const quiet = await cli(suppressed.root, 'check', '--fail-on', 'note');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('No findings · 1 suppressed');

    const withoutReason = policyText.replace(
      anchor,
      `    # consentry-ignore ropa-field-missing\n${anchor}`,
    );
    const unsuppressed = project({ 'consentry.yaml': withoutReason });
    const loud = await cli(unsuppressed.root, 'check');
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain('invalid-suppression');
    expect(loud.stdout).toContain('ropa-field-missing');
  });

  it('reports only findings in files changed since a git ref', async () => {
    const created = project();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], {
        cwd: created.root,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'policy');
    created.write('src/new.ts', 'export const answer = 42;\n');
    const clean = await cli(created.root, 'check', '--changed-since', 'HEAD', '--fail-on', 'note');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('1 outside the files changed since HEAD');
    created.write('consentry.yaml', `${policyText}\n`);
    const changed = await cli(
      created.root,
      'check',
      '--changed-since',
      'HEAD',
      '--fail-on',
      'note',
    );
    expect(changed.code).toBe(1);
    const badRef = await cli(created.root, 'check', '--changed-since', 'no-such-ref');
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('--changed-since: git diff failed');
  });

  it('shows progress on a terminal only for projects of more than 200 files', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 201; index += 1) {
      files[`src/module-${index}.ts`] = `export const value${index} = ${index};\n`;
    }
    const large = project(files);
    const onTerminal = await cli(large.root, 'check', { stderrIsTTY: true });
    expect(onTerminal.stderr).toContain('\r\u001b[Kconsentry: loading the project');
    expect(onTerminal.stderr).toMatch(/consentry: 201 files, 0 functions · report \d+%/);
    expect(onTerminal.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect((await cli(large.root, 'check')).stderr).toBe('');
    const small = project({ 'src/index.ts': 'export const value = 1;\n' });
    expect((await cli(small.root, 'check', { stderrIsTTY: true })).stderr).toBe('');
  });

  it('locates a malformed policy at file:line:column and exits 2 without a stack trace', async () => {
    const broken = policyText.replace('legalBasis: contract', 'legalBasis: whim');
    const line = broken.split('\n').findIndex((text) => text.includes('legalBasis: whim')) + 1;
    const { root } = project({ 'consentry.yaml': broken });
    const result = await cli(root, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^consentry\\.yaml:${line}:\\d+: `));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a missing directory, an unknown flag or a missing baseline', async () => {
    const { root } = project();
    const missing = await cli(root, 'check', 'no-such-dir');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('no-such-dir: no such directory');
    const flag = await cli(root, 'check', '--fial-on', 'note');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(
      'consentry: unknown option --fial-on for `consentry check`; did you mean --fail-on?\n' +
        'Run `consentry check --help` for usage.\n',
    );
    const partial = await cli(
      root,
      'check',
      '--write-baseline',
      'b.json',
      '--changed-since',
      'HEAD',
    );
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain(
      '--write-baseline records every finding; drop --changed-since',
    );
    const threshold = await cli(root, 'check', '--fail-on', 'critical');
    expect(threshold.code).toBe(2);
    const baseline = await cli(root, 'check', '--baseline', 'nope.json');
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/^consentry: nope\.json: baseline file not found\n/);
    const tsconfig = await cli(root, 'check', '--project', 'tsconfig.missing.json');
    expect(tsconfig.code).toBe(2);
    expect(tsconfig.stderr).toMatch(/^consentry: tsconfig\.missing\.json: no such tsconfig file\n/);
  });
});

describe('consentry ropa', { timeout: 60_000 }, () => {
  it('prints the record as Markdown, or in the format --output names', async () => {
    const { root } = project();
    const printed = await cli(root, 'ropa');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('Generated by Consentry');
    expect(printed.stdout).toContain('Model training');
    const written = await cli(root, 'ropa', '--output', 'records/register.csv');
    expect(written.code).toBe(0);
    expect(printed.stdout).not.toBe(readFileSync(`${root}/records/register.csv`, 'utf8'));
    const json = await cli(root, 'ropa', '--format', 'json');
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  it('--check exits 0 on a current record and 1 with a diff on a stale or missing one', async () => {
    const created = project();
    expect((await cli(created.root, 'ropa', '--output', 'ropa.md')).code).toBe(0);
    const current = await cli(created.root, 'ropa', '--check', '--output', 'ropa.md');
    expect(current.code).toBe(0);
    created.write('consentry.yaml', policyText.replace('retention: P6M', 'retention: P9M'));
    const stale = await cli(created.root, 'ropa', '--check', '--output', 'ropa.md');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('ropa.md is stale');
    expect(stale.stdout).toMatch(/^[-+].*P9M|9 months/m);
    expect(stale.stdout.split('\n').slice(0, 2)).toEqual([
      '--- ropa.md (committed)',
      '+++ ropa.md (expected)',
    ]);
    expect(stale.stdout).not.toContain(created.root);
    const missing = await cli(created.root, 'ropa', '--check', '--output', 'other.md');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('other.md does not exist yet');
  });

  it('refuses to overwrite a file it did not write unless --force, and rejects bad usage', async () => {
    const { root } = project({ 'notes.md': '# My notes\n' });
    const refused = await cli(root, 'ropa', '--output', 'notes.md');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/notes\.md:1:1: /);
    expect(readFileSync(`${root}/notes.md`, 'utf8')).toBe('# My notes\n');
    expect((await cli(root, 'ropa', '--output', 'notes.md', '--force')).code).toBe(0);
    expect((await cli(root, 'ropa', '--check')).code).toBe(2);
    const format = await cli(root, 'ropa', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of markdown, html, csv, json, jsonld');
  });
});

describe('consentry init', { timeout: 60_000 }, () => {
  it('never replaces a policy without --force, and writes a draft that check runs on', async () => {
    const { root } = project({ 'src/index.ts': 'export const answer = 42;\n' });
    const refused = await cli(root, 'init', '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('consentry.yaml already exists; pass --force');
    expect(readFileSync(`${root}/consentry.yaml`, 'utf8')).toBe(policyText);
    const written = await cli(root, 'init', '--yes', '--force');
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('Wrote consentry.yaml');
    const checked = await cli(root, 'check', '--format', 'json');
    expect(checked.stderr).toBe('');
    expect((JSON.parse(checked.stdout) as { policyFile: string }).policyFile).toBe(
      'consentry.yaml',
    );
  });
});

describe('consentry check without a policy file', { timeout: 60_000 }, () => {
  it('runs on the default policy, says so once on stderr, and marks the report', async () => {
    const { root } = project({ 'src/index.ts': 'export const answer = 42;\n' });
    rmSync(`${root}/consentry.yaml`);
    const result = await cli(root, 'check', '--format', 'json');
    expect(result.stderr).toMatch(
      /^consentry: no policy file in \., so this check ran on the default policy: /,
    );
    expect(result.stderr.split('\n')).toHaveLength(2);
    const report = JSON.parse(result.stdout) as { policyFile: string; defaultPolicy?: boolean };
    expect(report).toMatchObject({ policyFile: '(default policy)', defaultPolicy: true });
    const validate = compileReportSchema();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('consentry explain', () => {
  it('prints the docs page of a known rule', async () => {
    const result = await cli(process.cwd(), 'explain', 'invalid-suppression');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# invalid-suppression\n/);
  });

  it('exits 2 for an unknown rule and lists the known ones', async () => {
    const result = await cli(process.cwd(), 'explain', 'no-such-rule');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no rule "no-such-rule"; the rules are: ');
    expect(result.stderr).toContain('training-opt-out-missing');
  });
});

describe('consentry', () => {
  it('prints help and version, and rejects an unknown command', async () => {
    expect((await cli(process.cwd(), '--help')).stdout).toContain('Usage: consentry <command>');
    expect((await cli(process.cwd(), '--version')).stdout).toBe(`${VERSION}\n`);
    const unknown = await cli(process.cwd(), 'lint');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "lint"');
    expect((await cli(process.cwd(), '')).code).toBe(2);
  });
});

describe('an internal error', () => {
  it('prints one line asking for a report, and exits 2', async () => {
    const result = await cli(process.cwd(), '--version', {
      stdout: () => {
        throw new TypeError('stream closed unexpectedly');
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'consentry: internal error: stream closed unexpectedly\n' +
        'This is a bug in consentry; please report it with the command you ran.\n',
    );
  });
});

describe('the bin', { timeout: 60_000 }, () => {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  // `--import` resolves from the working directory (the temporary project), so name tsx's loader
  // by its URL, found from here wherever npm installed it.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist', 'loader.mjs')).href;

  function spawnCli(cwd: string, ...argv: string[]): Promise<Result> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', tsx, '--conditions=@consentry/source', main, ...argv],
        { cwd, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  }

  it('sets the exit code of the process and prints a located policy error only', async () => {
    const { root } = project({ 'consentry.yaml': 'version: 1\ncontroller: [\n' });
    const result = await spawnCli(root, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^consentry\.yaml:\d+:\d+: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const clean = await spawnCli(project().root, 'check', '--format', 'json');
    expect(clean.code).toBe(0);
    expect(existsSync(root)).toBe(true);
  });
});
