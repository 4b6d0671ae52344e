// src/catalogue/chat-messages.ts
var openAiChatParams = [
  'ChatCompletionMessageParam',
  'ChatCompletionDeveloperMessageParam',
  'ChatCompletionSystemMessageParam',
  'ChatCompletionUserMessageParam',
  'ChatCompletionAssistantMessageParam',
  'ChatCompletionToolMessageParam',
  'ChatCompletionFunctionMessageParam',
];
var vercelModelMessages = [
  'ModelMessage',
  'SystemModelMessage',
  'UserModelMessage',
  'AssistantModelMessage',
  'ToolModelMessage',
  'CoreMessage',
  'CoreSystemMessage',
  'CoreUserMessage',
  'CoreAssistantMessage',
  'CoreToolMessage',
];
var langChainMessages = [
  'BaseMessage',
  'HumanMessage',
  'AIMessage',
  'SystemMessage',
  'ToolMessage',
  'ChatMessage',
];
var chatMessageSdks = [
  {
    package: 'openai',
    sdk: 'OpenAI',
    module: 'openai/resources/chat/completions',
    types: [
      ...openAiChatParams.map((name) => ({ export: name, content: ['content'] })),
      { export: 'ChatCompletionMessage', content: ['content'] },
    ],
  },
  {
    package: 'openai',
    sdk: 'OpenAI Responses API',
    module: 'openai/resources/responses/responses',
    types: [
      { export: 'ResponseInputItem', content: ['content', 'output'] },
      { export: 'EasyInputMessage', content: ['content'] },
    ],
  },
  {
    package: '@anthropic-ai/sdk',
    sdk: 'Anthropic',
    module: '@anthropic-ai/sdk/resources/messages',
    types: [{ export: 'MessageParam', content: ['content'] }],
  },
  {
    package: '@mistralai/mistralai',
    sdk: 'Mistral AI',
    module: '@mistralai/mistralai/models/components',
    types: ['Messages', 'SystemMessage', 'UserMessage', 'AssistantMessage', 'ToolMessage'].map(
      (name) => ({ export: name, content: ['content'] }),
    ),
  },
  {
    package: 'ai',
    sdk: 'Vercel AI SDK',
    module: 'ai',
    types: [
      { export: 'UIMessage', content: ['parts'] },
      ...vercelModelMessages.map((name) => ({ export: name, content: ['content'] })),
    ],
  },
  {
    package: '@langchain/core',
    sdk: 'LangChain',
    module: '@langchain/core/messages',
    types: langChainMessages.map((name) => ({ export: name, content: ['content'] })),
  },
];
function chatMessageSdksOfModule(specifier) {
  return chatMessageSdks.filter(
    (row) => specifier === row.package || specifier.startsWith(`${row.package}/`),
  );
}

