import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Annotation, compareWithAnnotations, readAnnotations } from './annotations.js';

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

  it('fails when the message does not say what the annotation wants', () => {
    const says = { ...annotation('expect', 4), says: 'conversation-content' };
    expect(
      compareWithAnnotations([says], [{ ...finding(4), message: 'data (conversation-content)' }]),
    ).toEqual([]);
    expect(compareWithAnnotations([says], [{ ...finding(4), message: 'data (contact)' }])).toEqual([
      'src/export.ts:4 training-without-consent: message does not say "conversation-content" (data (contact))',
    ]);
  });

  it('keeps a todo-expect about the wording open until the message says it', () => {
    const gap = { ...annotation('todo-expect', 4), says: 'conversation-content' };
    expect(compareWithAnnotations([gap], [{ ...finding(4), message: 'data (contact)' }])).toEqual(
      [],
    );
    expect(
      compareWithAnnotations([gap], [{ ...finding(4), message: 'data (conversation-content)' }]),
    ).toEqual([
      'src/export.ts:4 training-without-consent: todo-expect now passes; promote it to expect',
    ]);
  });

  it('reads the wanted text from the annotation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-annotations-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(
        join(dir, 'src', 'export.ts'),
        '// expect: training-without-consent (conversation-content)\nqueue.add(row);\n',
      );
      expect(readAnnotations(dir)).toEqual([
        {
          kind: 'expect',
          ruleId: 'training-without-consent',
          file: 'src/export.ts',
          line: 2,
          says: 'conversation-content',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when a todo-expect starts passing, and not before', () => {
    expect(compareWithAnnotations([annotation('todo-expect', 4)], [])).toEqual([]);
    expect(compareWithAnnotations([annotation('todo-expect', 4)], [finding(4)])).toEqual([
      'src/export.ts:4 training-without-consent: todo-expect now passes; promote it to expect',
    ]);
  });
});
