import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings.js';
import {
  applySuppressions,
  INVALID_SUPPRESSION,
  parseSuppressions,
  UNUSED_SUPPRESSION,
} from '../src/suppressions.js';

const KNOWN = new Set(['training-without-consent', 'tier-opt-out-gap']);

function finding(line: number, ruleId = 'training-without-consent', file = 'src/a.ts'): Finding {
  return {
    ruleId,
    severity: 'error',
    message: 'm',
    file,
    line,
    column: 3,
    origin: 'code',
  };
}

describe('parseSuppressions', () => {
  it('applies a comment on its own line to the next line, and a trailing one to its own line', () => {
    const text = [
      'const a = 1;',
      '  // consentry-ignore training-without-consent -- synthetic rows',
      '  upload(a);',
      'upload(b); // consentry-ignore tier-opt-out-gap -- free rows dropped upstream',
    ].join('\n');
    const parsed = parseSuppressions('src/a.ts', text);
    expect(parsed).toEqual([
      {
        file: 'src/a.ts',
        line: 2,
        column: 3,
        targetLine: 3,
        ruleId: 'training-without-consent',
        reason: 'synthetic rows',
      },
      {
        file: 'src/a.ts',
        line: 4,
        column: 12,
        targetLine: 4,
        ruleId: 'tier-opt-out-gap',
        reason: 'free rows dropped upstream',
      },
    ]);
  });

  it('applies stacked comments to the first line below them', () => {
    const text = [
      '// consentry-ignore training-without-consent -- one',
      '/* consentry-ignore tier-opt-out-gap -- two */',
      'upload(rows);',
    ].join('\n');
    expect(parseSuppressions('src/a.ts', text).map((s) => s.targetLine)).toEqual([3, 3]);
  });

  it('reads # comments in YAML only', () => {
    const yaml = '# consentry-ignore dpia-missing -- DPIA filed on paper\nmodel-training:\n';
    expect(parseSuppressions('consentry.yaml', yaml)[0]?.targetLine).toBe(2);
    const code = 'const url = "#consentry-ignore dpia-missing -- no";\n';
    expect(parseSuppressions('src/a.ts', code)).toEqual([]);
  });

  it('marks a comment that names no rule or several rules as malformed', () => {
    const text = '// consentry-ignore -- why\n// consentry-ignore a b -- why\n';
    expect(parseSuppressions('src/a.ts', text).map((s) => s.malformed)).toEqual([
      'names no rule',
      'names more than one rule',
    ]);
  });
});

describe('applySuppressions', () => {
  it('removes the finding a valid suppression names on its line', () => {
    const [suppression] = parseSuppressions(
      'src/a.ts',
      'x\n// consentry-ignore training-without-consent -- synthetic rows\nupload();',
    );
    const result = applySuppressions([finding(3), finding(4)], [suppression!], KNOWN);
    expect(result.suppressed).toBe(1);
    expect(result.findings).toEqual([finding(4)]);
    expect(result.applied).toEqual([suppression]);
  });

  it('does not suppress another rule on the same line', () => {
    const suppressions = parseSuppressions(
      'src/a.ts',
      '// consentry-ignore tier-opt-out-gap -- reason\nupload();',
    );
    const result = applySuppressions([finding(2)], suppressions, KNOWN);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'training-without-consent',
      UNUSED_SUPPRESSION,
    ]);
  });

  it('reports a suppression without a reason as an error and keeps the finding', () => {
    const suppressions = parseSuppressions(
      'src/a.ts',
      '// consentry-ignore training-without-consent\nupload();',
    );
    const result = applySuppressions([finding(2)], suppressions, KNOWN);
    expect(result.suppressed).toBe(0);
    const invalid = result.findings.find((f) => f.ruleId === INVALID_SUPPRESSION);
    expect(invalid).toMatchObject({ severity: 'error', line: 1, column: 1, file: 'src/a.ts' });
    expect(invalid?.message).toContain('gives no reason');
    expect(result.findings).toContainEqual(finding(2));
  });

  it('reports a suppression that names an unknown rule', () => {
    const suppressions = parseSuppressions(
      'src/a.ts',
      '// consentry-ignore training-without-consnet -- typo\nupload();',
    );
    const result = applySuppressions([finding(2)], suppressions, KNOWN);
    const invalid = result.findings.find((f) => f.ruleId === INVALID_SUPPRESSION);
    expect(invalid?.message).toContain('`training-without-consnet`, which is not a Consentry rule');
  });

  it('reports a suppression that matches nothing as a note', () => {
    const suppressions = parseSuppressions(
      'src/a.ts',
      '// consentry-ignore training-without-consent -- legacy\nupload();',
    );
    const result = applySuppressions([], suppressions, KNOWN);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: UNUSED_SUPPRESSION, severity: 'note', line: 1 }),
    ]);
  });
});
