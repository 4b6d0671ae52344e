import { describe, expect, it } from 'vitest';
import type { FindingView } from '../src/analyzer-port.js';
import type { DiffChanges } from '../src/diff.js';
import { filterFindings } from '../src/filter.js';

const changes: DiffChanges = new Map([
  [
    'src/train.ts',
    {
      file: 'src/train.ts',
      added: [{ start: 20, end: 21 }],
      hunks: [{ start: 17, end: 24 }],
    },
  ],
]);

const at = (file: string, line: number, extra: Partial<FindingView> = {}): FindingView => ({
  ruleId: 'training-without-consent',
  severity: 'error',
  message: 'm',
  file,
  line,
  column: 1,
  ...extra,
});

const lines = (findings: readonly FindingView[]) =>
  findings.map((finding) => `${finding.file}:${finding.line}`);

describe('filterFindings', () => {
  it('keeps a finding whose span reaches an added line', () => {
    const spanning = at('src/train.ts', 18, { endLine: 20 });
    const before = at('src/train.ts', 18, { endLine: 19 });
    expect(lines(filterFindings([spanning, before], changes, 'added'))).toEqual([
      'src/train.ts:18',
    ]);
    expect(filterFindings([spanning, before], changes, 'added')[0]).toBe(spanning);
  });

  it('counts context lines only in diff_context', () => {
    const context = at('src/train.ts', 23);
    expect(filterFindings([context], changes, 'added')).toEqual([]);
    expect(filterFindings([context], changes, 'diff_context')).toEqual([context]);
    expect(filterFindings([at('src/train.ts', 25)], changes, 'diff_context')).toEqual([]);
  });

  it('keeps a finding in another file when a step of its flow is on an added line', () => {
    const flowing = at('src/upload.ts', 5, {
      flow: [
        { file: 'src/train.ts', line: 21, column: 3, note: 'rows collected' },
        { file: 'src/upload.ts', line: 5, column: 3, note: 'uploaded' },
      ],
    });
    expect(filterFindings([flowing], changes, 'added')).toEqual([flowing]);
    expect(filterFindings([flowing], changes, 'file')).toEqual([flowing]);
    expect(filterFindings([at('src/upload.ts', 5)], changes, 'file')).toEqual([]);
  });

  it('keeps everything with nofilter, even without a diff', () => {
    const findings = [at('src/a.ts', 1), at('src/b.ts', 2)];
    expect(filterFindings(findings, new Map(), 'nofilter')).toEqual(findings);
  });
});
