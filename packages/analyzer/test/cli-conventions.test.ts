import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRESS_LOG_INTERVAL_MS } from '../src/cli/progress.js';
import { runCli as cli } from './support/run-cli.js';
import { copyExample, createTempProject, type TempProject } from './support/temp-project.js';

// What a user who knows ESLint, tsc and GitHub code scanning expects of a command line.

const repository = new URL('../../../', import.meta.url).pathname;
const temporary: string[] = [];
const projects: TempProject[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const created of projects.splice(0)) created.remove();
});

function project(files: Record<string, string> = {}): TempProject {
  const created = createTempProject(files);
  projects.push(created);
  return created;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

/** A git repository with the example project at apps/chat, as a monorepo holds an app. */
function monorepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-monorepo-'));
  temporary.push(dir);
  copyExample(dir, 'examples/chat-assistant', 'apps/chat', ['docs']);
  mkdirSync(join(dir, 'tools'));
  git(dir, 'init', '-q');
  git(dir, 'add', 'apps', 'tsconfig.base.json');
  git(dir, 'commit', '-q', '-m', 'app');
  return dir;
}

describe('--help', () => {
  const cases = [
    ['check', 'Usage: consentry check [dir] [options]', '--sarif-category NAME'],
    ['ropa', 'Usage: consentry ropa [dir] [options]', '--template NAME'],
    ['init', 'Usage: consentry init [dir]', '--yes'],
    ['explain', 'Usage: consentry explain <rule>', '--list'],
    ['merge', 'Usage: consentry merge <reports…> [options]', '--fail-on LEVEL'],
  ] as const;

  it.each(cases)(
    '`%s --help` prints that command’s help and exits 0',
    async (command, usage, option) => {
      const { root } = project();
      for (const flag of ['--help', '-h']) {
        const result = await cli(root, command, flag);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout.startsWith(usage)).toBe(true);
        expect(result.stdout).toContain(option);
      }
      // Help wins over any other argument, and `consentry help <command>` says the same.
      expect((await cli(root, command, 'some-arg', '--help')).stdout.startsWith(usage)).toBe(true);
      expect((await cli(root, 'help', command)).stdout.startsWith(usage)).toBe(true);
    },
  );

  it('`consentry --help` lists every command and points at their own help', async () => {
    const result = await cli(repository, '--help');
    expect(result.code).toBe(0);
    for (const [command] of cases) expect(result.stdout).toContain(`  ${command} `);
    expect(result.stdout).toContain('Run `consentry <command> --help`');
    expect(result.stdout).toContain('--color, --no-color');
  });
});

describe('unknown flags and commands', () => {
  it.each([
    ['check', '--fail-no', '--fail-on'],
    ['ropa', '--outptu', '--output'],
    ['merge', '--forse', '--force'],
    ['explain', '--lst', '--list'],
    ['init', '--yse', '--yes'],
  ])('`%s %s` suggests %s and exits 2 without Node’s message', async (command, typo, meant) => {
    const { root } = project();
    const result = await cli(root, command, typo);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      `consentry: unknown option ${typo} for \`consentry ${command}\`; did you mean ${meant}?\n` +
        `Run \`consentry ${command} --help\` for usage.\n`,
    );
  });

  it('names an option without a close match, a missing value and a value given to a flag', async () => {
    const { root } = project();
    const unknown = await cli(root, 'check', '--verbose');
    expect(unknown.stderr).toMatch(/^consentry: unknown option --verbose for `consentry check`\n/);
    const missing = await cli(root, 'check', '--format');
    expect(missing.stderr).toMatch(/^consentry: --format needs a value, as in --format VALUE\n/);
    const flag = await cli(root, 'check', '--force=yes');
    expect(flag.stderr).toMatch(/^consentry: --force takes no value\n/);
    for (const result of [unknown, missing, flag]) {
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument/);
    }
  });

  it('suggests a command or a rule for a typo', async () => {
    const command = await cli(repository, 'chek');
    expect(command).toMatchObject({ code: 2 });
    expect(command.stderr).toContain('unknown command "chek"; did you mean "check"?');
    const rule = await cli(repository, 'explain', 'tier-opt-out-gaps');
    expect(rule).toMatchObject({ code: 2 });
    expect(rule.stderr).toContain('no rule "tier-opt-out-gaps"; did you mean "tier-opt-out-gap"?');
    const list = await cli(repository, 'explain', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^tier-opt-out-gap +A consent or opt-out check runs only for some tiers \(e\.g\. only for paying users\), so /m,
    );
  });
});

