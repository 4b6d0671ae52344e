import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodeProject, EXPORT_SOURCE, SINK_LINE } from './support/code-project.js';
import { runCli } from './support/run-cli.js';
import type { TempProject } from './support/temp-project.js';

// Projects shaped as an attacker (or an unlucky generator) would shape them, each around the one
// unguarded training flow of the code project: no shape may turn its failing check into a pass.

const projects: TempProject[] = [];
afterAll(() => {
  for (const project of projects) project.remove();
});

const SINK = '  trainingQueue.enqueue(row);';

/** The nightly export with its sink call written another way. */
const exportWith = (sink: string) => EXPORT_SOURCE.replace(SINK, sink);

const HIDDEN: Readonly<Record<string, string>> = {
  'padded past 1,000,000 bytes': `${EXPORT_SOURCE}${'// padding to hide the file from the check\n'.repeat(25_000)}`,
  'wrapped in 3,000 parentheses': exportWith(
    `  trainingQueue.enqueue(${'('.repeat(3_000)}row${')'.repeat(3_000)});`,
  ),
  'nested in 2,000 functions': exportWith(
    `  ${'(() => {'.repeat(2_000)} trainingQueue.enqueue(row); ${'})();'.repeat(2_000)}`,
  ),
  'joined into a 5,000-term + chain': exportWith(
    `  trainingQueue.enqueue(${Array.from({ length: 5_000 }, () => 'row.email').join(' + ')});`,
  ),
};

interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number; message: string }[];
}

async function checkJson(root: string, ...args: string[]) {
  const result = await runCli(root, 'check', '--no-cache', '--format', 'json', ...args);
  const report = (
    result.stdout === '' ? { findings: [] } : JSON.parse(result.stdout)
  ) as JsonReport;
  return { ...result, report };
}

describe('a hostile project', { timeout: 120_000 }, () => {
  it.each(Object.entries(HIDDEN))(
    'cannot hide an unguarded training flow from the check: %s',
    async (_shape, source) => {
      const project = createCodeProject();
      projects.push(project);
      project.write('src/export.ts', source);
      const { code, report } = await checkJson(project.root);
      expect(code).toBe(1);
      const incomplete = report.findings.filter(
        (finding) => finding.ruleId === 'analysis-incomplete',
      );
      expect(incomplete.length).toBeGreaterThan(0);
      for (const finding of incomplete) {
        expect(finding.file).toBe('src/export.ts');
        expect(finding.message).toMatch(/was not analysed: .*\(limit [a-z-]+=\d+\)/);
      }
    },
  );

  it('is analysed in full once the limit is raised with --limit', async () => {
    const project = createCodeProject();
    projects.push(project);
    project.write('src/export.ts', HIDDEN['padded past 1,000,000 bytes']!);
    const hidden = await checkJson(project.root);
    expect(hidden.report.findings.find((f) => f.ruleId === 'analysis-incomplete')).toMatchObject({
      file: 'src/export.ts',
      line: 1,
      column: 1,
      message: expect.stringContaining(
        'This file was not analysed: it has 1075300 bytes (limit file-bytes=1000000)',
      ),
    });
    const raised = await checkJson(project.root, '--limit', 'file-bytes=2000000');
    expect(raised.code).toBe(1);
    expect(raised.report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toContain(
      `training-without-consent src/export.ts:${SINK_LINE}`,
    );
    expect(raised.report.findings.filter((f) => f.ruleId === 'analysis-incomplete')).toEqual([]);
    const wrong = await runCli(project.root, 'check', '--limit', 'lines=10');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'consentry: --limit takes NAME=VALUE with NAME one of closure-depth, depth, file-bytes, rounds, steps, not "lines=10"',
    );
  });

  it('reads the suppression comments of a file analysed under a raised size limit', async () => {
    const project = createCodeProject();
    projects.push(project);
    const suppressed = HIDDEN['padded past 1,000,000 bytes']!.replace(
      SINK,
      `  // consentry-ignore training-without-consent -- rows are synthetic test users\n${SINK}`,
    );
    project.write('src/export.ts', suppressed);
    const raised = await checkJson(project.root, '--limit', 'file-bytes=2000000');
    expect(raised.code, raised.stderr).toBe(0);
    expect(raised.report.findings.map((f) => f.ruleId)).not.toContain('training-without-consent');
    expect(raised.report.findings.map((f) => f.ruleId)).not.toContain('unused-suppression');
  });

  it('builds the record with the raised limit too, and names a bad one', async () => {
    const project = createCodeProject();
    projects.push(project);
    project.write('src/export.ts', HIDDEN['padded past 1,000,000 bytes']!);
    const warning = 'the code analysis could not analyse 1 part of the code';
    const hidden = await runCli(project.root, 'ropa', '--no-cache', '--format', 'json');
    expect(hidden.code).toBe(0);
    expect(hidden.stderr).toContain(warning);
    expect(hidden.stdout).not.toContain('src/export.ts');
    const raised = await runCli(
      project.root,
      'ropa',
      '--no-cache',
      '--format',
      'json',
      '--limit',
      'file-bytes=2000000',
    );
    expect(raised.code, raised.stderr).toBe(0);
    expect(raised.stderr).not.toContain(warning);
    expect(raised.stdout).toContain('src/export.ts');
    const wrong = await runCli(project.root, 'ropa', '--limit', 'file-bytes=lots');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'consentry: --limit file-bytes takes a whole number of at least 1, not "lots"',
    );
  });

  describe('with a broken tsconfig.json', () => {
    const cases: [string, (project: TempProject) => void, string][] = [
      [
        'invalid JSON',
        (project) =>
          project.write('tsconfig.json', '{\n  "compilerOptions": {\n    "strict": true,,\n'),
        'tsconfig.json:3:20: Property assignment expected',
      ],
      [
        'circular extends',
        (project) => {
          project.write('tsconfig.json', '{\n  "extends": "./tsconfig.base.json"\n}\n');
          project.write('tsconfig.base.json', '{ "extends": "./tsconfig.json" }\n');
        },
        'tsconfig.json:2:3: Circularity detected while resolving configuration:',
      ],
      [
        'an extends that does not exist',
        (project) =>
          project.write(
            'tsconfig.json',
            '{\n  "include": ["src"],\n  "extends": "./gone.json"\n}\n',
          ),
        'tsconfig.json:3:3: Cannot read file',
      ],
    ];
    it.each(cases)(
      'stops the run with exit code 2 and file:line:column: %s',
      async (_name, breakIt, expected) => {
        const project = createCodeProject();
        projects.push(project);
        breakIt(project);
        const result = await runCli(project.root, 'check', '--no-cache');
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(expected);
      },
    );

    it('stops the run when the tsconfig is a directory', async () => {
      const project = createCodeProject();
      projects.push(project);
      rmSync(join(project.root, 'tsconfig.json'));
      mkdirSync(join(project.root, 'tsconfig.json'));
      writeFileSync(join(project.root, 'tsconfig.json', 'note'), 'not a file');
      const result = await runCli(project.root, 'check', '--no-cache');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('tsconfig.json:1:1: the tsconfig cannot be read (EISDIR)\n');
    });
  });
});
