import { describe, expect, it } from 'vitest';
import { listRules } from '../src/registry.js';
import { formatReport, REPORT_FORMATS } from '../src/report/format.js';
import { formatJson } from '../src/report/json.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatPretty } from '../src/report/pretty.js';
import { formatSarif } from '../src/report/sarif.js';
import { firstSentence } from '../src/report/sentence.js';
import { sampleReport } from './support/sample-report.js';
import { compileReportSchema, compileSarifSchema } from './support/schemas.js';

describe('json formatter', () => {
  it('produces a report valid against schemas/report.schema.json', () => {
    const validate = compileReportSchema();
    const document = JSON.parse(formatJson(sampleReport())) as unknown;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries the contract fields of a code finding', () => {
    const document = JSON.parse(formatJson(sampleReport())) as {
      findings: Record<string, unknown>[];
      summary: Record<string, number>;
    };
    const code = document.findings.find((f) => f.ruleId === 'training-without-consent');
    expect(code).toMatchObject({
      file: 'src/export.ts',
      line: 4,
      column: 9,
      endLine: 4,
      endColumn: 76,
      purpose: 'model-training',
      tiers: ['free', 'pro'],
    });
    expect(code?.flow).toHaveLength(3);
    expect(code?.message).toBe(
      'Conversations reach the OpenAI fine-tuning upload without a consent check.',
    );
    expect(code?.detail).toMatch(/^The policy promises the free tier an opt-out/);
    const policy = document.findings.find((f) => f.ruleId === 'training-opt-out-missing');
    expect(policy).not.toHaveProperty('detail');
    expect(document.summary).toMatchObject({ findings: 3, errors: 2, warnings: 0, notes: 1 });
  });

  it('rejects absolute paths through the schema', () => {
    const validate = compileReportSchema();
    const document = JSON.parse(formatJson(sampleReport())) as { findings: { file: string }[] };
    document.findings[0]!.file = '/home/ci/project/consentry.yaml';
    expect(validate(document)).toBe(false);
  });
});

