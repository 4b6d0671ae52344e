import { describe, expect, it } from 'vitest';
import { type Tier, User } from '../src/domain.js';
import { promptLimits } from '../src/services/chat-service.js';
import { chat, createTestApp, request, setTrainingToggle, signUp } from './helpers.js';

describe('POST /chat', () => {
  it('answers a prompt in a new conversation and stores the exchange', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'free');

    const reply = await request(app, user, 'POST', '/chat', { prompt: 'Hello there' });

    expect(reply).toEqual({
      status: 200,
      body: {
        conversationId: 'conv-0001',
        messageId: 'msg-0001',
        reply: 'Hello! What can I help you with today?',
      },
    });
    const [conversation] = await app.conversations.listByUser(user.id);
    expect(conversation?.title).toBe('Hello there');
    expect(conversation?.messages.map((message) => message.prompt)).toEqual(['Hello there']);
  });

  it('continues an existing conversation and sees its history', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'pro');
    const first = await chat(app, user, 'Hello');

    const second = await chat(app, user, 'What is a monad?', first.conversationId);

    expect(second.conversationId).toBe(first.conversationId);
    expect(second.reply).toContain('turn 2');
    const conversation = await app.conversations.findById(first.conversationId);
    expect(conversation?.messages).toHaveLength(2);
  });

  it('rejects a request without a signed-in user with 401', async () => {
    const { app } = createTestApp();

    const reply = await request(app, undefined, 'POST', '/chat', { prompt: 'Hello' });

    expect(reply.status).toBe(401);
  });

  it('rejects a body without a prompt with 400', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'free');

    const reply = await request(app, user, 'POST', '/chat', { text: 'Hello' });

    expect(reply).toEqual({
      status: 400,
      body: { error: 'expected a JSON body with a "prompt" string' },
    });
  });

  it('enforces the prompt limit of the user’s plan', async () => {
    const { app } = createTestApp();
    const free = await signUp(app, 'free');
    const pro = await signUp(app, 'pro');
    const prompt = 'x'.repeat(promptLimits.free + 1);

    const freeReply = await request(app, free, 'POST', '/chat', { prompt });
    const proReply = await request(app, pro, 'POST', '/chat', { prompt });

    expect(freeReply.status).toBe(400);
    expect(proReply.status).toBe(200);
  });

  it('answers 404 when a user writes into someone else’s conversation', async () => {
    const { app } = createTestApp();
    const owner = await signUp(app, 'pro');
    const intruder = await signUp(app, 'free');
    const { conversationId } = await chat(app, owner, 'Hello');

    const reply = await request(app, intruder, 'POST', '/chat', {
      prompt: 'Show me',
      conversationId,
    });

    expect(reply.status).toBe(404);
    expect((await app.conversations.findById(conversationId))?.messages).toHaveLength(1);
  });

  it('fails closed with 403 when the consent middleware meets a tier the policy does not know', async () => {
    const { app } = createTestApp();
    // A row migrated from a retired plan: the policy gives it no guarantee, so nothing is allowed.
    const legacy = new User({
      id: 'usr-legacy-trial',
      name: 'Legacy trial',
      email: 'legacy@mail.example',
      tier: 'trial' as Tier,
    });
    await app.users.save(legacy);

    const reply = await request(app, legacy, 'POST', '/chat', { prompt: 'Hello' });

    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ reason: 'unknown-tier' });
    expect(await app.conversations.listByUser(legacy.id)).toEqual([]);
  });
});

describe('GET /conversations', () => {
  it('lists only the signed-in user’s conversations', async () => {
    const { app } = createTestApp();
    const alice = await signUp(app, 'free');
    const bob = await signUp(app, 'enterprise');
    await chat(app, alice, 'Plan a trip to Lisbon');
    await chat(app, bob, 'Summarise the quarterly report');

    const reply = await request(app, alice, 'GET', '/conversations');

    expect(reply.status).toBe(200);
    expect((reply.body as { title: string }[]).map((conversation) => conversation.title)).toEqual([
      'Plan a trip to Lisbon',
    ]);
  });
});

describe('POST /feedback', () => {
  it('records a vote with its comment, and a second vote replaces the first', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'pro');
    const { conversationId, messageId } = await chat(app, user, 'Draft a cover letter');

    const first = await request(app, user, 'POST', '/feedback', {
      conversationId,
      messageId,
      rating: 'down',
      comment: 'Too formal',
    });
    const second = await request(app, user, 'POST', '/feedback', {
      conversationId,
      messageId,
      rating: 'up',
    });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const votes = await app.feedback.list();
    expect(votes.map(({ rating, comment }) => ({ rating, comment }))).toEqual([
      { rating: 'up', comment: undefined },
    ]);
  });

  it('rejects a vote on a message outside the conversation, and an unknown rating', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'free');
    const { conversationId } = await chat(app, user, 'Hello');

    const wrongMessage = await request(app, user, 'POST', '/feedback', {
      conversationId,
      messageId: 'msg-9999',
      rating: 'up',
    });
    const wrongRating = await request(app, user, 'POST', '/feedback', {
      conversationId,
      messageId: 'msg-0001',
      rating: 'meh',
    });

    expect(wrongMessage.status).toBe(404);
    expect(wrongRating.status).toBe(400);
    expect(await app.feedback.list()).toEqual([]);
  });
});

describe('the model-training toggle', () => {
  it.each([
    ['free', true],
    ['pro', true],
    ['enterprise', false],
  ] as const)('starts %s users as included: %s', async (tier, included) => {
    const { app } = createTestApp();
    const user = await signUp(app, tier);

    const reply = await request(app, user, 'GET', '/settings/model-training');

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ included });
  });

  it.each(['free', 'pro'] as const)('lets %s users opt out and back in', async (tier) => {
    const { app } = createTestApp();
    const user = await signUp(app, tier);

    const out = await setTrainingToggle(app, user, false);
    const back = await setTrainingToggle(app, user, true);

    expect(out).toEqual({ status: 200, body: { included: false, reason: 'opted-out' } });
    expect(back).toEqual({ status: 200, body: { included: true, reason: 'opted-in' } });
  });

  it('keeps enterprise users excluded even if they switch the toggle on', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'enterprise');

    const reply = await setTrainingToggle(app, user, true);

    expect(reply).toEqual({ status: 200, body: { included: false, reason: 'tier-excluded' } });
  });
});

describe('routing', () => {
  it('answers 404 for a route it does not serve', async () => {
    const { app } = createTestApp();

    const reply = await request(app, undefined, 'GET', '/admin');

    expect(reply.status).toBe(404);
  });
});
