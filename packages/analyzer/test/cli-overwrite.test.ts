import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isConsentryBaseline, isConsentryReport } from '../src/output/ownership.js';
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
  `${file}:1:1: this file exists and is not a report Consentry wrote; choose another --output, or pass --force to replace it\n`;

function bytes(root: string, file: string): Buffer {
  return readFileSync(`${root}/${file}`);
}

// Runs that get past the refusal load the code analysis (ts-morph); a loaded machine needs time.
describe('consentry check --output', { timeout: 60_000 }, () => {
  it('never replaces the policy file in use, even with --force', async () => {
    const { root } = project({ 'policies/strict.json': readFileSync(TEST_POLICY, 'utf8') });
    const strict = bytes(root, 'policies/strict.json');
    // Named with --policy, and reached by another spelling of its path.
    for (const extra of [[], ['--force']]) {
      const named = await cli(
        root,
        'check',
        '--policy',
        'policies/strict.json',
        '--format',
        'json',
        '--output',
        'policies/../policies/strict.json',
        ...extra,
      );
      expect(named.code).toBe(2);
      expect(named.stderr).toBe(
        'policies/strict.json:1:1: this is the policy file in use; choose another --output\n',
      );
      expect(bytes(root, 'policies/strict.json')).toEqual(strict);
    }
    // The default policy has an extension no report takes: refused before anything is read.
    const policy = bytes(root, 'consentry.yaml');
    const yaml = await cli(root, 'check', '--output', 'consentry.yaml', '--force');
    expect(yaml.code).toBe(2);
    expect(bytes(root, 'consentry.yaml')).toEqual(policy);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace a source file or an unrelated file, and replaces it with --force', async () => {
    const { root } = project({ 'src/app.ts': SOURCE, 'notes.txt': 'keep me\n' });
    const source = await cli(root, 'check', '.', '--output', 'src/app.ts', '--force');
    expect(source.code).toBe(2);
    expect(source.stdout).toBe('');
    expect(source.stderr).toContain('consentry: --output app.ts: ".ts" names no format; use .txt');
    expect(readFileSync(`${root}/src/app.ts`, 'utf8')).toBe(SOURCE);

    const refused = await cli(root, 'check', '--output', 'notes.txt');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(NOT_OURS('notes.txt'));
    expect(readFileSync(`${root}/notes.txt`, 'utf8')).toBe('keep me\n');

    const forced = await cli(root, 'check', '--output', 'notes.txt', '--force');
    expect(forced.code).toBe(0);
    expect(isConsentryReport(readFileSync(`${root}/notes.txt`, 'utf8'))).toBe(true);
  });

  it('replaces its own previous report in every format, the pretty one included', async () => {
    const { root } = project();
    for (const output of ['report.txt', 'report.json', 'report.sarif', 'report.md']) {
      // Run twice: the second run replaces what the first one wrote, as ESLint's -o does.
      for (const run of [1, 2]) {
        const result = await cli(root, 'check', '--output', output);
        expect(result.stderr, `${output}, run ${run}`).toBe('');
        expect(result.code).toBe(0);
      }
      expect(isConsentryReport(readFileSync(`${root}/${output}`, 'utf8')), output).toBe(true);
    }
    // The format follows the extension: .sarif holds SARIF, .txt the pretty report.
    expect(JSON.parse(readFileSync(`${root}/report.sarif`, 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(`${root}/report.txt`, 'utf8')).toMatch(
      /analysed · policy consentry\.yaml\n$/,
    );
  });

  it('refuses a --format its --output extension contradicts, or an extension with no format', async () => {
    const { root } = project();
    const contradicted = await cli(root, 'check', '--format', 'markdown', '--output', 'r.sarif');
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toBe(
      'consentry: --output r.sarif: a markdown file ends in .md or .markdown; make the file name and the format agree\nRun `consentry --help` for usage.\n',
    );
    const unknown = await cli(root, 'check', '--output', 'report.pdf');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--output report.pdf: ".pdf" names no format; use .txt (pretty), .json (json), .sarif (sarif), .md (markdown)',
    );
    expect(readdirSync(root)).not.toContain('r.sarif');
    expect(readdirSync(root)).not.toContain('report.pdf');
  });

  it('refuses to write outside the workspace: through a dangling link, a linked directory or ..', async () => {
    const outside = project();
    const { root } = project();
    symlinkSync(join(outside.root, 'planted.json'), join(root, 'report.json'));
    symlinkSync(outside.root, join(root, 'reports'));
    const dangling = await cli(root, 'check', '--output', 'report.json', '--force');
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toBe(
      'report.json:1:1: this is a symbolic link; give --output the path of a regular file\n',
    );
    const linked = await cli(root, 'check', '--output', 'reports/report.json');
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(
      /^reports\/report\.json:1:1: --output resolves to .*, outside the workspace /,
    );
    const parent = await cli(root, 'check', '--output', '../escaped.json');
    expect(parent.code).toBe(2);
    expect(parent.stderr).toContain('outside the workspace');
    expect(readdirSync(outside.root).sort()).toEqual(['consentry.yaml']);
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
      'README.md:1:1: this file exists and is not a baseline Consentry wrote; choose another --write-baseline, or pass --force to replace it\n',
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
    const { root } = project({ 'policies/strict.md': readFileSync(TEST_POLICY, 'utf8') });
    const policy = bytes(root, 'policies/strict.md');
    const result = await cli(
      root,
      'ropa',
      '--policy',
      'policies/strict.md',
      '--output',
      'policies/strict.md',
      '--force',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'policies/strict.md:1:1: this is the policy file in use; choose another --output\n',
    );
    expect(bytes(root, 'policies/strict.md')).toEqual(policy);
  });

  it('refuses an extension that names no record format, or contradicts --format', async () => {
    const { root } = project();
    const pdf = await cli(root, 'ropa', '--output', 'record.pdf');
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toBe(
      'consentry: --output record.pdf: ".pdf" names no format; use .md (markdown), .html (html), .csv (csv), .json (json), .jsonld (jsonld)\nRun `consentry --help` for usage.\n',
    );
    const contradicted = await cli(root, 'ropa', '--format', 'html', '--output', 'record.md');
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toContain('--output record.md: a html file ends in .html');
    expect(readdirSync(root).sort()).toEqual(['consentry.yaml']);
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