describe('colour', { timeout: 120_000 }, () => {
  const coloured = (text: string) => text.includes('\u001b[');

  it('follows --color and --no-color first, then FORCE_COLOR, then NO_COLOR, then the terminal', async () => {
    const { root } = project();
    const run = async (...args: (string | object)[]) =>
      coloured((await cli(root, 'check', ...(args as string[]))).stdout);
    expect(await run({ stdoutIsTTY: true })).toBe(true);
    expect(await run({ stdoutIsTTY: false })).toBe(false);
    expect(await run({ stdoutIsTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(await run({ stdoutIsTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(await run({ stdoutIsTTY: false, env: { FORCE_COLOR: '' } })).toBe(true);
    expect(await run({ stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(await run({ stdoutIsTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(await run('--color', { stdoutIsTTY: false, env: { NO_COLOR: '1' } })).toBe(true);
    expect(await run('--no-color', { stdoutIsTTY: true, env: { FORCE_COLOR: '3' } })).toBe(false);
    // A global flag, before the command too.
    expect(coloured((await cli(root, '--color', 'check')).stdout)).toBe(true);
  });

  it('never colours a report written to a file or a machine format', async () => {
    const { root } = project();
    const toFile = await cli(root, 'check', '--color', '--output', 'report.txt');
    expect(toFile.code).toBe(0);
    expect(coloured(readFileSync(join(root, 'report.txt'), 'utf8'))).toBe(false);
    expect(coloured((await cli(root, 'check', '--color', '--format', 'json')).stdout)).toBe(false);
  });
});

describe('paths', { timeout: 120_000 }, () => {
  it('SARIF of a subdirectory, run from anywhere in the repository, points at repository paths', async () => {
    const dir = monorepo();
    const fromRoot = await cli(
      dir,
      'check',
      'apps/chat',
      '--format',
      'sarif',
      '--fail-on',
      'never',
    );
    expect(fromRoot.code, fromRoot.stderr).toBe(0);
    const fromElsewhere = await cli(
      join(dir, 'tools'),
      'check',
      '../apps/chat',
      '--format',
      'sarif',
      '--fail-on',
      'never',
    );
    const fromInside = await cli(
      join(dir, 'apps/chat'),
      'check',
      '--format',
      'sarif',
      '--fail-on',
      'never',
    );
    expect(fromElsewhere.stdout).toBe(fromRoot.stdout);
    expect(fromInside.stdout).toBe(fromRoot.stdout);

    const log = JSON.parse(fromRoot.stdout) as {
      runs: {
        automationDetails?: unknown;
        originalUriBaseIds: Record<string, unknown>;
        results: {
          ruleId: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string };
              region: { startLine: number; snippet?: { text: string } };
            };
          }[];
        }[];
      }[];
    };
    const run = log.runs[0]!;
    expect(run.automationDetails).toBeUndefined();
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    expect(run.results.length).toBeGreaterThan(0);
    // What code scanning does with an upload: open the URI from the repository root, go to the line.
    for (const result of run.results) {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri.startsWith('apps/chat/')).toBe(true);
      const lines = readFileSync(join(dir, decodeURI(artifactLocation.uri)), 'utf8').split('\n');
      if (region.snippet !== undefined) {
        expect(lines[region.startLine - 1]).toBe(region.snippet.text.replace(/\n$/, ''));
      }
    }
    expect(run.results.map((result) => result.ruleId)).toContain('tier-opt-out-gap');

    // The JSON report keeps its contract: paths relative to the analysed directory, and where that is.
    const json = JSON.parse(
      (await cli(dir, 'check', 'apps/chat', '--format', 'json', '--fail-on', 'never')).stdout,
    ) as { directory: string; findings: { file: string }[] };
    expect(json.directory).toBe('apps/chat');
    expect(json.findings.every((finding) => !finding.file.startsWith('apps/'))).toBe(true);

    const categorised = await cli(
      dir,
      'check',
      'apps/chat',
      '--format',
      'sarif',
      '--sarif-category',
      'chat',
      '--fail-on',
      'never',
    );
    expect(JSON.parse(categorised.stdout).runs[0].automationDetails).toEqual({ id: 'chat/' });
    const misplaced = await cli(dir, 'check', 'apps/chat', '--sarif-category', 'chat');
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain(
      '--sarif-category names the run of a SARIF report; add --format sarif',
    );

    // Pretty paths open from the current directory, as tsc prints them.
    const pretty = await cli(join(dir, 'tools'), 'check', '../apps/chat', '--fail-on', 'never');
    expect(pretty.stdout).toMatch(
      /^\.\.\/apps\/chat\/src\/training\/nightly-training-export\.ts$/m,
    );
    expect(pretty.stdout).toMatch(/^ {6}1\. \.\.\/apps\/chat\/src\/[\w/-]+\.ts:\d+:\d+ /m);
    expect(pretty.stdout.trimEnd()).toMatch(/policy \.\.\/apps\/chat\/consentry\.yaml$/);
  });

  it('SARIF paths outside any repository are relative to the analysed directory', async () => {
    const { root } = project();
    const result = await cli(root, 'check', '--format', 'sarif');
    expect(result.stdout).toContain('"uri": "consentry.yaml"');
  });
});

describe('progress', { timeout: 120_000 }, () => {
  it('goes to a stderr that is not a terminal as a line every few seconds, with the summary’s counts', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index += 1) {
      files[`src/module-${index}.ts`] =
        `export function double${index}(value: number): number {\n  return value * 2;\n}\n`;
    }
    const { root } = project(files);
    // A clock that moves a second per reading: a line at most every PROGRESS_LOG_INTERVAL_MS.
    let clock = 0;
    const now = () => {
      clock += 1000;
      return clock;
    };
    const result = await cli(root, 'check', '--no-cache', { now });
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(clock / PROGRESS_LOG_INTERVAL_MS + 1);
    expect(result.stderr).not.toContain('\r');
    const summary = /(\d+) files?, (\d+) functions? analysed/.exec(result.stdout)!;
    for (const line of lines.filter((text) => !text.endsWith('loading the project'))) {
      expect(line).toMatch(
        new RegExp(`^consentry: ${summary[1]} files, ${summary[2]} functions · .+ \\d+%$`),
      );
    }
    expect(summary.slice(1)).toEqual(['30', '30']);
    // Within the first interval, nothing: a quick run leaves the log alone.
    expect((await cli(root, 'check', { now: () => PROGRESS_LOG_INTERVAL_MS - 1 })).stderr).toBe('');
  });
});

describe('docs/cli.md', { timeout: 120_000 }, () => {
  const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
  const section = (title: string) => {
    const start = doc.indexOf(`## \`consentry ${title}\``);
    const end = doc.indexOf('\n## ', start + 1);
    return doc.slice(start, end === -1 ? doc.length : end);
  };
  const tableOptions = (text: string) =>
    [...text.matchAll(/^\| `(--[a-z-]+)/gm)].map((match) => match[1]!).sort();
  const helpOptions = async (command: string) =>
    [...(await cli(repository, command, '--help')).stdout.matchAll(/^ {2}(--[a-z-]+)/gm)]
      .map((match) => match[1]!)
      .filter((option) => !['--help', '--color'].includes(option))
      .sort();

  it.each(['check', 'ropa'])('lists exactly the options `%s --help` prints', async (command) => {
    expect(tableOptions(section(command))).toEqual(await helpOptions(command));
  });

  it('shows an unknown-option message and a SARIF command the CLI really gives and takes', async () => {
    const quoted = /as in\n?`(consentry: unknown option [^`]+`consentry check`[^`]+)`/.exec(
      doc.replace(/\\`/g, '`'),
    );
    expect(quoted).not.toBeNull();
    const { root } = project();
    const typo = await cli(root, 'check', '--fial-on');
    expect(typo.stderr.split('\n')[0]).toBe(quoted![1]!.replace(/\n/g, ' '));

    const command = /^consentry (check apps\/chat --format sarif .+)$/m.exec(doc)![1]!.split(' ');
    const dir = monorepo();
    const result = await cli(dir, ...command, '--fail-on', 'never');
    expect(result.code, result.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, 'chat.sarif'), 'utf8'));
    expect(log.runs[0].automationDetails).toEqual({ id: 'consentry-chat/' });
  }, 120_000);

  it('gives a revision example the policy schema accepts and the record prints', async () => {
    const yaml = /```yaml\n(revision:\n[\s\S]*?)```/.exec(doc)![1]!;
    const { root } = project();
    const policy = readFileSync(join(root, 'consentry.yaml'), 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(root, 'consentry.yaml'),
      policy.replace('version: 1\n', `version: 1\n${yaml}`),
    );
    const record = await cli(root, 'ropa');
    expect(record.code, record.stderr).toBe(0);
    expect(record.stdout).toContain('Policy version 2026.3, in effect from 2026-03-02.');
    // The guide's page on the record shows the same example.
    const guide = readFileSync(
      new URL('../../../docs/concepts/the-record.md', import.meta.url),
      'utf8',
    );
    expect(/```yaml\n(revision:\n[\s\S]*?)```/.exec(guide)?.[1]).toBe(yaml);
  });
});
