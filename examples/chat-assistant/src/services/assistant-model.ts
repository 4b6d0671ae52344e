import type { Message } from '../domain.js';

/** The model that writes the assistant's replies. */
export interface AssistantModel {
  reply(history: readonly Message[], prompt: string): Promise<string>;
}

/**
 * A local model with canned answers, so the example runs offline: it answers greetings, questions
 * and requests by their shape and remembers how long the conversation has been going.
 */
export class CannedAssistantModel implements AssistantModel {
  async reply(history: readonly Message[], prompt: string): Promise<string> {
    const text = prompt.trim();
    const turn = history.length + 1;
    if (/^(hi|hello|hey)\b/i.test(text)) {
      return 'Hello! What can I help you with today?';
    }
    if (text.endsWith('?')) {
      return `Good question (turn ${turn}). In short: it depends on "${summarise(text)}"; here are the trade-offs.`;
    }
    return `Here is a first draft for "${summarise(text)}" (turn ${turn}). Tell me what to change.`;
  }
}

function summarise(text: string): string {
  const words = text.replace(/[?.!]+$/, '').split(/\s+/);
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')}…`;
}
