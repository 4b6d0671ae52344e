import { describe, expect, it } from 'vitest';
import { minimumGroupSize } from '../src/analytics/usage-analytics.js';
import { createSequentialIds, createSteppingClock } from '../src/clock.js';
import { Message } from '../src/domain.js';
import {
  ConversationNotFoundError,
  InMemoryConversationRepository,
} from '../src/repositories/conversation-repository.js';
import { CannedAssistantModel } from '../src/services/assistant-model.js';
import {
  ChatService,
  ConversationAccessError,
  PromptRejectedError,
} from '../src/services/chat-service.js';
import { chat, createTestApp, request, signUp } from './helpers.js';

function createChatService() {
  const conversations = new InMemoryConversationRepository();
  const clock = createSteppingClock(new Date('2026-11-27T08:00:00Z'));
  const chatService = new ChatService(
    conversations,
    new CannedAssistantModel(),
    clock,
    createSequentialIds(),
  );
  return { conversations, chatService };
}

describe('InMemoryConversationRepository', () => {
  it('appends messages without changing the conversation it handed out before', async () => {
    const repository = new InMemoryConversationRepository();
    const created = await repository.create({
      id: 'conv-1',
      userId: 'usr-1',
      title: 'Trip',
      createdAt: '2026-11-27T08:00:00.000Z',
    });
    const message = new Message({
      id: 'msg-1',
      prompt: 'Plan a trip',
      reply: 'Where to?',
      sentAt: '2026-11-27T08:00:01.000Z',
    });

    const updated = await repository.appendMessage('conv-1', message);

    expect(created.messages).toEqual([]);
    expect(updated.messages).toEqual([message]);
    expect(await repository.listByUser('usr-1')).toEqual([updated]);
    expect(await repository.listByUser('usr-2')).toEqual([]);
  });

  it('rejects a message for an unknown conversation and a duplicate id', async () => {
    const repository = new InMemoryConversationRepository();
    const conversation = { id: 'conv-1', userId: 'usr-1', title: 'Trip', createdAt: '' };
    await repository.create(conversation);
    const message = new Message({ id: 'msg-1', prompt: 'a', reply: 'b', sentAt: '' });

    await expect(repository.appendMessage('conv-2', message)).rejects.toBeInstanceOf(
      ConversationNotFoundError,
    );
    await expect(repository.create(conversation)).rejects.toThrow('conv-1 already exists');
  });
});

describe('ChatService', () => {
  it('stamps messages with the injected clock and titles long first prompts', async () => {
    const { chatService } = createChatService();
    const { app } = createTestApp();
    const user = await signUp(app, 'free');
    const prompt =
      'Compare three ways to learn a language as an adult with little time to spare each week';

    const { conversation, message } = await chatService.send(user, { prompt: `  ${prompt}  ` });

    expect(conversation.title).toBe(`${prompt.slice(0, 47)}…`);
    expect(conversation.createdAt).toBe('2026-11-27T08:00:00.000Z');
    expect(message).toMatchObject({ prompt, sentAt: '2026-11-27T08:00:01.000Z' });
  });

  it('rejects an empty prompt and a conversation id that does not exist', async () => {
    const { chatService } = createChatService();
    const { app } = createTestApp();
    const user = await signUp(app, 'pro');

    await expect(chatService.send(user, { prompt: '   ' })).rejects.toBeInstanceOf(
      PromptRejectedError,
    );
    await expect(
      chatService.send(user, { prompt: 'Hello', conversationId: 'conv-9999' }),
    ).rejects.toBeInstanceOf(ConversationAccessError);
  });
});

describe('UsageAnalytics', () => {
  it('sums usage per tier over users who did not object, and suppresses small groups', async () => {
    const { app } = createTestApp();
    const free = [];
    for (let index = 0; index <= minimumGroupSize; index += 1) {
      free.push(await signUp(app, 'free'));
    }
    const pro = await signUp(app, 'pro');
    const objector = free[0]!;
    for (const user of [...free, pro]) {
      const { conversationId, messageId } = await chat(app, user, 'Hello');
      await chat(app, user, 'And another thing?', conversationId);
      const rating = user === objector ? 'down' : 'up';
      await app.votes.vote(user, { conversationId, messageId, rating, comment: 'Noted' });
    }
    const objection = await request(app, objector, 'PUT', '/settings/product-analytics', {
      included: false,
    });

    const report = await app.analytics.report();

    expect(objection.body).toEqual({ included: false, reason: 'opted-out' });
    expect(report).toEqual([
      {
        tier: 'free',
        activeUsers: minimumGroupSize,
        conversations: minimumGroupSize,
        messages: 2 * minimumGroupSize,
        votesUp: minimumGroupSize,
        votesDown: 0,
      },
      { tier: 'pro', suppressed: true },
      { tier: 'enterprise', suppressed: true },
    ]);
  });
});
