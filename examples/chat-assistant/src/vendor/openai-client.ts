// The slice of the `openai` package's client that the fine-tuning upload uses, typed after its
// shape, plus a local fake: the example must run without network access or an API key.

/** A file the client uploads, as the web `File` global (what `openai`'s `toFile` returns). */
export type Uploadable = File;

/** What the vendor uses an uploaded file for. */
export type FilePurpose = 'assistants' | 'batch' | 'fine-tune' | 'vision' | 'user_data' | 'evals';

/** An uploaded file as the vendor describes it. */
export interface FileObject {
  readonly id: string;
  readonly object: 'file';
  readonly bytes: number;
  readonly filename: string;
  readonly purpose: FilePurpose;
}

/** Parameters of `client.files.create`. */
export interface FileCreateParams {
  readonly file: Uploadable;
  readonly purpose: FilePurpose;
}

/** A fine-tuning job as the vendor describes it. */
export interface FineTuningJob {
  readonly id: string;
  readonly object: 'fine_tuning.job';
  readonly model: string;
  readonly training_file: string;
  readonly status: 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
}

/** Parameters of `client.fineTuning.jobs.create`. */
export interface JobCreateParams {
  readonly training_file: string;
  readonly model: string;
  readonly suffix?: string;
}

/** The part of the vendor's client this app calls: file uploads and fine-tuning jobs. */
export interface OpenAIClient {
  readonly files: {
    create(params: FileCreateParams): Promise<FileObject>;
  };
  readonly fineTuning: {
    readonly jobs: {
      create(params: JobCreateParams): Promise<FineTuningJob>;
    };
  };
}

/** A file the fake client received, with its text, so tests can read what left the company. */
export interface ReceivedFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: FilePurpose;
  readonly text: string;
}

/** An in-process stand-in for the vendor's client that keeps what it receives and never calls out. */
export class FakeOpenAIClient implements OpenAIClient {
  readonly receivedFiles: ReceivedFile[] = [];
  readonly createdJobs: FineTuningJob[] = [];

  readonly files = {
    create: async (params: FileCreateParams): Promise<FileObject> => {
      const text = await params.file.text();
      const id = `file-${String(this.receivedFiles.length + 1).padStart(4, '0')}`;
      this.receivedFiles.push({ id, filename: params.file.name, purpose: params.purpose, text });
      return {
        id,
        object: 'file',
        bytes: params.file.size,
        filename: params.file.name,
        purpose: params.purpose,
      };
    },
  };

  readonly fineTuning = {
    jobs: {
      create: async (params: JobCreateParams): Promise<FineTuningJob> => {
        if (!this.receivedFiles.some((file) => file.id === params.training_file)) {
          throw new Error(`training file ${params.training_file} was never uploaded`);
        }
        const job: FineTuningJob = {
          id: `ftjob-${String(this.createdJobs.length + 1).padStart(4, '0')}`,
          object: 'fine_tuning.job',
          model: params.model,
          training_file: params.training_file,
          status: 'queued',
        };
        this.createdJobs.push(job);
        return job;
      },
    },
  };
}