describe('sarif formatter', () => {
  const sarif = JSON.parse(formatSarif(sampleReport())) as {
    runs: {
      tool: { driver: { rules: Record<string, unknown>[] } };
      results: Record<string, unknown>[];
    }[];
  };
  const run = sarif.runs[0]!;

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const validate = compileSarifSchema();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(sarif);
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes each rule with help, helpUri, security-severity and tags', () => {
    const rule = run.tool.driver.rules.find((r) => r.id === 'training-without-consent');
    expect(rule).toMatchObject({
      name: 'TrainingWithoutConsent',
      helpUri: 'https://example.test/rules/training-without-consent.md',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', tags: expect.arrayContaining(['security']) },
    });
    const help = rule?.help as { text: string; markdown: string };
    expect(help.markdown).toContain('[the guide](https://example.test/guide)');
    expect(help.text).toContain('See the guide.');
  });

  it('points each result at its rule, location and fingerprints', () => {
    const result = run.results.find((r) => r.ruleId === 'training-without-consent')!;
    const rules = run.tool.driver.rules;
    expect(rules[result.ruleIndex as number]?.id).toBe('training-without-consent');
    expect(result.level).toBe('error');
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/export.ts', uriBaseId: '%SRCROOT%' },
          region: {
            startLine: 4,
            startColumn: 9,
            endLine: 4,
            endColumn: 76,
            snippet: {
              text: "  await openai.files.create({ file: toJsonl(rows), purpose: 'fine-tune' });",
            },
          },
        },
      },
    ]);
    const fingerprints = result.partialFingerprints as Record<string, string>;
    expect(fingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(fingerprints['consentry/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the message to one line and gives the detail as Markdown', () => {
    const result = run.results.find((r) => r.ruleId === 'training-without-consent')!;
    expect(result.message).toEqual({
      text: 'Conversations reach the OpenAI fine-tuning upload without a consent check.',
      markdown:
        'Conversations reach the OpenAI fine-tuning upload without a consent check.\n\nThe policy promises the free tier an opt-out by in-app-toggle (/purposes/model-training/tiers/free). Check `model-training` before the upload.',
    });
    const policyResult = run.results.find((r) => r.ruleId === 'training-opt-out-missing')!;
    expect(policyResult.message).toEqual({
      text: 'Tier free cannot object to model-training. Give it an opt-out.',
    });
  });

  it('renders the flow as a code flow, step by step', () => {
    const result = run.results.find((r) => r.ruleId === 'training-without-consent')!;
    const flows = result.codeFlows as {
      threadFlows: {
        locations: { location: { message: { text: string } }; executionOrder: number }[];
      }[];
    }[];
    const steps = flows[0]!.threadFlows[0]!.locations;
    expect(steps.map((step) => step.location.message.text)).toEqual([
      'conversation read from the database',
      'rows passed to exportTrainingSet',
      'sent to OpenAI fine-tuning upload',
    ]);
    expect(steps.map((step) => step.executionOrder)).toEqual([1, 2, 3]);
    const policyResult = run.results.find((r) => r.ruleId === 'training-opt-out-missing')!;
    expect(policyResult.codeFlows).toBeUndefined();
  });

  it('keeps every URI relative to the repository root, %SRCROOT%, declared in originalUriBaseIds', () => {
    const text = formatSarif(sampleReport());
    expect(text).not.toMatch(/file:\/\//);
    const log = JSON.parse(text) as {
      runs: { originalUriBaseIds: Record<string, { uri?: string }> }[];
    };
    expect(Object.keys(log.runs[0]!.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBeUndefined();
    const bases = [...text.matchAll(/"uriBaseId": "([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(bases)).toEqual(new Set(['%SRCROOT%']));
  });

  it('prefixes every path with the analysed directory when it is a subdirectory of the repository', () => {
    const log = JSON.parse(formatSarif({ ...sampleReport(), directory: 'apps/chat' })) as {
      runs: { results: unknown[] }[];
    };
    const uris = JSON.stringify(log.runs[0]!.results)
      .match(/"uri":"[^"]+"/g)!
      .map((entry) => entry.slice(7, -1));
    expect(uris.length).toBeGreaterThan(3);
    expect(uris.every((uri) => uri.startsWith('apps/chat/'))).toBe(true);
    expect(uris).toContain('apps/chat/src/export.ts');
    expect(uris).toContain('apps/chat/consentry.yaml');
  });

  it('has no automationDetails unless a category is given, so codeql-action can set its own', () => {
    expect(run).not.toHaveProperty('automationDetails');
    const named = JSON.parse(formatSarif(sampleReport(), { category: 'apps/chat' })) as {
      runs: { automationDetails?: { id: string } }[];
    };
    expect(named.runs[0]!.automationDetails).toEqual({ id: 'apps/chat/' });
    const slashed = JSON.parse(formatSarif(sampleReport(), { category: 'consentry/web/' })) as {
      runs: { automationDetails?: { id: string } }[];
    };
    expect(slashed.runs[0]!.automationDetails).toEqual({ id: 'consentry/web/' });
  });
});

describe('SARIF rule titles', () => {
  const rules = listRules().map((rule) => ({
    id: rule.id,
    origin: 'code' as const,
    ...rule.meta,
    helpUri: `https://example.test/${rule.id}`,
  }));
  const log = JSON.parse(formatSarif({ ...sampleReport(), rules })) as {
    runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[];
  };
  const titles = new Map(
    log.runs[0]!.tool.driver.rules.map((rule) => [rule.id, rule.shortDescription.text]),
  );

  it.each(rules.map((rule) => [rule.id, rule.description]))(
    '%s: the title is whole sentences of the description, never cut at an abbreviation',
    (id, description) => {
      const title = titles.get(id)!;
      expect(description.startsWith(title)).toBe(true);
      expect(title).toMatch(/[.!?]$/);
      expect(title).not.toMatch(/\b(?:e\.g|i\.e|Art|cf|vs)\.$/);
      // Nothing left out that is part of the same sentence.
      const rest = description.slice(title.length);
      expect(rest === '' || /^\s+[A-Z`"'(]/.test(rest)).toBe(true);
    },
  );

  it('keeps the examples and article numbers in the four titles that used to be cut', () => {
    expect(titles.get('purpose-mismatch')).toContain('(e.g. analytics before model training)');
    expect(titles.get('tier-opt-out-gap')).toContain('(e.g. only for paying users)');
    expect(titles.get('special-category-training')).toContain('Art. 9(2) condition');
    expect(titles.get('ropa-field-missing')).toContain('Art. 30(1)(a)–(g): contact details');
  });
});

describe('firstSentence', () => {
  it('ends at a full stop before a capital, not at an abbreviation or an article number', () => {
    expect(firstSentence('Use a check (e.g. analytics) here. Then go.')).toBe(
      'Use a check (e.g. analytics) here.',
    );
    expect(firstSentence('Under Art. 21 users object. More.')).toBe('Under Art. 21 users object.');
    expect(firstSentence('Needs Art. 9(2). Fix it.')).toBe('Needs Art. 9(2).');
    expect(firstSentence('No stop at all')).toBe('No stop at all');
    expect(firstSentence('Ends with `code`. `next` follows.')).toBe('Ends with `code`.');
  });
});

describe('pretty formatter', () => {
  it('groups by file, shows a code frame with a caret and the flow as numbered steps', () => {
    const text = formatPretty(sampleReport());
    expect(text).toContain(
      [
        'src/export.ts',
        '  4:9  error  Conversations reach the OpenAI fine-tuning upload without a consent check.  training-without-consent',
        '    The policy promises the free tier an opt-out by in-app-toggle (/purposes/model-training/tiers/free). Check `model-training` before the upload.',
        '    purpose: model-training · tiers left unguarded: free, pro',
        "    4 |   await openai.files.create({ file: toJsonl(rows), purpose: 'fine-tune' });",
        `      |         ${'^'.repeat(67)}`,
        '    flow:',
        '      1. src/chat.ts:12:3  conversation read from the database',
        '      2. src/export.ts:3:42  rows passed to exportTrainingSet',
        '      3. src/export.ts:4:9  sent to OpenAI fine-tuning upload',
      ].join('\n'),
    );
    expect(text.indexOf('consentry.yaml')).toBeLessThan(text.indexOf('src/export.ts'));
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '3 findings (2 errors, 0 warnings, 1 note) · 1 suppressed · 3 files, 7 functions analysed · policy consentry.yaml',
    );
  });

  it('shows paths from the reader directory when told where the analysed directory is', () => {
    const text = formatPretty(sampleReport(), { directory: 'apps/chat' });
    expect(text).toContain('\napps/chat/src/export.ts\n');
    expect(text).toContain(
      '      1. apps/chat/src/chat.ts:12:3  conversation read from the database',
    );
    expect(text).toContain('  apps/chat/src/broken.ts:2:5  cannot parse this file');
    expect(text.trimEnd().endsWith('policy apps/chat/consentry.yaml')).toBe(true);
    const above = formatPretty(sampleReport(), { directory: '../chat' });
    expect(above).toContain('../chat/src/export.ts:3:42');
  });

  it('uses colour only when asked', () => {
    expect(formatPretty(sampleReport())).not.toContain('\u001b[');
    expect(formatPretty(sampleReport(), { color: true })).toContain('\u001b[31merror\u001b[39m');
  });

  it('says so when there is nothing to report', () => {
    const empty = { ...sampleReport(), findings: [], diagnostics: [] };
    expect(formatPretty(empty)).toBe(
      'No findings · 1 suppressed · 3 files, 7 functions analysed · policy consentry.yaml\n',
    );
  });
});

describe('markdown formatter', () => {
  it('has a summary table and a section per finding', () => {
    const text = formatMarkdown(sampleReport());
    expect(text).toContain('| Error | 2 |');
    expect(text).toContain(
      '| 2 | error | [`training-without-consent`](https://example.test/rules/training-without-consent.md) | `src/export.ts:4:9` | Conversations reach the OpenAI fine-tuning upload without a consent check. |',
    );
    expect(text).toContain('| 3 | note | [`unused-suppression`](');
    expect(text).toContain('This suppression silences nothing \\| really.');
    expect(text).toContain(
      '### 2. training-without-consent at `src/export.ts:4:9`\n\n**error**: Conversations reach the OpenAI fine-tuning upload without a consent check.\n\nThe policy promises the free tier an opt-out by in-app-toggle (/purposes/model-training/tiers/free). Check `model-training` before the upload.\n\n- Purpose: `model-training`',
    );
    expect(text).toContain(
      '| `training-without-consent` | `src/eval.ts:9` | synthetic rows \\| from the eval harness |',
    );
    expect(text).toContain('1. `src/chat.ts:12:3` conversation read from the database');
    expect(text).toContain('- Tiers left unguarded: `free`, `pro`');
    expect(text).toContain(
      "```ts\nawait openai.files.create({ file: toJsonl(rows), purpose: 'fine-tune' });\n```",
    );
  });
});

describe('every formatter', () => {
  it('gives the same bytes for the same report, with no absolute path', () => {
    for (const format of REPORT_FORMATS) {
      const first = formatReport(sampleReport(), format);
      expect(formatReport(sampleReport(), format)).toBe(first);
      expect(first).not.toContain(process.cwd());
      expect(first.endsWith('\n')).toBe(true);
    }
  });
});