// src/catalogue/vendors.ts
var aiVendors = [
  {
    package: 'openai',
    vendor: 'OpenAI',
    trainingApis: [
      {
        id: 'openai.files.create',
        name: 'OpenAI file upload for fine-tuning',
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
        path: 'fineTuning.jobs.create',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        data: [
          { argument: 0 },
          { argument: 0, option: 'training_file', fileId: true },
          { argument: 0, option: 'validation_file', fileId: true },
        ],
      },
    ],
    modelCalls: [
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
    trainingApis: [
      {
        id: 'mistral.files.upload',
        name: 'Mistral file upload for fine-tuning',
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
        path: 'fineTuning.jobs.create',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        // `trainingFiles: [{ fileId: file.id }]`: the uploads' handles.
        data: [
          { argument: 0, option: 'trainingFiles' },
          { argument: 0, option: 'validationFiles' },
        ],
      },
    ],
    modelCalls: ['chat.complete', 'chat.stream', 'fim.complete', 'embeddings.create'],
  },
  {
    package: '@huggingface/hub',
    vendor: 'Hugging Face',
    trainingApis: [
      {
        id: 'huggingface.uploadFile',
        name: 'Hugging Face Hub file upload',
        path: 'uploadFile',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'training',
        data: [{ argument: 0, option: 'file' }],
      },
      {
        id: 'huggingface.uploadFiles',
        name: 'Hugging Face Hub files upload',
        path: 'uploadFiles',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'training',
        data: [{ argument: 0, option: 'files' }],
      },
      {
        id: 'huggingface.commit',
        name: 'Hugging Face Hub commit',
        path: 'commit',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'training',
        data: [{ argument: 0, option: 'operations' }],
      },
      {
        id: 'huggingface.createRepo',
        name: 'Hugging Face Hub repository created with files',
        path: 'createRepo',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'training',
        data: [{ argument: 0, option: 'files' }],
      },
    ],
    modelCalls: [],
  },
  {
    package: '@aws-sdk/client-bedrock',
    vendor: 'Amazon Web Services',
    trainingApis: [
      {
        id: 'aws.bedrock.CreateModelCustomizationJobCommand',
        name: 'AWS Bedrock model customization job',
        path: 'CreateModelCustomizationJobCommand',
        call: 'construct',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        // The job trains on the S3 objects its data configs name.
        data: [{ argument: 0, option: 'trainingDataConfig.s3Uri', reads: true }],
      },
    ],
    modelCalls: [],
  },
  {
    package: '@google/genai',
    vendor: 'Google',
    trainingApis: [
      {
        id: 'google.genai.tunings.tune',
        name: 'Google Gen AI tuning job',
        path: 'tunings.tune',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        // `trainingDataset: { gcsUri }` names a Cloud Storage object; `examples` are inline.
        data: [
          { argument: 0, option: 'trainingDataset.gcsUri', reads: true },
          { argument: 0, option: 'trainingDataset.examples' },
        ],
      },
    ],
    modelCalls: [
      'models.generateContent',
      'models.generateContentStream',
      'models.embedContent',
      'chats.create',
    ],
  },
  {
    package: '@google-cloud/aiplatform',
    vendor: 'Google Cloud',
    trainingApis: [
      {
        id: 'google.vertex.createTuningJob',
        name: 'Google Vertex AI tuning job',
        path: 'createTuningJob',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        // `tuningJob.supervisedTuningSpec.trainingDatasetUri` names a Cloud Storage object.
        data: [
          {
            argument: 0,
            option: 'tuningJob.supervisedTuningSpec.trainingDatasetUri',
            reads: true,
          },
          {
            argument: 0,
            option: 'tuningJob.supervisedTuningSpec.validationDatasetUri',
            reads: true,
          },
        ],
      },
    ],
    modelCalls: ['predict', 'generateContent'],
  },
  {
    package: 'replicate',
    vendor: 'Replicate',
    trainingApis: [
      {
        id: 'replicate.trainings.create',
        name: 'Replicate training',
        path: 'trainings.create',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        data: [{ argument: 3, option: 'input' }],
      },
    ],
    modelCalls: ['run', 'predictions.create'],
  },
  {
    package: 'together-ai',
    vendor: 'Together AI',
    trainingApis: [
      {
        id: 'together.fineTuning.create',
        name: 'Together AI fine-tuning job',
        path: 'fineTuning.create',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        data: [
          { argument: 0, option: 'training_file', fileId: true },
          { argument: 0, option: 'validation_file', fileId: true },
        ],
      },
      {
        id: 'together.files.upload',
        name: 'Together AI file upload for fine-tuning',
        path: 'files.upload',
        call: 'call',
        kind: 'fine-tune-upload',
        purposeKind: 'fine-tuning',
        // `files.upload(path)` reads the file the path names.
        data: [{ argument: 0, reads: true }],
      },
    ],
    modelCalls: ['chat.completions.create', 'completions.create', 'embeddings.create'],
  },
  {
    package: 'cohere-ai',
    vendor: 'Cohere',
    trainingApis: [
      {
        id: 'cohere.finetuning.createFinetunedModel',
        name: 'Cohere fine-tuned model',
        path: 'finetuning.createFinetunedModel',
        call: 'call',
        kind: 'fine-tune-job',
        purposeKind: 'fine-tuning',
        data: [{ argument: 0 }],
      },
      {
        id: 'cohere.datasets.create',
        name: 'Cohere dataset upload',
        path: 'datasets.create',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'fine-tuning',
        data: [{ argument: 0 }, { argument: 1 }],
      },
    ],
    modelCalls: ['chat', 'chatStream', 'generate', 'embed'],
  },
  {
    package: 'langfuse',
    vendor: 'Langfuse',
    trainingApis: [
      {
        id: 'langfuse.createDatasetItem',
        name: 'Langfuse dataset item',
        path: 'createDatasetItem',
        call: 'call',
        kind: 'dataset-export',
        purposeKind: 'evaluation',
        data: [{ argument: 0 }],
      },
    ],
    modelCalls: [],
  },
  {
    package: 'ai',
    vendor: 'the model provider chosen with the Vercel AI SDK',
    trainingApis: [],
    modelCalls: [
      'generateText',
      'streamText',
      'generateObject',
      'streamObject',
      'embed',
      'embedMany',
    ],
  },
  { package: '@ai-sdk/openai', vendor: 'OpenAI', trainingApis: [], modelCalls: [] },
  { package: '@ai-sdk/anthropic', vendor: 'Anthropic', trainingApis: [], modelCalls: [] },
  { package: '@ai-sdk/google', vendor: 'Google', trainingApis: [], modelCalls: [] },
  { package: '@ai-sdk/google-vertex', vendor: 'Google Cloud', trainingApis: [], modelCalls: [] },
  { package: '@ai-sdk/mistral', vendor: 'Mistral AI', trainingApis: [], modelCalls: [] },
  {
    package: '@ai-sdk/amazon-bedrock',
    vendor: 'Amazon Web Services',
    trainingApis: [],
    modelCalls: [],
  },
  { package: '@ai-sdk/cohere', vendor: 'Cohere', trainingApis: [], modelCalls: [] },
  { package: '@ai-sdk/togetherai', vendor: 'Together AI', trainingApis: [], modelCalls: [] },
];

// src/catalogue/training-apis.ts
var trainingApis = aiVendors.flatMap((vendor) =>
  vendor.trainingApis.map((api) => ({ ...api, package: vendor.package })),
);
var trainingSinks = trainingApis.map((api) => ({
  role: 'sink',
  name: api.name,
  at: { package: api.package, path: api.path, call: api.call },
  purposeKind: api.purposeKind,
  data: api.data,
  ...(api.when ? { when: api.when } : {}),
}));

export { aiVendors, chatMessageSdks, chatMessageSdksOfModule, trainingApis, trainingSinks };
//# sourceMappingURL=chunk-DZXWLWQC.js.map
