import { fingerprintFindings } from '../../src/baseline.js';
import type { Finding } from '../../src/findings.js';
import type { Report } from '../../src/report/report.js';

const SOURCES: Record<string, string[]> = {
  'src/export.ts': [
    "import OpenAI from 'openai';",
    '',
    'export async function exportTrainingSet(rows: Row[]) {',
    "  await openai.files.create({ file: toJsonl(rows), purpose: 'fine-tune' });",
    '}',
  ],
  'consentry.yaml': ['version: 1', 'purposes:', '  model-training:', '    kind: fine-tuning'],
};

const FINDINGS: Finding[] = [
  {
    ruleId: 'training-opt-out-missing',
    severity: 'error',
    message: 'Tier free cannot object to model-training. Give it an opt-out.',
    file: 'consentry.yaml',
    line: 3,
    column: 3,
    purpose: 'model-training',
    tiers: ['free'],
    origin: 'policy',
  },
  {
    ruleId: 'training-without-consent',
    severity: 'error',
    message: 'Conversations reach the OpenAI fine-tuning upload without a consent check.',
    detail:
      'The policy promises the free tier an opt-out by in-app-toggle (/purposes/model-training/tiers/free). Check `model-training` before the upload.',
    file: 'src/export.ts',
    line: 4,
    column: 9,
    endLine: 4,
    endColumn: 76,
    purpose: 'model-training',
    tiers: ['free', 'pro'],
    origin: 'code',
    flow: [
      { file: 'src/chat.ts', line: 12, column: 3, note: 'conversation read from the database' },
      { file: 'src/export.ts', line: 3, column: 42, note: 'rows passed to exportTrainingSet' },
      { file: 'src/export.ts', line: 4, column: 9, note: 'sent to OpenAI fine-tuning upload' },
    ],
  },
  {
    ruleId: 'unused-suppression',
    severity: 'note',
    message: 'This suppression silences nothing | really.',
    file: 'src/export.ts',
    line: 5,
    column: 1,
    origin: 'code',
  },
];

/** A report with a policy finding, a code finding with a flow, and a note: every formatter path. */
export function sampleReport(): Report {
  return {
    tool: { name: 'consentry', version: '0.1.0', informationUri: 'https://example.test/consentry' },
    policyFile: 'consentry.yaml',
    directory: '.',
    findings: fingerprintFindings(FINDINGS, (file, line) => SOURCES[file]?.[line - 1]),
    diagnostics: [
      {
        code: 'syntax-error',
        message: 'cannot parse this file',
        file: 'src/broken.ts',
        line: 2,
        column: 5,
      },
    ],
    suppressions: [
      {
        ruleId: 'training-without-consent',
        file: 'src/eval.ts',
        line: 9,
        reason: 'synthetic rows | from the eval harness',
      },
    ],
    rules: [
      {
        id: 'training-opt-out-missing',
        origin: 'policy',
        description: 'Every tier must be able to object to training. At no cost.',
        severity: 'error',
        securitySeverity: 9,
        citations: ['GDPR Art. 12(5)', 'GDPR Art. 21(1)'],
        helpUri: 'https://example.test/rules/training-opt-out-missing.md',
      },
      {
        id: 'training-without-consent',
        origin: 'code',
        description: 'Personal data reaches a training sink without a consent check.',
        severity: 'error',
        securitySeverity: 8,
        citations: ['GDPR Art. 21(1)'],
        helpUri: 'https://example.test/rules/training-without-consent.md',
        docs: '# training-without-consent\n\n**Severity:** error\n\nSee [the guide](https://example.test/guide).\n',
      },
      {
        id: 'unused-suppression',
        origin: 'suppression',
        description: 'A suppression that matches nothing.',
        severity: 'note',
        securitySeverity: 0.1,
        citations: ['GDPR Art. 5(2)'],
        helpUri: 'https://example.test/rules/unused-suppression.md',
      },
    ],
    stats: { files: 3, functions: 7, suppressed: 1, baselined: 0, unchanged: 0 },
  };
}
