import type { Conversation, Message } from '../domain.js';

/** The system prompt every supervised training row starts with. */
export const systemPrompt = 'You are Parley, a concise and friendly assistant.';

/** One message of a row in the vendor's chat fine-tuning format. */
export interface ChatTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** One supervised fine-tuning example: a whole conversation in the vendor's chat format. */
export interface SupervisedRow {
  readonly messages: readonly ChatTurn[];
}

/** One example for the reward model: a reply and how its user rated it. */
export interface PreferenceRow {
  readonly prompt: string;
  readonly reply: string;
  readonly rating: 'up' | 'down';
  readonly comment?: string;
}

/** Turns a conversation into a supervised row: the system prompt, then each prompt and reply. */
export function toSupervisedRow(conversation: Conversation): SupervisedRow {
  return {
    messages: [
      { role: 'system', content: systemPrompt },
      ...conversation.messages.flatMap((message: Message): ChatTurn[] => [
        { role: 'user', content: message.prompt },
        { role: 'assistant', content: message.reply },
      ]),
    ],
  };
}
