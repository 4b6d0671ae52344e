import { describe, expect, it } from 'vitest';
import { type Annotation, compareWithAnnotations } from './annotations.js';

const finding = (line: number, ruleId = 'training-without-consent') => ({
  ruleId,
  file: 'src/export.ts',
  line,
  message: 'found',
});
const annotation = (
  kind: Annotation['kind'],
  line: number,
  ruleId = 'training-without-consent',
): Annotation => ({
  kind,
  ruleId,
  file: 'src/export.ts',
  line,
});

describe('the annotation harness', () => {
  it('passes when findings and expectations agree', () => {
    expect(
      compareWithAnnotations([annotation('expect', 4), annotation('ok', 9)], [finding(4)]),
    ).toEqual([]);
  });

  it('fails on a finding without an annotation, or on an ok line', () => {
    expect(compareWithAnnotations([annotation('ok', 9)], [finding(4), finding(9)])).toEqual([
      'src/export.ts:4 training-without-consent: finding without an annotation (found)',
      'src/export.ts:9 training-without-consent: reported on a line marked ok (found)',
    ]);
  });

  it('fails on a missing expected finding and on the wrong rule', () => {
    expect(
      compareWithAnnotations([annotation('expect', 4)], [finding(4, 'tier-opt-out-gap')]),
    ).toEqual([
      'src/export.ts:4 tier-opt-out-gap: finding without an annotation (found)',
      'src/export.ts:4 training-without-consent: expected finding is missing',
    ]);
  });

  it('fails when a todo-expect starts passing, and not before', () => {
    expect(compareWithAnnotations([annotation('todo-expect', 4)], [])).toEqual([]);
    expect(compareWithAnnotations([annotation('todo-expect', 4)], [finding(4)])).toEqual([
      'src/export.ts:4 training-without-consent: todo-expect now passes; promote it to expect',
    ]);
  });
});
