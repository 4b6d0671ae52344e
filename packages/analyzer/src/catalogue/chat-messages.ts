/** One exported chat-message type of an AI SDK, and the fields that hold what was said. */
export interface ChatMessageType {
  /** The exported name, as an import from the row's module names it. */
  readonly export: string;
  /** The fields that carry the conversation (`content`, `parts`), named in the evidence `init` writes. */
  readonly content: readonly string[];
}

/**
 * The chat-message types of one AI SDK. A value of one of these types is conversation content:
 * what a user wrote to a model and what it answered. The union of an SDK's messages is listed with
 * each of its members, since narrowing (`message.role === 'user'`) or a field read
 * (`message.content`) reaches the member's declaration, not the union's.
 */
export interface ChatMessageSdk {
  /** The npm package; the project must import it and have it installed. */
  readonly package: string;
  /** The SDK, as `init` names it in the evidence. */
  readonly sdk: string;
  /** The module specifier that exports the types, as a policy `code.sources` module. */
  readonly module: string;
  readonly types: readonly ChatMessageType[];
}

const openAiChatParams = [
  'ChatCompletionMessageParam',
  'ChatCompletionDeveloperMessageParam',
  'ChatCompletionSystemMessageParam',
  'ChatCompletionUserMessageParam',
  'ChatCompletionAssistantMessageParam',
  'ChatCompletionToolMessageParam',
  'ChatCompletionFunctionMessageParam',
];

const vercelModelMessages = [
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

const langChainMessages = [
  'BaseMessage',
  'HumanMessage',
  'AIMessage',
  'SystemMessage',
  'ToolMessage',
  'ChatMessage',
];

/**
 * The chat-message types of the AI SDKs: in a run without a policy file they are the default
 * policy's conversation content, and `consentry init` drafts them as `code.sources` mappings. An
 * SDK's versions export different subsets of these names, so the mappings are optional.
 */
export const chatMessageSdks: readonly ChatMessageSdk[] = [
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

/** The SDKs whose chat messages a module specifier imports (`ai`, `@langchain/core/messages`). */
export function chatMessageSdksOfModule(specifier: string): readonly ChatMessageSdk[] {
  return chatMessageSdks.filter(
    (row) => specifier === row.package || specifier.startsWith(`${row.package}/`),
  );
}
