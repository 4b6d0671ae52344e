import type { AppConsent } from '../consent.js';
import type { Tier } from '../domain.js';
import type { ConversationRepository } from '../repositories/conversation-repository.js';
import type { UserRepository } from '../repositories/user-repository.js';
import type { FineTuneSubmission, FineTuneUploader } from './fine-tune-uploader.js';
import { TrainingDatasetWriter } from './training-dataset-writer.js';
import { type SupervisedRow, toSupervisedRow } from './training-rows.js';

/** What one nightly run exported and submitted. */
export interface NightlyExportReport {
  /** The dataset's name, also its file name without `.jsonl`. */
  readonly dataset: string;
  /** Rows written, in total and per tier. */
  readonly rows: number;
  readonly rowsByTier: Readonly<Record<Tier, number>>;
  /** The vendor's file and job, or undefined when there was nothing to export. */
  readonly submission: FineTuneSubmission | undefined;
}

/** The nightly job: exports stored conversations to a JSONL dataset and submits it for fine-tuning. */
export class NightlyTrainingExport {
  constructor(
    private readonly users: UserRepository,
    private readonly conversations: ConversationRepository,
    private readonly consent: AppConsent,
    private readonly uploader: FineTuneUploader,
  ) {}

  /** Exports every conversation the job may use, as of `runDate` (YYYY-MM-DD), and submits it. */
  async run(runDate: string): Promise<NightlyExportReport> {
    const dataset = `conversations-${runDate}`;
    const writer = new TrainingDatasetWriter<SupervisedRow>(dataset);
    const rowsByTier: Record<Tier, number> = { free: 0, pro: 0, enterprise: 0 };

    for (const user of await this.users.list()) {
      // DEMONSTRATION OF THE FLAW THIS EXAMPLE EXISTS FOR (the analyzer reports tier-opt-out-gap):
      // the opt-out is checked only for paying tiers, as if the settings toggle were a paid
      // feature. The policy promises every tier, free included, a free in-app opt-out, so a
      // free-tier user who opted out is still exported below. The fix is to check every user:
      //   if (!(await this.consent.allows(user, 'model-training'))) continue;
      if (user.tier !== 'free') {
        if (!(await this.consent.allows(user, 'model-training'))) continue;
      }
      for (const conversation of await this.conversations.listByUser(user.id)) {
        if (conversation.messages.length === 0) continue;
        writer.append(toSupervisedRow(conversation));
        rowsByTier[user.tier] += 1;
      }
    }

    const submission = writer.size === 0 ? undefined : await this.uploader.submit(writer.toFile());
    return { dataset, rows: writer.size, rowsByTier, submission };
  }
}
