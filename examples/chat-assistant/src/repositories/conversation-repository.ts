import type { Conversation, Message } from '../domain.js';

/** Fields to open a conversation with. */
export interface NewConversation {
  readonly id: string;
  readonly userId: string;
  readonly title: string;
  readonly createdAt: string;
}

/** Stores conversations and their messages. */
export interface ConversationRepository {
  create(conversation: NewConversation): Promise<Conversation>;
  findById(id: string): Promise<Conversation | undefined>;
  listByUser(userId: string): Promise<readonly Conversation[]>;
  appendMessage(conversationId: string, message: Message): Promise<Conversation>;
}

/** Thrown when a conversation id names no stored conversation. */
export class ConversationNotFoundError extends Error {
  override readonly name = 'ConversationNotFoundError';

  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} does not exist`);
  }
}

/** A `ConversationRepository` kept in memory, in creation order. */
export class InMemoryConversationRepository implements ConversationRepository {
  readonly #conversations = new Map<string, Conversation>();

  async create(conversation: NewConversation): Promise<Conversation> {
    if (this.#conversations.has(conversation.id)) {
      throw new Error(`conversation ${conversation.id} already exists`);
    }
    const stored: Conversation = { ...conversation, messages: [] };
    this.#conversations.set(stored.id, stored);
    return stored;
  }

  async findById(id: string): Promise<Conversation | undefined> {
    return this.#conversations.get(id);
  }

  async listByUser(userId: string): Promise<readonly Conversation[]> {
    return [...this.#conversations.values()].filter(
      (conversation) => conversation.userId === userId,
    );
  }

  async appendMessage(conversationId: string, message: Message): Promise<Conversation> {
    const conversation = this.#conversations.get(conversationId);
    if (conversation === undefined) {
      throw new ConversationNotFoundError(conversationId);
    }
    const updated: Conversation = {
      ...conversation,
      messages: [...conversation.messages, message],
    };
    this.#conversations.set(conversationId, updated);
    return updated;
  }
}
