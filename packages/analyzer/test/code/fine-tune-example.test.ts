import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';
import { planInit, toPolicyValue } from '../../src/init/draft.js';

const example = new URL('../../../../examples/fine-tune-pipeline/', import.meta.url).pathname;

it('reports the fine-tune pipeline’s flaw through the query, the generators, the file, the upload and the job started from its handle, and not its fixed twin', async () => {
  const analysis = await analyzeCode({
    root: example,
    policy: loadPolicy(join(example, 'consentry.yaml')),
  });
  expect(analysis.diagnostics).toEqual([]);
  expect(
    analysis.findings.map((finding) => ({
      ruleId: finding.ruleId,
      file: finding.file,
      line: finding.line,
      purpose: finding.purpose,
      tiers: finding.tiers,
    })),
  ).toEqual([
    {
      ruleId: 'tier-opt-out-gap',
      file: 'src/training/fine-tune-job.ts',
      line: 64,
      purpose: 'model-training',
      tiers: ['free'],
    },
  ]);
  const flow = (analysis.findings[0]?.flow ?? []).map(
    (step) => `${step.file}:${step.line} ${step.note}`,
  );
  expect(flow).toEqual([
    "src/training/logged-requests.ts:23 `db.selectFrom('logged_requests')` returns personal data (conversation-content)",
    'src/training/fine-tune-job.ts:51 returned by `loggedRequestsOf`',
    'src/training/fine-tune-job.ts:52 returned by `toChatExamples`',
    'src/training/fine-tune-job.ts:53 passed to `appendLine`',
    'src/training/jsonl-file.ts:20 written to the file `file.path` by `appendFile`',
    'src/training/fine-tune-job.ts:61 `createReadStream(file.path)` reads the file back',
    'src/training/fine-tune-job.ts:60 reaches `files.create` (OpenAI file upload for fine-tuning) for model-training',
    "src/training/fine-tune-job.ts:49 `this.consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers team, enterprise only",
    'src/training/fine-tune-job.ts:64 reaches `fineTuning.jobs.create` (OpenAI fine-tuning job) for model-training',
  ]);
}, 120_000);

it('needs no mapping beyond the ones `consentry init` drafts for it', async () => {
  const draft = toPolicyValue(await planInit(example));
  const policy = loadPolicy(join(example, 'consentry.yaml')).policy;
  expect(policy.code).toEqual(draft.code);
  expect(Object.keys(policy.tiers ?? {})).toEqual(Object.keys(draft.tiers ?? {}));
}, 60_000);
