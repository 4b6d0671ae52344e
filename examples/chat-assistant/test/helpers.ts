import { type App, createApp } from '../src/app.js';
import { createSteppingClock } from '../src/clock.js';
import { type Tier, User } from '../src/domain.js';
import type { Reply } from '../src/http/router.js';
import { FakeOpenAIClient } from '../src/vendor/openai-client.js';

/** An app wired for tests, with the fake vendor client it uploads to. */
export interface TestApp {
  readonly app: App;
  readonly openai: FakeOpenAIClient;
}

/** A fresh app on a fixed clock; consent decisions live in the process-wide store. */
export function createTestApp(): TestApp {
  const openai = new FakeOpenAIClient();
  const app = createApp({ openai, clock: createSteppingClock(new Date('2026-11-27T08:00:00Z')) });
  return { app, openai };
}

let signUps = 0;

/** Saves a user with a process-unique id, since the consent store outlives each test's app. */
export async function signUp(app: App, tier: Tier, name = `${tier} user`): Promise<User> {
  signUps += 1;
  const id = `usr-${String(signUps).padStart(3, '0')}-${tier}`;
  const user = new User({ id, name, email: `${id}@mail.example`, tier });
  await app.users.save(user);
  return user;
}

/** Sends a request as `user` (or anonymously when `user` is undefined). */
export function request(
  app: App,
  user: User | undefined,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<Reply> {
  const headers = user === undefined ? {} : { 'x-user-id': user.id };
  return app.api.handle({ method, path, headers, body });
}

/** The reply body of a successful chat. */
export interface ChatReplyBody {
  readonly conversationId: string;
  readonly messageId: string;
  readonly reply: string;
}

/** Chats once as `user` through the API and returns the reply body; fails unless the API answers 200. */
export async function chat(
  app: App,
  user: User,
  prompt: string,
  conversationId?: string,
): Promise<ChatReplyBody> {
  const reply = await request(app, user, 'POST', '/chat', {
    prompt,
    ...(conversationId === undefined ? {} : { conversationId }),
  });
  if (reply.status !== 200) {
    throw new Error(`chat failed with ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as ChatReplyBody;
}

/** Flips the user's model-training toggle in the app's settings. */
export async function setTrainingToggle(app: App, user: User, included: boolean): Promise<Reply> {
  return request(app, user, 'PUT', '/settings/model-training', { included });
}
