import { describe, expect, it } from 'vitest';
import type { FindingView } from '../src/analyzer-port.js';
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../src/annotations.js';
import type { Severity } from '../src/severity.js';

const many = (severity: Severity, count: number, file = `src/${severity}.ts`): FindingView[] =>
  Array.from({ length: count }, (_, index) => ({
    ruleId: `${severity}-rule`,
    severity,
    message: `${severity} ${index + 1}`,
    file,
    line: index + 1,
    column: 1,
  }));

const count = (annotations: ReturnType<typeof planAnnotations>, level: string) =>
  annotations.filter((annotation) => annotation.level === level).length;

describe('planAnnotations', () => {
  it('puts the worst first and keeps the order of positions within a level', () => {
    const plan = planAnnotations([...many('note', 1), ...many('warning', 2), ...many('error', 2)]);
    expect(plan.map((annotation) => annotation.message)).toEqual([
      'error 1',
      'error 2',
      'warning 1',
      'warning 2',
      'note 1',
    ]);
    expect(plan.map((annotation) => annotation.level)).toEqual([
      'error',
      'error',
      'warning',
      'warning',
      'notice',
    ]);
  });

  it('stops at ten per level and points to the summary for the rest', () => {
    const plan = planAnnotations([
      ...many('error', 14),
      ...many('warning', 3),
      ...many('note', 12),
    ]);
    expect(count(plan, 'error')).toBe(ANNOTATIONS_PER_LEVEL);
    expect(count(plan, 'warning')).toBe(3);
    // Nine notes and the pointer: the pointer is a notice and counts against the same limit.
    expect(count(plan, 'notice')).toBe(ANNOTATIONS_PER_LEVEL);
    expect(plan.at(-1)).toEqual({
      level: 'notice',
      message:
        '7 more findings are not annotated here (GitHub shows 10 per level from a step); the job summary lists every finding.',
      properties: { title: 'More Consentry findings in the job summary' },
    });
  });

  it('uses all ten notice slots when nothing overflows', () => {
    const plan = planAnnotations(many('note', 10));
    expect(count(plan, 'notice')).toBe(10);
    expect(plan.every((annotation) => annotation.properties.file === 'src/note.ts')).toBe(true);
  });

  it('gives columns only for a finding on one line', () => {
    const [multi, single] = planAnnotations([
      {
        ruleId: 'r',
        severity: 'error',
        message: 'm',
        file: 'a.ts',
        line: 3,
        column: 5,
        endLine: 6,
        endColumn: 2,
      },
      {
        ruleId: 'r',
        severity: 'error',
        message: 'm',
        file: 'a.ts',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 5,
      },
    ]);
    expect(multi?.properties).toEqual({ title: 'r', file: 'a.ts', startLine: 3, endLine: 6 });
    expect(single?.properties).toEqual({
      title: 'r',
      file: 'a.ts',
      startLine: 9,
      endLine: 9,
      startColumn: 5,
    });
  });

  it('escapes control characters, overrides and a leading workflow command, and cuts a long message', () => {
    const [annotation] = planAnnotations([
      {
        ruleId: 'ropa-field-missing',
        severity: 'error',
        message: `::set-output name=leak::1\r\n\u001b[2J\u202eexe ${'x'.repeat(500_000)}`,
        file: 'src/nightly\texport.ts',
        line: 3,
        column: 1,
      },
    ]);
    expect(
      annotation?.message.startsWith(
        '\\u{3a}:set-output name=leak::1\\r\\n\\u{1b}[2J\\u{202e}exe x',
      ),
    ).toBe(true);
    expect(annotation?.message.length).toBeLessThan(1100);
    expect(annotation?.message.endsWith('…')).toBe(true);
    // The file stays as git names it, so GitHub can place the annotation.
    expect(annotation?.properties.file).toBe('src/nightly\texport.ts');
  });
});
