import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isConsentryBaseline, isConsentryReport } from '../src/cli/overwrite.js';
import { runCli } from './support/run-cli.js';
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

const cli = runCli;

const SOURCE = "export function greet(name: string): string {\n  return 'hello, ' + name;\n}\n";
const README = '# Chat assistant\n\nHow we build it.\n';
const NOT_OURS = (file: string) =>
  `${file}:1:1: this file exists and is not a report consentry wrote; choose another --output, or pass --force to replace it\n`;

function bytes(root: string, file: string): Buffer {
  return readFileSync(`${root}/${file}`);
}

// Runs that get past the refusal load the code analysis (ts-morph); a loaded machine needs time.
describe('consentry check --output', { timeout: 60_000 }, () => {
  it('never replaces the policy file in use, even with --force', async () => {
    const { root } = project({ 'policies/strict.yaml': readFileSync(TEST_POLICY, 'utf8') });
    const policy = bytes(root, 'consentry.yaml');
    for (const extra of [[], ['--force']]) {
      const result = await cli(
        root,
        'check',
        '.',
        '--format',
        'json',
        '--output',
        'consentry.yaml',
        ...extra,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'consentry.yaml:1:1: this is the policy file in use; choose another --output\n',
      );
      expect(bytes(root, 'consentry.yaml')).toEqual(policy);
    }
    // Named with --policy, and reached by another spelling of its path.
    const strict = bytes(root, 'policies/strict.yaml');
    const named = await cli(
      root,
      'check',
      '--policy',
      'policies/strict.yaml',
      '--output',
      'policies/../policies/strict.yaml',
      '--force',
    );
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('policies/strict.yaml:1:1: this is the policy file');
    expect(bytes(root, 'policies/strict.yaml')).toEqual(strict);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace a source file or an unrelated file, and replaces it with --force', async () => {
    const { root } = project({ 'src/app.ts': SOURCE, 'notes.txt': 'keep me\n' });
    const source = await cli(root, 'check', '.', '--output', 'src/app.ts');
    expect(source.code).toBe(2);
    expect(source.stdout).toBe('');
    expect(source.stderr).toBe(NOT_OURS('src/app.ts'));
    expect(readFileSync(`${root}/src/app.ts`, 'utf8')).toBe(SOURCE);

    const refused = await cli(root, 'check', '--format', 'json', '--output', 'notes.txt');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(NOT_OURS('notes.txt'));
    expect(readFileSync(`${root}/notes.txt`, 'utf8')).toBe('keep me\n');

    const forced = await cli(root, 'check', '--format', 'json', '--output', 'notes.txt', '--force');
    expect(forced.code).toBe(0);
    expect(isConsentryReport(readFileSync(`${root}/notes.txt`, 'utf8'))).toBe(true);
  });

  it('replaces a previous report of each recognisable format, but not a pretty one', async () => {
    const { root } = project();
    // Each run replaces the report the one before it wrote, in another format.
    for (const format of ['json', 'sarif', 'markdown', 'json']) {
      const result = await cli(root, 'check', '--format', format, '--output', 'report.out');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(isConsentryReport(readFileSync(`${root}/report.out`, 'utf8'))).toBe(true);
    }
    // The pretty format carries no mark of its writer: a new file only, or --force.
    expect((await cli(root, 'check', '--output', 'report.txt')).code).toBe(0);
    const previous = bytes(root, 'report.txt');
    const again = await cli(root, 'check', '--output', 'report.txt');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(NOT_OURS('report.txt'));
    expect(bytes(root, 'report.txt')).toEqual(previous);
    expect((await cli(root, 'check', '--output', 'report.txt', '--force')).code).toBe(0);
  });

  it('refuses the same file for --output and --write-baseline', async () => {
    const { root } = project();
    const result = await cli(root, 'check', '--output', 'out.json', '--write-baseline', 'out.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output and --write-baseline name the same file');
  });
});

describe('consentry check --write-baseline', { timeout: 60_000 }, () => {
  it('replaces only a previous baseline, never the policy', async () => {
    const { root } = project({ 'README.md': README });
    const readme = await cli(root, 'check', '--write-baseline', 'README.md');
    expect(readme.code).toBe(2);
    expect(readme.stderr).toBe(
      'README.md:1:1: this file exists and is not a baseline consentry wrote; choose another --write-baseline, or pass --force to replace it\n',
    );
    expect(readFileSync(`${root}/README.md`, 'utf8')).toBe(README);

    const policy = bytes(root, 'consentry.yaml');
    const overPolicy = await cli(root, 'check', '--write-baseline', 'consentry.yaml', '--force');
    expect(overPolicy.code).toBe(2);
    expect(overPolicy.stderr).toContain('consentry.yaml:1:1: this is the policy file');
    expect(bytes(root, 'consentry.yaml')).toEqual(policy);

    // A report is not a baseline either.
    expect((await cli(root, 'check', '--format', 'json', '--output', 'report.json')).code).toBe(0);
    const report = bytes(root, 'report.json');
    expect((await cli(root, 'check', '--write-baseline', 'report.json')).code).toBe(2);
    expect(bytes(root, 'report.json')).toEqual(report);

    expect((await cli(root, 'check', '--write-baseline', 'baseline.json')).code).toBe(0);
    const rewritten = await cli(root, 'check', '--write-baseline', 'baseline.json');
    expect(rewritten.code).toBe(0);
    expect(rewritten.stderr).toMatch(/recorded \d+ findings in baseline\.json/);
    expect(isConsentryBaseline(readFileSync(`${root}/baseline.json`, 'utf8'))).toBe(true);
  });
});

describe('consentry ropa --output', { timeout: 60_000 }, () => {
  it('never replaces the policy file in use, even with --force', async () => {
    const { root } = project();
    const policy = bytes(root, 'consentry.yaml');
    const result = await cli(
      root,
      'ropa',
      '--format',
      'markdown',
      '--output',
      'consentry.yaml',
      '--force',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'consentry.yaml:1:1: this is the policy file in use; choose another --output\n',
    );
    expect(bytes(root, 'consentry.yaml')).toEqual(policy);
  });
});

describe('consentry merge --output', () => {
  it('refuses to replace a file that is not a report unless --force', async () => {
    const sarif = JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'consentry', rules: [] } }, results: [] }],
    });
    const { root } = project({ 'shard-1.sarif': sarif, 'notes.md': README });
    const refused = await cli(root, 'merge', 'shard-1.sarif', '--output', 'notes.md');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(NOT_OURS('notes.md'));
    expect(readFileSync(`${root}/notes.md`, 'utf8')).toBe(README);
  });
});

describe('isConsentryReport', () => {
  it('recognises what consentry wrote and nothing else', () => {
    const otherTool = { version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } } }] };
    const mixed = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'consentry' } } }, { tool: { driver: { name: 'codeql' } } }],
    };
    expect(isConsentryReport(JSON.stringify(otherTool))).toBe(false);
    expect(isConsentryReport(JSON.stringify(mixed))).toBe(false);
    expect(isConsentryReport(JSON.stringify({ reportVersion: 1, tool: { name: 'other' } }))).toBe(
      false,
    );
    expect(isConsentryReport('# Consentry report\n\nOur notes about the report.\n')).toBe(false);
    expect(isConsentryReport('{"findings": []}')).toBe(false);
    expect(isConsentryBaseline('{"version": 1, "findings": []}')).toBe(true);
    expect(isConsentryBaseline('{"version": 2, "findings": []}')).toBe(false);
  });
});
