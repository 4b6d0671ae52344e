import type { LoggedExchange } from './logged-requests.js';

/** One message of a chat fine-tuning example, in the vendor's JSONL format. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** One line of the training file. */
export interface ChatExample {
  readonly messages: ChatMessage[];
}

/** Turns logged exchanges into chat examples, skipping the ones too short to teach anything. */
export async function* toChatExamples(
  exchanges: AsyncIterable<LoggedExchange>,
  systemPrompt: string,
): AsyncGenerator<ChatExample> {
  for await (const exchange of exchanges) {
    if (exchange.prompt.trim() === '' || exchange.completion.trim() === '') continue;
    const messages: ChatMessage[] = [{ role: 'system', content: systemPrompt }];
    messages.push({ role: 'user', content: exchange.prompt });
    messages.push({ role: 'assistant', content: exchange.completion });
    yield { messages };
  }
}
