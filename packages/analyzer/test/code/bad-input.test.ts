import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';
import { TsconfigError } from '../../src/code/project-config.js';

const project = new URL('../fixtures/code/bad-input-project/', import.meta.url).pathname;
const policy = loadPolicy(join(project, 'consentry.yaml'));
const exportFinding = {
  ruleId: 'training-without-consent',
  file: 'src/export.ts',
  line: 6,
};

// The vendor's package is not installed: its upload cannot be recognised, so the run fails.
const vendorUnseen = { ruleId: 'analysis-incomplete', file: 'src/vendor.ts', line: 1 };

const summary = (findings: readonly { ruleId: string; file: string; line: number }[]) =>
  findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }));

describe('bad input', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-bad-input-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('records syntax errors and unresolved modules, and analyses the rest', {
    timeout: 30_000,
  }, async () => {
    const analysis = await analyzeCode({ root: project, policy });
    expect(summary(analysis.findings)).toEqual([exportFinding, vendorUnseen]);
    expect(
      analysis.findings.find((finding) => finding.file === 'src/vendor.ts')?.message,
    ).toContain(
      'The import of `@mistralai/mistralai` was not analysed: the package is not installed',
    );
    const codes = analysis.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.file}`);
    expect(codes).toContain('syntax-error src/broken-syntax.ts');
    expect(codes).toContain('module-unresolved src/vendor.ts');
    const syntax = analysis.diagnostics.find((diagnostic) => diagnostic.code === 'syntax-error');
    expect(syntax).toMatchObject({ file: 'src/broken-syntax.ts', line: 5, column: 52 });
  });

  it('stops at a broken tsconfig.json with its file, line and column', async () => {
    const failure = await analyzeCode({
      root: project,
      policy,
      tsconfig: 'broken-tsconfig.json',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TsconfigError);
    expect((failure as TsconfigError).problems[0]).toEqual({
      file: join(project, 'broken-tsconfig.json'),
      line: 3,
      column: 20,
      message: 'Property assignment expected',
    });
  });

  it('falls back to every TypeScript file when tsconfig.json is missing', async () => {
    const analysis = await analyzeCode({
      root: project,
      policy,
      tsconfig: 'no-such-tsconfig.json',
    });
    expect(analysis.diagnostics[0]).toEqual({
      code: 'tsconfig-missing',
      message:
        'no-such-tsconfig.json not found; analysing every TypeScript file under the directory with default options',
    });
    expect(summary(analysis.findings)).toEqual([exportFinding, vendorUnseen]);
  });

  it('reports a huge generated file and pathological nesting as not analysed, survives garbage, and never runs the code', async () => {
    const root = join(scratch, 'project');
    cpSync(project, root, { recursive: true });
    const huge = Array.from(
      { length: 40_000 },
      (_, index) => `export const field${index} = ${index};`,
    );
    writeFileSync(join(root, 'src/generated-schema.ts'), `// @generated\n${huge.join('\n')}\n`);
    writeFileSync(
      join(root, 'src/garbage.ts'),
      Buffer.from([0, 159, 146, 150, 0, 255, 10, 123, 40, 0]),
    );
    const nested = `${'('.repeat(500)}transcript.text${')'.repeat(500)}`;
    const chain = Array.from({ length: 3_000 }, () => 'transcript.text').join(' + ');
    const loops = `${'for (const a of [1]) {'.repeat(40)} enqueueForTraining(transcript); ${'}'.repeat(40)}`;
    const conditions = Array.from({ length: 300 }, (_, index) => `flag${index % 3}`).join(' && ');
    writeFileSync(
      join(root, 'src/pathological.ts'),
      [
        "import type { Transcript } from './domain.js';",
        "import { enqueueForTraining } from './queue.js';",
        `export function nested(transcript: Transcript) { return ${nested}; }`,
        `export function chained(transcript: Transcript) { return ${chain}; }`,
        `export function looped(transcript: Transcript) { ${loops} }`,
        'export function conditioned(flag0: boolean, flag1: boolean, flag2: boolean) { return ' +
          conditions +
          '; }',
        'export function recursive(transcript: Transcript) {',
        '  const size = (depth: number): number => depth <= 0 ? 1 : size(depth - 1) + size(depth - 2) + size(depth - 3) + size(depth - 4);',
        '  return size(transcript.text.length);',
        '}',
      ].join('\n'),
    );
    // Deep enough to overflow the TypeScript parser's stack.
    writeFileSync(
      join(root, 'src/too-deep.ts'),
      `export const tooDeep = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`,
    );
    writeFileSync(
      join(root, 'src/side-effect.ts'),
      "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../EXECUTED', import.meta.url), 'ran');\nthrow new Error('executed');\n",
    );
    const started = Date.now();
    const analysis = await analyzeCode({ root, policy: loadPolicy(join(root, 'consentry.yaml')) });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(join(root, 'EXECUTED'))).toBe(false);
    expect(analysis.diagnostics.some((diagnostic) => diagnostic.file === 'src/garbage.ts')).toBe(
      true,
    );
    // What is not analysed is a finding where it starts, never a silent skip.
    const incomplete = (file: string, line: number) =>
      analysis.findings.filter(
        (finding) =>
          finding.ruleId === 'analysis-incomplete' &&
          finding.file === file &&
          finding.line === line,
      );
    expect(incomplete('src/generated-schema.ts', 1)[0]?.message).toMatch(
      /^This file was not analysed: it has \d+ bytes \(limit file-bytes=1000000\)/,
    );
    expect(incomplete('src/too-deep.ts', 1)[0]?.message).toContain(
      'it nests more than 400 levels deep (limit depth=400)',
    );
    // 500 parentheses and a 3,000-term chain pass the depth limit; the loops and the recursion do not.
    expect(incomplete('src/pathological.ts', 3)).toHaveLength(1);
    expect(incomplete('src/pathological.ts', 4)).toHaveLength(1);
    expect(analysis.findings.filter((finding) => finding.message.includes('`recursive`'))).toEqual(
      [],
    );
    expect(summary(analysis.findings)).toEqual([
      exportFinding,
      { ruleId: 'analysis-incomplete', file: 'src/generated-schema.ts', line: 1 },
      { ruleId: 'analysis-incomplete', file: 'src/pathological.ts', line: 3 },
      { ruleId: 'analysis-incomplete', file: 'src/pathological.ts', line: 4 },
      { ruleId: 'training-without-consent', file: 'src/pathological.ts', line: 5 },
      // Without Node's types (outside the repository) its file APIs cannot be recognised.
      { ruleId: 'analysis-incomplete', file: 'src/side-effect.ts', line: 1 },
      { ruleId: 'analysis-incomplete', file: 'src/too-deep.ts', line: 1 },
      vendorUnseen,
    ]);
  }, 60_000);

  it('gives the same result twice', async () => {
    const first = await analyzeCode({ root: project, policy });
    const second = await analyzeCode({ root: project, policy });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
