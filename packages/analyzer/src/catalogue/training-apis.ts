import type { PurposeKind } from '@consentry/sdk';

/** Where a catalogued API takes the data it sends for training. */
export interface CatalogueData {
  /** Index of the argument that carries the data. */
  readonly argument: number;
  /** Property of that argument (an options object) that carries the data; the whole argument when absent. */
  readonly option?: string;
}

/** A condition on a literal option that must hold for the call to be a training sink. */
export interface CatalogueCondition {
  readonly argument: number;
  readonly option: string;
  readonly equals: string;
}

/** One AI vendor API that sends data to model training, recognised by its declaring package. */
export interface TrainingApiEntry {
  /** Stable id of the entry, shown in findings. */
  readonly id: string;
  /** Human name of the API, e.g. "OpenAI file upload for fine-tuning". */
  readonly name: string;
  /** The npm package that declares the API; the callee must be declared inside it. */
  readonly package: string;
  /** Member path of the call as written on the client (`files.create`), or an exported function or class name. */
  readonly path: string;
  /** `call` for method and function calls, `construct` for `new Command(...)`. */
  readonly call: 'call' | 'construct';
  /** What kind of training sink it is. */
  readonly kind: 'fine-tune-upload' | 'fine-tune-job' | 'dataset-export';
  /** The purpose kind the sink serves; mapped to the policy's purposes of that kind. */
  readonly purposeKind: PurposeKind;
  readonly data: readonly CatalogueData[];
  readonly when?: CatalogueCondition;
}

/** The built-in catalogue of AI vendors' training APIs: one entry per API, extended by the policy's `code.sinks`. */
export const trainingApis: readonly TrainingApiEntry[] = [
  {
    id: 'openai.files.create',
    name: 'OpenAI file upload for fine-tuning',
    package: 'openai',
    path: 'files.create',
    call: 'call',
    kind: 'fine-tune-upload',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0, option: 'file' }],
    when: { argument: 0, option: 'purpose', equals: 'fine-tune' },
  },
  {
    id: 'openai.fineTuning.jobs.create',
    name: 'OpenAI fine-tuning job',
    package: 'openai',
    path: 'fineTuning.jobs.create',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'mistral.files.upload',
    name: 'Mistral file upload for fine-tuning',
    package: '@mistralai/mistralai',
    path: 'files.upload',
    call: 'call',
    kind: 'fine-tune-upload',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0, option: 'file' }],
    when: { argument: 0, option: 'purpose', equals: 'fine-tune' },
  },
  {
    id: 'mistral.fineTuning.jobs.create',
    name: 'Mistral fine-tuning job',
    package: '@mistralai/mistralai',
    path: 'fineTuning.jobs.create',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'huggingface.uploadFile',
    name: 'Hugging Face Hub file upload',
    package: '@huggingface/hub',
    path: 'uploadFile',
    call: 'call',
    kind: 'dataset-export',
    purposeKind: 'training',
    data: [{ argument: 0, option: 'file' }],
  },
  {
    id: 'huggingface.uploadFiles',
    name: 'Hugging Face Hub files upload',
    package: '@huggingface/hub',
    path: 'uploadFiles',
    call: 'call',
    kind: 'dataset-export',
    purposeKind: 'training',
    data: [{ argument: 0, option: 'files' }],
  },
  {
    id: 'huggingface.commit',
    name: 'Hugging Face Hub commit',
    package: '@huggingface/hub',
    path: 'commit',
    call: 'call',
    kind: 'dataset-export',
    purposeKind: 'training',
    data: [{ argument: 0, option: 'operations' }],
  },
  {
    id: 'aws.bedrock.CreateModelCustomizationJobCommand',
    name: 'AWS Bedrock model customization job',
    package: '@aws-sdk/client-bedrock',
    path: 'CreateModelCustomizationJobCommand',
    call: 'construct',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'google.genai.tunings.tune',
    name: 'Google Gen AI tuning job',
    package: '@google/genai',
    path: 'tunings.tune',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0, option: 'trainingDataset' }],
  },
  {
    id: 'google.vertex.createTuningJob',
    name: 'Google Vertex AI tuning job',
    package: '@google-cloud/aiplatform',
    path: 'createTuningJob',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'replicate.trainings.create',
    name: 'Replicate training',
    package: 'replicate',
    path: 'trainings.create',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 3, option: 'input' }],
  },
  {
    id: 'together.fineTuning.create',
    name: 'Together AI fine-tuning job',
    package: 'together-ai',
    path: 'fineTuning.create',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'together.files.upload',
    name: 'Together AI file upload for fine-tuning',
    package: 'together-ai',
    path: 'files.upload',
    call: 'call',
    kind: 'fine-tune-upload',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'cohere.finetuning.createFinetunedModel',
    name: 'Cohere fine-tuned model',
    package: 'cohere-ai',
    path: 'finetuning.createFinetunedModel',
    call: 'call',
    kind: 'fine-tune-job',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }],
  },
  {
    id: 'cohere.datasets.create',
    name: 'Cohere dataset upload',
    package: 'cohere-ai',
    path: 'datasets.create',
    call: 'call',
    kind: 'dataset-export',
    purposeKind: 'fine-tuning',
    data: [{ argument: 0 }, { argument: 1 }],
  },
  {
    id: 'langfuse.createDatasetItem',
    name: 'Langfuse dataset item',
    package: 'langfuse',
    path: 'createDatasetItem',
    call: 'call',
    kind: 'dataset-export',
    purposeKind: 'evaluation',
    data: [{ argument: 0 }],
  },
];
