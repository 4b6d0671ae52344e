import { describe, expect, test } from 'vitest';
import {
  allowingReasons,
  type ConsentChoice,
  type ConsentReason,
  type ConsentStore,
  ConsentStoreError,
  createConsent,
  createMemoryStore,
  definePolicy,
  type PurposeId,
  type TierId,
} from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

type ChatPurpose = PurposeId<typeof chatPolicy>;

interface Row {
  readonly rule: string;
  readonly purpose: ChatPurpose;
  readonly tier: TierId<typeof chatPolicy>;
  /** Decisions of the subject, oldest first, with their time. */
  readonly history: readonly (readonly [ChatPurpose, ConsentChoice, string])[];
  readonly now?: string;
  readonly allowed: boolean;
  readonly reason: ConsentReason;
}

const now = '2026-06-01T12:00:00.000Z';

const rows: readonly Row[] = [
  // consent: denied until the latest decision is an opt-in; the policy default never grants it
  {
    rule: 'consent without a decision is denied even when the tier default is opted-in',
    purpose: 'marketing',
    tier: 'free',
    history: [],
    allowed: false,
    reason: 'opt-in-required',
  },
  {
    rule: 'consent with an opt-in is allowed',
    purpose: 'marketing',
    tier: 'pro',
    history: [['marketing', 'opt-in', '2026-01-01T00:00:00.000Z']],
    allowed: true,
    reason: 'opted-in',
  },
  {
    rule: 'consent withdrawn after an opt-in is denied',
    purpose: 'marketing',
    tier: 'pro',
    history: [
      ['marketing', 'opt-in', '2026-01-01T00:00:00.000Z'],
      ['marketing', 'opt-out', '2026-02-01T00:00:00.000Z'],
    ],
    allowed: false,
    reason: 'opted-out',
  },
  {
    rule: 'consent with an opt-in for another purpose is denied',
    purpose: 'marketing',
    tier: 'pro',
    history: [['model-evaluation', 'opt-in', '2026-01-01T00:00:00.000Z']],
    allowed: false,
    reason: 'opt-in-required',
  },
  // legitimate interests: allowed until the subject objects or opts out; the latest decision wins
  {
    rule: 'legitimate interests without a decision is allowed',
    purpose: 'model-training',
    tier: 'free',
    history: [],
    allowed: true,
    reason: 'not-objected',
  },
  {
    rule: 'legitimate interests after an objection is denied',
    purpose: 'model-training',
    tier: 'free',
    history: [['model-training', 'objection', '2026-05-01T00:00:00.000Z']],
    allowed: false,
    reason: 'objected',
  },
  {
    rule: 'legitimate interests after an opt-out is denied',
    purpose: 'model-training',
    tier: 'free',
    history: [['model-training', 'opt-out', '2026-05-01T00:00:00.000Z']],
    allowed: false,
    reason: 'opted-out',
  },
  {
    rule: 'legitimate interests: a later opt-in re-allows',
    purpose: 'model-training',
    tier: 'free',
    history: [
      ['model-training', 'objection', '2026-05-01T00:00:00.000Z'],
      ['model-training', 'opt-in', '2026-05-02T00:00:00.000Z'],
    ],
    allowed: true,
    reason: 'opted-in',
  },
  {
    rule: 'legitimate interests: an objection to another purpose does not count',
    purpose: 'model-training',
    tier: 'free',
    history: [['model-evaluation', 'objection', '2026-05-01T00:00:00.000Z']],
    allowed: true,
    reason: 'not-objected',
  },
  {
    rule: 'legitimate interests without a guarantee for the tier is allowed until objection',
    purpose: 'analytics',
    tier: 'enterprise',
    history: [],
    allowed: true,
    reason: 'not-objected',
  },
  // legitimate interests on a tier whose default is opted-out: needs an opt-in
  {
    rule: 'legitimate interests with an opted-out default is denied without an opt-in',
    purpose: 'model-evaluation',
    tier: 'free',
    history: [],
    allowed: false,
    reason: 'opt-in-required',
  },
  {
    rule: 'legitimate interests with an opted-out default is allowed after an opt-in',
    purpose: 'model-evaluation',
    tier: 'free',
    history: [['model-evaluation', 'opt-in', '2026-05-01T00:00:00.000Z']],
    allowed: true,
    reason: 'opted-in',
  },
  // other bases: allowed whatever the subject decided
  {
    rule: 'contract is allowed without a decision',
    purpose: 'service-delivery',
    tier: 'free',
    history: [],
    allowed: true,
    reason: 'basis-needs-no-choice',
  },
  {
    rule: 'contract is allowed even after an objection',
    purpose: 'service-delivery',
    tier: 'enterprise',
    history: [['service-delivery', 'objection', '2026-05-01T00:00:00.000Z']],
    allowed: true,
    reason: 'basis-needs-no-choice',
  },
  // a tier whose guarantee default is excluded: always denied
  {
    rule: 'an excluded tier is denied without a decision',
    purpose: 'model-training',
    tier: 'enterprise',
    history: [],
    allowed: false,
    reason: 'tier-excluded',
  },
  {
    rule: 'an excluded tier is denied even after an opt-in',
    purpose: 'model-training',
    tier: 'enterprise',
    history: [['model-training', 'opt-in', '2026-05-01T00:00:00.000Z']],
    allowed: false,
    reason: 'tier-excluded',
  },
  // expiresAfter: an objection lapses after the duration from its time
  {
    rule: 'an objection within expiresAfter still holds',
    purpose: 'model-training',
    tier: 'pro',
    history: [['model-training', 'objection', '2025-12-02T12:00:00.000Z']],
    allowed: false,
    reason: 'objected',
  },
  {
    rule: 'an objection lapses exactly expiresAfter (P6M) after it was made',
    purpose: 'model-training',
    tier: 'pro',
    history: [['model-training', 'objection', '2025-12-01T12:00:00.000Z']],
    allowed: true,
    reason: 'objection-lapsed',
  },
  {
    rule: 'an objection never lapses on a tier without expiresAfter',
    purpose: 'model-training',
    tier: 'free',
    history: [['model-training', 'objection', '2020-01-01T00:00:00.000Z']],
    allowed: false,
    reason: 'objected',
  },
];

