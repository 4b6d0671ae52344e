// The fixed twin of src/training/fine-tune-job.ts: the same job with the opt-out checked for
// every tier. `consentry check` analyses it with the rest of the example and must stay silent.
import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type OpenAI from 'openai';
import type { AppConsent } from '../src/consent.js';
import type { DB, Tier } from '../src/db/schema.js';
import { toChatExamples } from '../src/training/chat-examples.js';
import type { FineTuneOptions, FineTuneRun } from '../src/training/fine-tune-job.js';
import { appendLine, createJsonlFile, removeJsonlFile } from '../src/training/jsonl-file.js';
import { loggedRequestsOf } from '../src/training/logged-requests.js';

/** The fine-tuning job with the fix: every account's opt-out is honoured, free included. */
export class FixedFineTuneJob {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly openai: OpenAI,
    private readonly consent: AppConsent,
    private readonly options: FineTuneOptions,
  ) {}

  /** Writes the training file, uploads it and starts the fine-tuning job. */
  async run(): Promise<FineTuneRun> {
    const accounts = await this.db.selectFrom('accounts').select(['id', 'tier']).execute();
    const file = await createJsonlFile('train');
    const examplesByTier: Record<Tier, number> = { free: 0, team: 0, enterprise: 0 };
    try {
      for (const account of accounts) {
        if (!(await this.consent.allows(account, 'model-training'))) continue;
        const exchanges = loggedRequestsOf(this.db, account.id, this.options.since);
        for await (const example of toChatExamples(exchanges, this.options.systemPrompt)) {
          await appendLine(file, example);
          examplesByTier[account.tier] += 1;
        }
      }
      if (file.lines === 0) {
        return { examples: 0, examplesByTier, fileId: undefined, jobId: undefined };
      }
      const upload = await this.openai.files.create({
        file: createReadStream(file.path),
        purpose: 'fine-tune',
      });
      const job = await this.openai.fineTuning.jobs.create({
        training_file: upload.id,
        model: this.options.baseModel,
        suffix: 'switchboard',
      });
      return { examples: file.lines, examplesByTier, fileId: upload.id, jobId: job.id };
    } finally {
      await removeJsonlFile(file);
    }
  }
}
