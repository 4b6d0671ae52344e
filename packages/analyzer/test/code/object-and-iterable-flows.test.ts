import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeAnalysis } from '../../src/analyze-code.js';
import { analyseFixture, findingAt, flowSteps } from '../support/finding-at.js';

/** The flow of the one `training-without-consent` finding at `file:line`, as `file:line note` strings. */
function flowAt(analysis: CodeAnalysis, file: string, line: number): string[] {
  return flowSteps(findingAt(analysis, file, line, 'training-without-consent'));
}

/** The message of the one `training-data-untraced` note at `file:line`. */
function noteAt(analysis: CodeAnalysis, file: string, line: number): string {
  return findingAt(analysis, file, line, 'training-data-untraced')?.message ?? '';
}

describe('data through object state, iterable operators and helpers', () => {
  let analysis: CodeAnalysis;
  beforeAll(async () => {
    analysis = await analyseFixture('pipelines');
  }, 120_000);

  it('goes from the constructor to the getter of the instance the caller built', () => {
    expect(flowAt(analysis, 'src/object-state.ts', 67).slice(1)).toEqual([
      'src/object-state.ts:64 returned by `messagesOf`',
      'src/object-state.ts:53 stored in `this.#lines`',
      'src/object-state.ts:65 returned by `Transcript.jsonl`',
      'src/object-state.ts:67 reaches `files.create` (OpenAI file upload for fine-tuning) for model-training',
    ]);
  });

  it('resolves a getter of an instance handed to a helper against the instance the caller built', () => {
    expect(flowAt(analysis, 'src/object-state.ts', 88).slice(1)).toEqual([
      'src/object-state.ts:88 returned by `messagesOf`',
      'src/object-state.ts:53 stored in `this.#lines`',
      'src/object-state.ts:88 passed to `uploadGivenTranscript`',
      'src/object-state.ts:81 returned by `Transcript.jsonl`',
      'src/object-state.ts:82 reaches `files.create` (OpenAI file upload for fine-tuning) for model-training',
    ]);
    // Returned by a helper rather than uploaded there: the caller reads what its instance holds.
    expect(flowAt(analysis, 'src/object-state.ts', 217).slice(1, 5)).toEqual([
      'src/object-state.ts:215 returned by `messagesOf`',
      'src/object-state.ts:53 stored in `this.#lines`',
      'src/object-state.ts:210 returned by `Transcript.jsonl`',
      'src/object-state.ts:215 returned by `linesOf`',
    ]);
  });

  it('resolves a method of an instance handed to another class against the instance the caller built', () => {
    expect(flowAt(analysis, 'src/object-state.ts', 249).slice(1)).toEqual([
      'src/object-state.ts:247 returned by `messagesOf`',
      'src/object-state.ts:95 stored in `this.rows`',
      'src/object-state.ts:249 passed to `BatchUploader.upload`',
      'src/object-state.ts:232 returned by `ExportBatch.toJsonl`',
      'src/object-state.ts:233 reaches `files.create` (OpenAI file upload for fine-tuning) for model-training',
    ]);
  });

  it('keeps two instances of one class apart: only the unchecked batch is reported', () => {
    expect(flowAt(analysis, 'src/object-state.ts', 122).slice(1, 4)).toEqual([
      'src/object-state.ts:115 returned by `messagesOf`',
      'src/object-state.ts:95 stored in `this.rows`',
      'src/object-state.ts:123 returned by `ExportBatch.toJsonl`',
    ]);
    expect(
      analysis.findings.filter(
        (finding) => finding.file === 'src/object-state.ts' && finding.line === 117,
      ),
    ).toEqual([]);
  });

  it('runs each operator of a pipe on the elements, as a hop', () => {
    expect(flowAt(analysis, 'src/iterable-helpers.ts', 26).slice(1, 4)).toEqual([
      'src/iterable-helpers.ts:20 returned by `messagesOf`',
      'src/iterable-helpers.ts:21 each element goes through `filter`',
      'src/iterable-helpers.ts:22 each element goes through `map`',
    ]);
    expect(flowAt(analysis, 'src/iterable-helpers.ts', 99).slice(2, 4)).toEqual([
      'src/iterable-helpers.ts:93 each element goes through `keep`',
      'src/iterable-helpers.ts:94 each element goes through `select`',
    ]);
  });

  it('follows a module-level collection filled in one module and uploaded in another', () => {
    expect(flowAt(analysis, 'src/queue/flush.ts', 15).slice(1)).toEqual([
      'src/queue/collect.ts:8 returned by `transcriptOf`',
      'src/queue/collect.ts:8 stored in the module-level `pendingTranscripts`',
      'src/queue/flush.ts:15 reaches `files.create` (OpenAI file upload for fine-tuning) for model-training',
    ]);
  });

  it('reads back, through a helper, the file the caller wrote', () => {
    expect(flowAt(analysis, 'src/read-helpers.ts', 27).slice(1, 4)).toEqual([
      'src/read-helpers.ts:24 returned by `transcriptOf`',
      'src/read-helpers.ts:24 written to the file `path` by `writeFile`',
      'src/read-helpers.ts:25 read back by `readDataset`',
    ]);
  });

  it('says why a job on a file id from the environment or a literal is untraced', () => {
    expect(noteAt(analysis, 'src/untraced.ts', 74)).toContain(
      'the file id comes from the environment (`process.env.TRAINING_FILE_ID`): a file uploaded by hand, whose data is not visible to the analysis',
    );
    expect(noteAt(analysis, 'src/untraced.ts', 86)).toContain(
      'the file id is a literal (`file-7QvN2sZk1d0c`): a file uploaded by hand',
    );
  });
});