function storeWith(history: Row['history'], tier: string): ConsentStore {
  const store = createMemoryStore();
  for (const [purpose, decision, at] of history) {
    void store.append({ subjectId: 'user-1', purpose, decision, at, tier });
  }
  return store;
}

describe('decision rules', () => {
  test.each(rows)('$rule', async (row) => {
    const consent = createConsent({
      policy: chatPolicy,
      store: storeWith(row.history, row.tier),
      clock: () => new Date(row.now ?? now),
    });
    const decision = await consent.decide({ id: 'user-1', tier: row.tier }, row.purpose);
    expect({ allowed: decision.allowed, reason: decision.reason }).toEqual({
      allowed: row.allowed,
      reason: row.reason,
    });
    expect(await consent.allows({ id: 'user-1', tier: row.tier }, row.purpose)).toBe(row.allowed);
  });

  test('allowingReasons lists exactly the reasons of allowed decisions', () => {
    const allowed = new Set(rows.filter((row) => row.allowed).map((row) => row.reason));
    const denied = new Set(rows.filter((row) => !row.allowed).map((row) => row.reason));
    expect([...allowed].sort()).toEqual([...allowingReasons].sort());
    for (const reason of denied) expect(allowingReasons).not.toContain(reason);
  });
});

describe('fail closed', () => {
  const store = createMemoryStore();
  const consent = createConsent({ policy: chatPolicy, store });

  test('an unknown purpose is denied', async () => {
    const decision = await consent.decide(
      { id: 'user-1', tier: 'free' },
      'ad-targeting' as ChatPurpose,
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'unknown-purpose' });
  });

  test('a purpose inherited from Object.prototype is unknown', async () => {
    const decision = await consent.decide(
      { id: 'user-1', tier: 'free' },
      'toString' as ChatPurpose,
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'unknown-purpose' });
  });

  test('an unknown tier is denied', async () => {
    const decision = await consent.decide(
      { id: 'user-1', tier: 'platinum' as 'free' },
      'service-delivery',
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'unknown-tier' });
  });

  test('a subject without an id is denied', async () => {
    const decision = await consent.decide({ id: '', tier: 'free' }, 'service-delivery');
    expect(decision).toMatchObject({ allowed: false, reason: 'invalid-subject' });
    const missing = await consent.decide(
      undefined as unknown as { id: string; tier: 'free' },
      'service-delivery',
    );
    expect(missing).toMatchObject({ allowed: false, reason: 'invalid-subject' });
  });

  test('a store error is denied, and the decision says what failed', async () => {
    const failing: ConsentStore = {
      append: async () => {},
      read: async () => {
        throw new ConsentStoreError('store-locked', 'the consent store is locked');
      },
    };
    const guarded = createConsent({ policy: chatPolicy, store: failing });
    const decision = await guarded.decide({ id: 'user-1', tier: 'free' }, 'model-training');
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'store-error',
      detail: 'store-locked: the consent store is locked',
    });
    expect(await guarded.allows({ id: 'user-1', tier: 'free' }, 'model-training')).toBe(false);
  });

  test('events of another subject returned by a faulty store deny, even where no decision would allow', async () => {
    const leaky: ConsentStore = {
      append: async () => {},
      read: async () => [
        {
          subjectId: 'someone-else',
          purpose: 'marketing',
          decision: 'opt-in',
          at: '2026-01-01T00:00:00.000Z',
          tier: 'free',
        },
      ],
    };
    const guarded = createConsent({ policy: chatPolicy, store: leaky });
    expect(await guarded.decide({ id: 'user-1', tier: 'free' }, 'marketing')).toMatchObject({
      allowed: false,
      reason: 'store-error',
      detail:
        'the store returned an invalid event at index 0: its subjectId is not the subject that was read',
    });
    expect(await guarded.allows({ id: 'user-1', tier: 'free' }, 'model-training')).toBe(false);
  });

  test('a store returning something other than a list is denied', async () => {
    const broken = { append: async () => {}, read: async () => null } as unknown as ConsentStore;
    const guarded = createConsent({ policy: chatPolicy, store: broken });
    const decision = await guarded.decide({ id: 'user-1', tier: 'free' }, 'model-training');
    expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
  });
});

