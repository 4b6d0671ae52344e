import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type OpenAI from 'openai';
import type { AppConsent } from '../consent.js';
import type { DB, Tier } from '../db/schema.js';
import { toChatExamples } from './chat-examples.js';
import { appendLine, createJsonlFile, removeJsonlFile } from './jsonl-file.js';
import { loggedRequestsOf } from './logged-requests.js';

/** What the job is told to train. */
export interface FineTuneOptions {
  /** The model to fine-tune, e.g. `gpt-4o-mini-2024-07-18`. */
  readonly baseModel: string;
  /** The system prompt every example starts with. */
  readonly systemPrompt: string;
  /** Only requests logged on or after this ISO date are used. */
  readonly since: string;
}

/** What one run uploaded and started. */
export interface FineTuneRun {
  readonly examples: number;
  readonly examplesByTier: Readonly<Record<Tier, number>>;
  /** The vendor's file and job ids, or undefined when there was nothing to train on. */
  readonly fileId: string | undefined;
  readonly jobId: string | undefined;
}

/** Distils the gateway's logged traffic into a fine-tuning job for a smaller, cheaper model. */
export class FineTuneJob {
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
        // DEMONSTRATION OF THE FLAW THIS EXAMPLE EXISTS FOR (consentry reports tier-opt-out-gap):
        // the opt-out is honoured for paying tiers only. The policy promises the free tier the
        // same opt-out, so a free account that opted out still ends up in the training file.
        if (account.tier !== 'free') {
          if (!(await this.consent.allows(account, 'model-training'))) continue;
        }
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
