import { describe, expect, it } from 'vitest';
import type { FindingView } from '../src/analyzer-port.js';
import {
  COMMENT_LIMIT_CHARS,
  hasNews,
  renderComment,
  renderSummary,
  SUMMARY_LIMIT_BYTES,
  type SummaryInput,
} from '../src/summary.js';

const unguarded: FindingView = {
  ruleId: 'tier-opt-out-gap',
  severity: 'error',
  message: 'Free-tier chats reach `uploadFineTune()` | unguarded <script>.',
  file: 'src/train.ts',
  line: 12,
  column: 5,
  purpose: 'model-training',
  tiers: ['free', 'team'],
  flow: [
    { file: 'src/chat.ts', line: 3, column: 1, note: 'chat message read' },
    { file: 'src/train.ts', line: 12, column: 5, note: 'fine-tuning upload' },
  ],
};

const base: SummaryInput = {
  findings: [unguarded],
  totalFindings: 1,
  filterMode: 'added',
  failOn: 'error',
  diagnostics: [],
  notes: [],
};

describe('renderSummary', () => {
  it('renders the headline, an escaped findings table and the flow', () => {
    expect(renderSummary(base)).toBe(
      [
        '## Consentry',
        '',
        '**1 finding** on the lines this change adds: 1 error, 0 warnings, 0 notes.',
        'This step fails: 1 finding at or above `error`.',
        '',
        '| Severity | Rule | Location | Message | Tiers left unguarded |',
        '| --- | --- | --- | --- | --- |',
        '| error | `tier-opt-out-gap` | `src/train.ts:12:5` | Free-tier chats reach `uploadFineTune()` \\| unguarded &lt;script&gt;. | free, team |',
        '',
        '### Flows',
        '',
        'How personal data reaches each sink, from source to sink:',
        '',
        '<details>',
        '<summary><code>tier-opt-out-gap</code> at <code>src/train.ts:12</code> (purpose <code>model-training</code>)</summary>',
        '',
        '1. `src/chat.ts:3:1` chat message read',
        '2. `src/train.ts:12:5` fine-tuning upload',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('lists what the analysis could not do', () => {
    const summary = renderSummary({
      ...base,
      findings: [],
      diagnostics: [
        {
          severity: 'warning',
          message: 'could not resolve the callee',
          file: 'src/a.ts',
          line: 4,
          column: 2,
        },
      ],
    });
    expect(summary).toContain('No findings on the lines this change adds.');
    expect(summary).toContain('<summary>1 thing the analysis could not do</summary>');
    expect(summary).toContain('- warning: `src/a.ts:4:2` could not resolve the callee');
  });

  it('counts the optional policy mappings that name nothing in its headline', () => {
    const unresolved = {
      code: 'policy-mapping-unresolved',
      message:
        '/code/sinks/0/export: `TrainingQueue` has no member `enqeue` (did you mean "enqueue"?). The mapping is optional and names nothing in the project, so it is ignored.',
      file: 'consentry.yaml',
      line: 12,
      column: 7,
    };
    const summary = renderSummary({
      ...base,
      findings: [],
      diagnostics: [unresolved, { ...unresolved, line: 16 }],
    });
    expect(summary.split('\n').slice(0, 4)).toEqual([
      '## Consentry',
      '',
      'No findings on the lines this change adds.',
      '2 optional policy mappings name nothing in the project; the diagnostics list them.',
    ]);
    expect(renderSummary({ ...base, findings: [] })).not.toContain('policy mapping');
  });

  it('fences a record diff with more backticks than it contains', () => {
    const summary = renderSummary({
      ...base,
      findings: [],
      record: { file: 'docs/record.md', status: { upToDate: false, diff: '-```\n+````\n' } },
    });
    expect(summary).toContain('`````diff\n-```\n+````\n`````');
  });

  it("stays under GitHub's 1 MiB limit for a huge report", () => {
    const findings = Array.from({ length: 3000 }, (_, index) => ({
      ...unguarded,
      line: index + 1,
      message: 'x'.repeat(400),
    }));
    const summary = renderSummary({ ...base, findings, totalFindings: findings.length });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).toMatch(/the summary is cut here: GitHub takes at most 1 MiB per step\.\n$/);
  });
});

describe('renderSummary on hostile text', () => {
  it('escapes control characters and overrides in messages, paths, notes and flows, and cuts long values', () => {
    const hostile = '\u001b[2J\u0007\u0000\u202e';
    const summary = renderSummary({
      ...base,
      findings: [
        {
          ...unguarded,
          message: `Purpose ${hostile}${'x'.repeat(500_000)}`,
          file: `src/nightly${hostile}.ts`,
          flow: [{ file: 'src/chat.ts', line: 3, column: 1, note: `read ${hostile}` }],
        },
      ],
      notes: [`a note ${hostile}`],
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the test
    expect(summary).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(summary).toContain('Purpose \\u{1b}[2J\\u{7}\\u{0}\\u{202e}xxx');
    expect(summary).toContain('`src/nightly\\u{1b}[2J\\u{7}\\u{0}\\u{202e}.ts:12:5`');
    expect(summary.length).toBeLessThan(10_000);
  });
});

describe('renderComment', () => {
  it('starts with the marker, omits flows and record diffs, and fits a comment', () => {
    const findings = Array.from({ length: 400 }, (_, index) => ({ ...unguarded, line: index + 1 }));
    const comment = renderComment(
      {
        ...base,
        findings,
        totalFindings: findings.length,
        record: { file: 'docs/record.md', status: { upToDate: false, diff: '-old\n+new\n' } },
      },
      '<!-- consentry-action:. -->',
      'https://github.com/acme/chat-assistant/actions/runs/9001',
    );
    expect(comment.startsWith('<!-- consentry-action:. -->\n\n## Consentry\n')).toBe(true);
    expect(comment).not.toContain('### Flows');
    expect(comment).not.toContain('```diff');
    expect(comment).toContain('…and 350 more findings, listed in the job summary.');
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
  });
});

describe('hasNews', () => {
  it('is true for findings or a stale record only', () => {
    expect(hasNews(base)).toBe(true);
    expect(hasNews({ ...base, findings: [] })).toBe(false);
    expect(
      hasNews({
        ...base,
        findings: [],
        record: { file: 'r.md', status: { upToDate: false, diff: '' } },
      }),
    ).toBe(true);
  });
});