describe('lapsing objections', () => {
  test('an objection under a malformed expiresAfter never lapses', async () => {
    const policy = definePolicy({
      version: 1,
      controller: { name: 'Parrot Labs' },
      tiers: { free: { name: 'Free' } },
      subjects: { users: { name: 'Users' } },
      categories: { conversations: { name: 'Conversations' } },
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'legitimate-interests',
          categories: ['conversations'],
          subjects: ['users'],
          tiers: {
            free: {
              control: 'opt-out',
              mechanism: 'in-app-toggle',
              default: 'included',
              expiresAfter: 'six months',
            },
          },
        },
      },
    });
    const store = createMemoryStore();
    await store.append({
      subjectId: 'user-1',
      purpose: 'training',
      decision: 'objection',
      at: '2000-01-01T00:00:00.000Z',
      tier: 'free',
    });
    const consent = createConsent({ policy, store, clock: () => new Date(now) });
    expect(await consent.decide({ id: 'user-1', tier: 'free' }, 'training')).toMatchObject({
      allowed: false,
      reason: 'objected',
    });
  });
});

describe('decision details', () => {
  test('a decision names the guarantee applied and the event that settled it', async () => {
    const store = createMemoryStore();
    const consent = createConsent({
      policy: chatPolicy,
      store,
      clock: () => new Date(now),
    });
    const user = { id: 'user-1', tier: 'free' } as const;
    const event = await consent.record(user, 'model-training', 'objection');
    const decision = await consent.decide(user, 'model-training');
    expect(decision).toEqual({
      allowed: false,
      reason: 'objected',
      subjectId: 'user-1',
      purpose: 'model-training',
      tier: 'free',
      legalBasis: 'legitimate-interests',
      guarantee: chatPolicy.purposes['model-training'].tiers.free,
      event,
    });
  });

  test('bases that need no choice do not read the store', async () => {
    let reads = 0;
    const store: ConsentStore = {
      append: async () => {},
      read: async () => {
        reads += 1;
        return [];
      },
    };
    const consent = createConsent({ policy: chatPolicy, store });
    await consent.decide({ id: 'user-1', tier: 'free' }, 'service-delivery');
    await consent.decide({ id: 'user-1', tier: 'enterprise' }, 'model-training');
    expect(reads).toBe(0);
    await consent.decide({ id: 'user-1', tier: 'free' }, 'model-training');
    expect(reads).toBe(1);
  });
});
