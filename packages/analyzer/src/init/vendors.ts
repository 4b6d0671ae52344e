import { trainingApis } from '../catalogue/training-apis.js';

/** An AI vendor SDK that `init` looks for, and how to name the vendor in a policy. */
export interface VendorSdk {
  readonly package: string;
  /** The vendor, as a recipient of the data. */
  readonly vendor: string;
  /** Client paths (`chat.completions.create`) or client methods (`chat`) that run a model on data. */
  readonly inferenceApis: readonly string[];
}

/** The AI vendor SDKs `init` recognises by their imports. */
export const VENDOR_SDKS: readonly VendorSdk[] = [
  {
    package: 'openai',
    vendor: 'OpenAI',
    inferenceApis: [
      'chat.completions.create',
      'chat.completions.stream',
      'responses.create',
      'completions.create',
      'embeddings.create',
    ],
  },
  {
    package: '@mistralai/mistralai',
    vendor: 'Mistral AI',
    inferenceApis: ['chat.complete', 'chat.stream', 'fim.complete', 'embeddings.create'],
  },
  { package: '@huggingface/hub', vendor: 'Hugging Face', inferenceApis: [] },
  {
    package: '@google/genai',
    vendor: 'Google',
    inferenceApis: [
      'models.generateContent',
      'models.generateContentStream',
      'models.embedContent',
      'chats.create',
    ],
  },
  { package: '@aws-sdk/client-bedrock', vendor: 'Amazon Web Services', inferenceApis: [] },
  { package: 'replicate', vendor: 'Replicate', inferenceApis: ['run', 'predictions.create'] },
  {
    package: 'together-ai',
    vendor: 'Together AI',
    inferenceApis: ['chat.completions.create', 'completions.create', 'embeddings.create'],
  },
  {
    package: 'cohere-ai',
    vendor: 'Cohere',
    inferenceApis: ['chat', 'chatStream', 'generate', 'embed'],
  },
  { package: 'langfuse', vendor: 'Langfuse', inferenceApis: [] },
];

/** One API `init` matches calls against: a training API of the catalogue or an inference API above. */
export interface KnownApi {
  readonly package: string;
  readonly path: string;
  readonly call: 'call' | 'construct';
  readonly kind: 'training' | 'inference';
  /** A human name of the API. */
  readonly name: string;
  /** The catalogue entry, for training APIs. */
  readonly catalogueId?: string;
  readonly when?: { readonly argument: number; readonly option: string; readonly equals: string };
}

/** Every API `init` matches: the built-in training catalogue first, then the inference APIs. */
export const KNOWN_APIS: readonly KnownApi[] = [
  ...trainingApis.map(
    (entry): KnownApi => ({
      package: entry.package,
      path: entry.path,
      call: entry.call,
      kind: 'training',
      name: entry.name,
      catalogueId: entry.id,
      ...(entry.when === undefined ? {} : { when: entry.when }),
    }),
  ),
  ...VENDOR_SDKS.flatMap((sdk) =>
    sdk.inferenceApis.map(
      (path): KnownApi => ({
        package: sdk.package,
        path,
        call: 'call',
        kind: 'inference',
        name: `${sdk.vendor} ${path}`,
      }),
    ),
  ),
];

/** The vendor SDK a module specifier imports (`openai`, `openai/resources`), if any. */
export function vendorOfModule(specifier: string): VendorSdk | undefined {
  return VENDOR_SDKS.find(
    (sdk) => specifier === sdk.package || specifier.startsWith(`${sdk.package}/`),
  );
}
