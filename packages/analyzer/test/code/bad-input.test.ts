import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const project = new URL('../fixtures/code/bad-input-project/', import.meta.url).pathname;
const policy = loadPolicy(join(project, 'consentry.yaml'));
const exportFinding = {
  ruleId: 'training-without-consent',
  file: 'src/export.ts',
  line: 6,
};

const summary = (findings: readonly { ruleId: string; file: string; line: number }[]) =>
  findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }));

describe('bad input', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-bad-input-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('records syntax errors and unresolved modules, and analyses the rest', async () => {
    const analysis = await analyzeCode({ root: project, policy });
    expect(summary(analysis.findings)).toEqual([exportFinding]);
    const codes = analysis.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.file}`);
    expect(codes).toContain('syntax-error src/broken-syntax.ts');
    expect(codes).toContain('module-unresolved src/vendor.ts');
    const syntax = analysis.diagnostics.find((diagnostic) => diagnostic.code === 'syntax-error');
    expect(syntax).toMatchObject({ file: 'src/broken-syntax.ts', line: 5, column: 52 });
  });

  it('falls back to every TypeScript file when tsconfig.json is broken', async () => {
    const analysis = await analyzeCode({ root: project, policy, tsconfig: 'broken-tsconfig.json' });
    expect(analysis.diagnostics.map((diagnostic) => diagnostic.code)).toContain('tsconfig-invalid');
    expect(summary(analysis.findings)).toEqual([exportFinding]);
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
    expect(summary(analysis.findings)).toEqual([exportFinding]);
  });

  it('skips a huge generated file, survives garbage and pathological nesting, and never runs the code', async () => {
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
    expect(analysis.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'file-too-large', file: 'src/generated-schema.ts' }),
    );
    expect(analysis.diagnostics.some((diagnostic) => diagnostic.file === 'src/garbage.ts')).toBe(
      true,
    );
    expect(analysis.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'parse-failed', file: 'src/too-deep.ts' }),
    );
    // Recursion through a closure is cut, not unrolled until the budget runs out.
    expect(
      analysis.diagnostics.filter((diagnostic) => diagnostic.message.includes('`recursive`')),
    ).toEqual([]);
    expect(summary(analysis.findings)).toEqual([
      exportFinding,
      { ruleId: 'training-without-consent', file: 'src/pathological.ts', line: 5 },
    ]);
  }, 60_000);

  it('gives the same result twice', async () => {
    const first = await analyzeCode({ root: project, policy });
    const second = await analyzeCode({ root: project, policy });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
