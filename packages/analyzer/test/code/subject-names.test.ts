import { describe, expect, it } from 'vitest';
import { analyseFixture } from '../support/finding-at.js';

/** The messages of the flow findings in `file` of a fixture project, by line. */
async function messagesOf(project: string, file: string): Promise<Map<number, string>> {
  const analysis = await analyseFixture(project, [file]);
  return new Map(
    analysis.findings
      .filter(
        (finding) =>
          finding.file.endsWith(file) &&
          ['training-without-consent', 'tier-opt-out-gap'].includes(finding.ruleId),
      )
      .map((finding) => [finding.line, finding.message]),
  );
}

describe('a finding names the subject as the code writes it', { timeout: 120_000 }, () => {
  it('by the record loaded from an id, not by the id', async () => {
    const messages = await messagesOf('flows', 'src/async-flows.ts');
    // `const user = await store.user(id)`, then `datasetQueue.add({ email: user.email })`.
    expect(messages.get(9)).toMatch(/^Personal data \(account\) of `user` reaches /);
    // `store.user(id).then((user) => …)`.
    expect(messages.get(16)).toMatch(/^Personal data \(account\) of `user` reaches /);
  });

  it('by the id when no record was loaded under the name it gives', async () => {
    const messages = await messagesOf('guards', 'src/other-subject.ts');
    // `const user = await store.user(userId)`: the record of `userId` is `user`.
    expect(messages.get(10)).toMatch(/ of `user` reaches /);
    // `store.conversationsOf(otherId)` loads conversations, not the person `otherId` names.
    expect(messages.get(50)).toMatch(/ of `otherId` reaches /);
  });

  it('by the record of a request the data is read from', async () => {
    const messages = await messagesOf('trust', 'src/middleware.ts');
    // `trainingQueue.enqueue({ messages: req.body.conversation.messages.map(…) })`.
    expect(messages.get(72)).toMatch(/ of `req\.body\.conversation` reaches /);
    expect(messages.get(99)).toMatch(/ of `req\.body\.conversation` reaches /);
  });

  it('by the record two reads share, not by one of its relations', async () => {
    const messages = await messagesOf('trust', 'src/derived.ts');
    // `{ tier: conversation.user.tier, opening: conversation.messages[0]?.text }`.
    expect(messages.get(25)).toMatch(/ of `conversation` reaches /);
  });

  it('by the element a loop checks, in a partly guarded finding', async () => {
    const messages = await messagesOf('guards', 'src/tier-conditions.ts');
    // `for (const user of users) if (user.tier === 'free' || (await consent.allows(user, …)))`.
    expect(messages.get(51)).toMatch(/^The `model-training` check for `user` runs only for /);
  });

  it('by the person a record loaded by the id holds, when no variable is named after the id', async () => {
    const messages = await messagesOf('flows', 'src/policy-guards.ts');
    // `const account = await store.account(userId)`, then `datasetQueue.add(account.user)`.
    expect(messages.get(18)).toMatch(/ of `account\.user` reaches /);
  });

  it('by what a route handler reads from its request or context, not by the request', async () => {
    // Express: `toTrainingRow(req.body.conversation)`, the record read from the body.
    const express = await messagesOf('frameworks', 'src/express-routes.ts');
    expect(express.get(40)).toMatch(
      /^Personal data \(conversation-content\) of `req\.body\.conversation` reaches /,
    );
    // Fastify: `toTrainingRow(request.body.conversation)`.
    const fastify = await messagesOf('frameworks', 'src/fastify-routes.ts');
    expect(fastify.get(46)).toMatch(/ of `request\.body\.conversation` reaches /);
    // Express: `trainingQueue.enqueue(req.user)`, the signed-in user itself.
    const middleware = await messagesOf('guards', 'src/route-middleware.ts');
    expect(middleware.get(29)).toMatch(/ of `req\.user` reaches /);
    // Hono: `const { conversation } = await c.req.json()`, named by the variable, not by `c`.
    const hono = await messagesOf('frameworks', 'src/hono-routes.ts');
    expect(hono.get(39)).toMatch(/ of `conversation` reaches /);
    const sessionUser = await messagesOf('frameworks', 'src/session-user-routes.ts');
    // Hono: `const user = c.get('user')`, then a conversation loaded by `user.id`.
    expect(sessionUser.get(23)).toMatch(/ of `user` reaches /);
    // Express: `const { conversation } = req.body`.
    expect(sessionUser.get(46)).toMatch(/ of `conversation` reaches /);
  });

  it('by the user a route handler loads from its request, not by the request', async () => {
    // `const user = await sessionUser(request)`, then conversations loaded by `user.id`.
    const feedback = await messagesOf('frameworks', 'src/app/api/feedback/route.ts');
    expect(feedback.get(13)).toMatch(/^Personal data \(conversation-content\) of `user` reaches /);
    // `userStore.bySessionId((await cookies()).get('session')?.value)`: the request's user too.
    const corrections = await messagesOf('frameworks', 'src/app/api/corrections/route.ts');
    expect(corrections.get(15)).toMatch(/ of `user` reaches /);
    // `userStore.byId((await auth()).user.id)`: NextAuth's session of the request being handled.
    const highlights = await messagesOf('frameworks', 'src/app/api/highlights/route.ts');
    expect(highlights.get(15)).toMatch(/ of `user` reaches /);
    // `userStore.byId(referrerId)` from the body: another person than the request's user.
    const referrals = await messagesOf('frameworks', 'src/app/api/training/referrals/route.ts');
    expect(referrals.get(18)).toMatch(/ of `referrer` reaches /);
    const gifts = await messagesOf('frameworks', 'src/app/api/training/gifts/route.ts');
    expect(gifts.get(21)).toMatch(/ of `teammate` reaches /);
  });
});
