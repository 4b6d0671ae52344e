import type { Clock, IdGenerator } from '../clock.js';
import { type Conversation, Message, type Tier, type User } from '../domain.js';
import type { ConversationRepository } from '../repositories/conversation-repository.js';
import type { AssistantModel } from './assistant-model.js';

/** The longest prompt each plan accepts, in characters. */
export const promptLimits: Readonly<Record<Tier, number>> = {
  free: 2_000,
  pro: 16_000,
  enterprise: 32_000,
};

/** What a user sends: a prompt, in a new conversation or an existing one. */
export interface ChatInput {
  readonly conversationId?: string;
  readonly prompt: string;
}

/** The conversation after the exchange and the message just added. */
export interface ChatResult {
  readonly conversation: Conversation;
  readonly message: Message;
}

/** Thrown when a prompt is empty or longer than the user's plan allows. */
export class PromptRejectedError extends Error {
  override readonly name = 'PromptRejectedError';
}

/** Thrown when a user writes into a conversation that is not theirs or does not exist. */
export class ConversationAccessError extends Error {
  override readonly name = 'ConversationAccessError';
}

/** Answers prompts and keeps each user's conversation history (purpose: service-delivery). */
export class ChatService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly model: AssistantModel,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Sends one prompt for `user`, stores the exchange and returns the reply. */
  async send(user: User, input: ChatInput): Promise<ChatResult> {
    const prompt = input.prompt.trim();
    if (prompt.length === 0) {
      throw new PromptRejectedError('the prompt is empty');
    }
    const limit = promptLimits[user.tier];
    if (prompt.length > limit) {
      throw new PromptRejectedError(
        `the ${user.tier} plan accepts prompts of up to ${limit} characters`,
      );
    }
    const conversation = await this.#openConversation(user, input.conversationId, prompt);
    const reply = await this.model.reply(conversation.messages, prompt);
    const message = new Message({
      id: this.ids('msg'),
      prompt,
      reply,
      sentAt: this.clock().toISOString(),
    });
    const updated = await this.conversations.appendMessage(conversation.id, message);
    return { conversation: updated, message };
  }

  /** Lists the user's own conversations. */
  async history(user: User): Promise<readonly Conversation[]> {
    return this.conversations.listByUser(user.id);
  }

  async #openConversation(
    user: User,
    conversationId: string | undefined,
    prompt: string,
  ): Promise<Conversation> {
    if (conversationId === undefined) {
      return this.conversations.create({
        id: this.ids('conv'),
        userId: user.id,
        title: prompt.length <= 48 ? prompt : `${prompt.slice(0, 47)}…`,
        createdAt: this.clock().toISOString(),
      });
    }
    const existing = await this.conversations.findById(conversationId);
    if (existing === undefined || existing.userId !== user.id) {
      throw new ConversationAccessError(`conversation ${conversationId} is not one of yours`);
    }
    return existing;
  }
}
