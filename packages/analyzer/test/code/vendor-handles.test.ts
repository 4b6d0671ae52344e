import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeAnalysis } from '../../src/analyze-code.js';
import { analyseFixture, findingAt, flowSteps } from '../support/finding-at.js';

/** The flow of the one finding at `file:line`, as `line note` strings (the source's file kept). */
function flowAt(analysis: CodeAnalysis, file: string, line: number): string[] {
  const finding = findingAt(analysis, file, line, 'tier-opt-out-gap');
  expect(finding?.tiers).toEqual(['free']);
  return flowSteps(finding, file);
}

describe('a training job started from a vendor handle', () => {
  let analysis: CodeAnalysis;
  beforeAll(async () => {
    analysis = await analyseFixture('pipelines');
  }, 120_000);

  it('is the finding, with the write, the read, the upload and the job as hops (Mistral)', () => {
    expect(flowAt(analysis, 'src/handles/mistral.ts', 26)).toEqual([
      "src/handles/transcripts.ts:5 `db.selectFrom('messages')` returns personal data (conversations)",
      '19 returned by `transcriptOf`',
      '19 written to the file `path` by `appendFile`',
      '22 `openAsBlob(path)` reads the file back',
      '21 reaches `files.upload` (Mistral file upload for fine-tuning) for model-training',
      "18 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '26 reaches `fineTuning.jobs.create` (Mistral fine-tuning job) for model-training',
    ]);
  });

  it('reports no finding of its own at the upload the job names', () => {
    const uploads = [
      ['src/handles/mistral.ts', 21],
      ['src/handles/together.ts', 20],
      ['src/handles/cohere.ts', 21],
      ['src/temp-files.ts', 28],
    ] as const;
    for (const [file, line] of uploads) {
      expect(
        analysis.findings.filter((finding) => finding.file === file && finding.line === line),
        `${file}:${line}`,
      ).toEqual([]);
    }
  });

  it('follows an upload by path to the job on its file id (Together)', () => {
    expect(flowAt(analysis, 'src/handles/together.ts', 22).slice(2)).toEqual([
      '18 written to the file `path` by `appendFile`',
      "20 `together.files.upload(path, 'fine-tune')` reads the file back",
      '20 reaches `files.upload` (Together AI file upload for fine-tuning) for model-training',
      "17 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '22 reaches `fineTuning.create` (Together AI fine-tuning job) for model-training',
    ]);
  });

  it('follows a dataset to the model trained on its id (Cohere)', () => {
    expect(flowAt(analysis, 'src/handles/cohere.ts', 27).slice(2)).toEqual([
      '19 written to the file `path` by `appendFile`',
      '21 `createReadStream(path)` reads the file back',
      '21 reaches `datasets.create` (Cohere dataset upload) for model-training',
      "18 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '27 reaches `finetuning.createFinetunedModel` (Cohere fine-tuned model) for model-training',
    ]);
  });

  it('follows a file pushed to a dataset repository (Hugging Face)', () => {
    expect(flowAt(analysis, 'src/handles/hugging-face.ts', 23).slice(2)).toEqual([
      '20 written to the file `path` by `appendFile`',
      '26 `openAsBlob(path)` reads the file back',
      "19 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '23 reaches `uploadFile` (Hugging Face Hub file upload) for model-training',
    ]);
  });

  it('matches an S3 object by the same bucket and key parts, written and named in a URI (Bedrock)', () => {
    expect(flowAt(analysis, 'src/handles/bedrock.ts', 30).slice(2)).toEqual([
      '24 written to the file `path` by `appendFile`',
      '27 `createReadStream(path)` reads the file back',
      `27 written to the object \`s3://chatterbox-training/\${key}\` by \`PutObjectCommand\``,
      `30 its \`trainingDataConfig.s3Uri\` names \`s3://chatterbox-training/\${key}\`, which it reads`,
      "23 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '30 reaches `CreateModelCustomizationJobCommand` (AWS Bedrock model customization job) for model-training',
    ]);
  });

  it('matches a Cloud Storage object uploaded from the file to the tuning job’s URI (Vertex AI)', () => {
    expect(flowAt(analysis, 'src/handles/vertex.ts', 29).slice(2)).toEqual([
      '25 written to the file `path` by `appendFile`',
      '27 `path` is read for the upload',
      '27 written to the object `gs://chatterbox-tuning/support/train.jsonl` by `upload`',
      '29 its `tuningJob.supervisedTuningSpec.trainingDatasetUri` names `gs://chatterbox-tuning/support/train.jsonl`, which it reads',
      "24 `consent.allows(account, 'model-training')` checks `model-training`, on the paths of tiers pro only",
      '29 reaches `createTuningJob` (Google Vertex AI tuning job) for model-training',
    ]);
  });
});
