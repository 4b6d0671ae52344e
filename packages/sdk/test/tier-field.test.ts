import { describe, expect, test } from 'vitest';
import { type ConsentSubject, createConsent, createMemoryStore } from '../src/index.js';
import { planPolicy } from './fixtures/plan-policy.js';

const now = new Date('2026-06-01T12:00:00.000Z');

function setup() {
  const store = createMemoryStore();
  return { store, consent: createConsent({ policy: planPolicy, store, clock: () => now }) };
}

describe('a policy with tierField reads the tier from that field', () => {
  test('each plan gets its own guarantee', async () => {
    const { consent } = setup();
    const ada: ConsentSubject<typeof planPolicy> = { id: 'ada', plan: 'starter' };
    const lin: ConsentSubject<typeof planPolicy> = { id: 'lin', plan: 'studio' };
    expect(await consent.decide(ada, 'model-training')).toMatchObject({
      allowed: true,
      reason: 'not-objected',
      tier: 'starter',
    });
    expect(await consent.decide(lin, 'model-training')).toMatchObject({
      allowed: false,
      reason: 'opt-in-required',
      tier: 'studio',
    });
  });

  test('a subject with only a `tier` field is an unknown tier, so it is denied', async () => {
    const { consent } = setup();
    const stray = { id: 'ada', tier: 'starter' } as unknown as ConsentSubject<typeof planPolicy>;
    expect(await consent.decide(stray, 'model-training')).toMatchObject({
      allowed: false,
      reason: 'unknown-tier',
      tier: '',
    });
  });

  test('a recorded decision keeps the plan the subject was on', async () => {
    const { consent, store } = setup();
    await consent.record({ id: 'ada', plan: 'starter' }, 'model-training', 'objection');
    expect(await store.read('ada')).toEqual([
      {
        subjectId: 'ada',
        purpose: 'model-training',
        decision: 'objection',
        at: now.toISOString(),
        tier: 'starter',
      },
    ]);
    expect(await consent.allows({ id: 'ada', plan: 'starter' }, 'model-training')).toBe(false);
  });

  test('filter and snapshot checks read the same field', async () => {
    const { consent } = setup();
    await consent.record({ id: 'ada', plan: 'starter' }, 'model-training', 'objection');
    const drafts = [
      { author: { id: 'ada', plan: 'starter' as const }, text: 'a private letter' },
      { author: { id: 'kai', plan: 'starter' as const }, text: 'a sonnet' },
    ];
    const kept = await consent.filter(drafts, 'model-training', { subject: (d) => d.author });
    expect(kept.map((draft) => draft.text)).toEqual(['a sonnet']);
    const kai = await consent.snapshot({ id: 'kai', plan: 'starter' as const });
    expect(consent.isAllowed(kai, 'model-training')).toBe(true);
  });
});
