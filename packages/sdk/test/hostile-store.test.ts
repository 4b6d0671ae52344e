// A custom store that throws, hangs or answers garbage makes every check deny with a reason:
// `allows` and `decide` never reject (a store answering [null] once made them reject with a TypeError).
import { describe, expect, test } from 'vitest';
import { type ConsentStore, createConsent } from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

const alice = { id: 'alice', tier: 'free' } as const;
const objection = {
  subjectId: 'alice',
  purpose: 'model-training',
  decision: 'objection',
  at: '2026-03-01T09:00:00.000Z',
  tier: 'free',
};

function storeReading(read: () => unknown): ConsentStore {
  return { append: async () => {}, read: read as ConsentStore['read'] };
}

const hostile: readonly (readonly [string, ConsentStore, string])[] = [
  [
    'answers [null]',
    storeReading(async () => [null]),
    'the store returned an invalid event at index 0: expected an event object, got null',
  ],
  [
    'answers [42]',
    storeReading(async () => [42]),
    'the store returned an invalid event at index 0: expected an event object, got number',
  ],
  [
    'answers a list with an objection after garbage',
    storeReading(async () => [{ decision: 'opt-in' }, objection]),
    'the store returned an invalid event at index 0: its subjectId is not the subject that was read',
  ],
  [
    'answers an unknown decision',
    storeReading(async () => [{ ...objection, decision: 'maybe' }]),
    'the store returned an invalid event at index 0: its decision "maybe" is not one of opt-in, opt-out, objection',
  ],
  [
    'answers a string',
    storeReading(async () => 'opt-in'),
    'the store returned something other than a list of events',
  ],
  [
    'throws synchronously',
    storeReading(() => {
      throw new Error('socket closed');
    }),
    'socket closed',
  ],
  ['rejects with a non-Error', storeReading(() => Promise.reject(404)), '404'],
  [
    'rejects with a value whose toString throws',
    storeReading(() =>
      Promise.reject({
        toString() {
          throw new Error('no');
        },
      }),
    ),
    'the store failed with a value that cannot be described',
  ],
  [
    'has an event whose field getter throws',
    storeReading(async () => [
      {
        ...objection,
        get decision(): string {
          throw new Error('trap');
        },
      },
    ]),
    'trap',
  ],
  [
    'has no read method',
    { append: async () => {} } as unknown as ConsentStore,
    'store.read is not a function',
  ],
  [
    'never answers',
    storeReading(() => new Promise(() => {})),
    'store-timeout: The consent store did not answer a read within 50 ms.',
  ],
];

describe('a misbehaving store makes every check deny, with a reason, and never reject', () => {
  test.each(hostile)('a store that %s', async (_name, store, detail) => {
    const consent = createConsent({ policy: chatPolicy, store, storeTimeoutMs: 50 });
    await expect(consent.decide(alice, 'model-training')).resolves.toMatchObject({
      allowed: false,
      reason: 'store-error',
      detail,
    });
    await expect(consent.allows(alice, 'model-training')).resolves.toBe(false);
    await expect(
      consent.filter([alice], 'model-training', { subject: (user) => user }),
    ).resolves.toEqual([]);
    const snapshot = await consent.snapshot(alice);
    expect(consent.isAllowed(snapshot, 'model-training')).toBe(false);
    await expect(consent.require(alice, 'model-training')).rejects.toMatchObject({
      name: 'ConsentDeniedError',
      reason: 'store-error',
    });
  });

  test('a store whose append never answers makes record reject with store-timeout', async () => {
    const store: ConsentStore = { append: () => new Promise(() => {}), read: async () => [] };
    const consent = createConsent({ policy: chatPolicy, store, storeTimeoutMs: 50 });
    await expect(consent.record(alice, 'model-training', 'objection')).rejects.toMatchObject({
      name: 'ConsentStoreError',
      code: 'store-timeout',
      message: 'The consent store did not answer an append within 50 ms.',
    });
  });
});

test('an event whose decision changes after it was checked still denies', async () => {
  let reads = 0;
  const shifty = {
    ...objection,
    get decision(): string {
      reads += 1;
      return reads === 1 ? 'objection' : 'opt-in';
    },
  };
  const consent = createConsent({ policy: chatPolicy, store: storeReading(async () => [shifty]) });
  expect(await consent.decide(alice, 'model-training')).toMatchObject({
    allowed: false,
    reason: 'objected',
  });
  expect(reads).toBe(1);
});
