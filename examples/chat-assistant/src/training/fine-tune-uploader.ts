import type { FineTuningJob, OpenAIClient } from '../vendor/openai-client.js';

/** What the vendor returned for one submitted dataset. */
export interface FineTuneSubmission {
  readonly fileId: string;
  readonly jobId: string;
  readonly status: FineTuningJob['status'];
}

/** Uploads a training dataset to the model vendor and starts a fine-tuning job on it. */
export class FineTuneUploader {
  constructor(
    private readonly client: OpenAIClient,
    private readonly baseModel: string,
  ) {}

  /** Uploads `dataset` (JSON Lines) for fine-tuning and queues a job on the base model. */
  async submit(dataset: File): Promise<FineTuneSubmission> {
    const file = await this.client.files.create({ file: dataset, purpose: 'fine-tune' });
    const job = await this.client.fineTuning.jobs.create({
      training_file: file.id,
      model: this.baseModel,
      suffix: 'parley',
    });
    return { fileId: file.id, jobId: job.id, status: job.status };
  }
}
