import { ConsentDeniedError } from '@consentry/sdk';
import { describe, expect, it } from 'vitest';
import { baseModel } from '../src/app.js';
import type { SupervisedRow } from '../src/training/training-rows.js';
import { chat, createTestApp, setTrainingToggle, signUp } from './helpers.js';

function parseJsonl<Row>(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Row);
}

function promptsIn(rows: readonly SupervisedRow[]): string[] {
  return rows.flatMap((row) =>
    row.messages.filter((turn) => turn.role === 'user').map((turn) => turn.content),
  );
}

describe('nightly training export', () => {
  it('uploads the dataset for fine-tuning and queues a job on the base model', async () => {
    const { app, openai } = createTestApp();
    const user = await signUp(app, 'pro');
    const { conversationId } = await chat(app, user, 'Hello');
    await chat(app, user, 'Write a haiku about tea', conversationId);

    const report = await app.nightlyExport.run('2026-11-27');

    expect(report).toEqual({
      dataset: 'conversations-2026-11-27',
      rows: 1,
      rowsByTier: { free: 0, pro: 1, enterprise: 0 },
      submission: { fileId: 'file-0001', jobId: 'ftjob-0001', status: 'queued' },
    });
    expect(openai.receivedFiles).toHaveLength(1);
    expect(openai.receivedFiles[0]).toMatchObject({
      filename: 'conversations-2026-11-27.jsonl',
      purpose: 'fine-tune',
    });
    expect(openai.createdJobs).toEqual([
      expect.objectContaining({ training_file: 'file-0001', model: baseModel }),
    ]);
    const rows = parseJsonl<SupervisedRow>(openai.receivedFiles[0]?.text ?? '');
    expect(rows[0]?.messages.map((turn) => turn.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('uploads nothing when no conversation may be used', async () => {
    const { app, openai } = createTestApp();
    const user = await signUp(app, 'enterprise');
    await chat(app, user, 'Summarise our contract');

    const report = await app.nightlyExport.run('2026-11-27');

    expect(report.rows).toBe(0);
    expect(report.submission).toBeUndefined();
    expect(openai.receivedFiles).toEqual([]);
  });

  it('honours opt-outs on paying tiers and never exports the excluded enterprise tier', async () => {
    const { app, openai } = createTestApp();
    const proIncluded = await signUp(app, 'pro');
    const proOptedOut = await signUp(app, 'pro');
    const enterprise = await signUp(app, 'enterprise');
    await chat(app, proIncluded, 'Pro prompt that may be used');
    await chat(app, proOptedOut, 'Pro prompt after opting out');
    await chat(app, enterprise, 'Enterprise prompt');
    await setTrainingToggle(app, proOptedOut, false);

    await app.nightlyExport.run('2026-11-27');

    const prompts = promptsIn(parseJsonl(openai.receivedFiles[0]?.text ?? ''));
    expect(prompts).toEqual(['Pro prompt that may be used']);
  });

  // The flaw this example exists for, observed at run time: `consentry check` reports the same
  // path statically as tier-opt-out-gap for the free tier.
  it('DEMONSTRATES THE FLAW: exports a free-tier user who opted out', async () => {
    const { app, openai } = createTestApp();
    const freeOptedOut = await signUp(app, 'free');
    await chat(app, freeOptedOut, 'Please keep this out of your training data');
    const toggle = await setTrainingToggle(app, freeOptedOut, false);
    expect(toggle.body).toMatchObject({ included: false, reason: 'opted-out' });
    expect(await app.consent.allows(freeOptedOut, 'model-training')).toBe(false);

    const report = await app.nightlyExport.run('2026-11-27');

    expect(report.rowsByTier.free).toBe(1);
    const prompts = promptsIn(parseJsonl(openai.receivedFiles[0]?.text ?? ''));
    expect(prompts).toContain('Please keep this out of your training data');
  });
});

describe('feedback dataset export', () => {
  it('exports votes of users who allow training, with comments, and leaves out opted-out users of every tier', async () => {
    const { app } = createTestApp();
    const included = await signUp(app, 'free');
    const freeOptedOut = await signUp(app, 'free');
    const proOptedOut = await signUp(app, 'pro');
    const enterprise = await signUp(app, 'enterprise');
    for (const user of [included, freeOptedOut, proOptedOut, enterprise]) {
      const { conversationId, messageId } = await chat(app, user, `Question from ${user.id}?`);
      await app.votes.vote(user, { conversationId, messageId, rating: 'up', comment: 'Spot on' });
    }
    await setTrainingToggle(app, freeOptedOut, false);
    await setTrainingToggle(app, proOptedOut, false);

    const dataset = await app.feedbackExport.run('preferences-2026-11-27');

    expect(parseJsonl(dataset.toJsonl())).toEqual([
      {
        prompt: `Question from ${included.id}?`,
        reply: expect.stringContaining('Good question'),
        rating: 'up',
        comment: 'Spot on',
      },
    ]);
  });
});

describe('training curation', () => {
  it('promotes a conversation of a user who allows training', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'free');
    const { conversationId } = await chat(app, user, 'Explain recursion simply');
    const conversation = await app.conversations.findById(conversationId);

    await expect(app.curation.promote(user, conversation!)).resolves.toBe(1);
    expect(app.curation.toJsonl()).toContain('Explain recursion simply');
  });

  it.each(['free', 'pro'] as const)(
    'refuses a %s user who opted out, before anything is written',
    async (tier) => {
      const { app } = createTestApp();
      const user = await signUp(app, tier);
      const { conversationId } = await chat(app, user, 'Private matter');
      await setTrainingToggle(app, user, false);
      const conversation = await app.conversations.findById(conversationId);

      const promotion = app.curation.promote(user, conversation!);

      await expect(promotion).rejects.toBeInstanceOf(ConsentDeniedError);
      await expect(promotion).rejects.toMatchObject({ reason: 'opted-out', status: 403 });
      expect(app.curation.toJsonl()).toBe('');
    },
  );

  it('refuses enterprise users, whom the policy excludes from training', async () => {
    const { app } = createTestApp();
    const user = await signUp(app, 'enterprise');
    const { conversationId } = await chat(app, user, 'Board minutes');
    const conversation = await app.conversations.findById(conversationId);

    await expect(app.curation.promote(user, conversation!)).rejects.toMatchObject({
      reason: 'tier-excluded',
    });
  });
});
