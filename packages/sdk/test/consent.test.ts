import { describe, expect, test } from 'vitest';
import {
  ConsentDeniedError,
  type ConsentEvent,
  type ConsentStore,
  type ConsentSubject,
  createConsent,
  createMemoryStore,
} from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

type ChatSubject = ConsentSubject<typeof chatPolicy>;

const fixedNow = new Date('2026-06-01T12:00:00.000Z');

function countingStore(): ConsentStore & { readonly reads: string[] } {
  const inner = createMemoryStore();
  const reads: string[] = [];
  return {
    reads,
    append: (event) => inner.append(event),
    read: (subjectId) => {
      reads.push(subjectId);
      return inner.read(subjectId);
    },
  };
}

function setup() {
  const store = countingStore();
  const consent = createConsent({ policy: chatPolicy, store, clock: () => fixedNow });
  return { store, consent };
}

const alice: ChatSubject = { id: 'alice', tier: 'free' };
const bob: ChatSubject = { id: 'bob', tier: 'pro' };
const carol: ChatSubject = { id: 'carol', tier: 'enterprise' };

describe('require', () => {
  test('resolves when allowed', async () => {
    const { consent } = setup();
    await expect(consent.require(alice, 'model-training')).resolves.toBeUndefined();
  });

  test('rejects with ConsentDeniedError naming subject, purpose and reason', async () => {
    const { consent } = setup();
    await consent.record(alice, 'model-training', 'objection');
    const error = await consent.require(alice, 'model-training').catch((caught) => caught);
    expect(error).toBeInstanceOf(ConsentDeniedError);
    expect(error).toMatchObject({
      subjectId: 'alice',
      purpose: 'model-training',
      reason: 'objected',
      status: 403,
      statusCode: 403,
      name: 'ConsentDeniedError',
    });
    expect(error.message).toBe(
      'Consent denied: subject "alice" does not allow purpose "model-training" (reason: objected).',
    );
  });
});

describe('record', () => {
  test('stores the decision with the clock time and tier, and returns the stored event', async () => {
    const { consent, store } = setup();
    const event = await consent.record(bob, 'marketing', 'opt-in', {
      mechanism: 'settings-page',
      noticeVersion: 'marketing-2026-01',
    });
    const expected: ConsentEvent = {
      subjectId: 'bob',
      purpose: 'marketing',
      decision: 'opt-in',
      at: '2026-06-01T12:00:00.000Z',
      tier: 'pro',
      details: { mechanism: 'settings-page', noticeVersion: 'marketing-2026-01' },
    };
    expect(event).toEqual(expected);
    expect(Object.isFrozen(event)).toBe(true);
    expect(await store.read('bob')).toEqual([expected]);
  });

  test('keeps every decision in order', async () => {
    const { consent, store } = setup();
    await consent.record(alice, 'model-training', 'objection');
    await consent.record(alice, 'model-training', 'opt-in');
    await consent.record(alice, 'marketing', 'opt-out');
    expect((await store.read('alice')).map((event) => [event.purpose, event.decision])).toEqual([
      ['model-training', 'objection'],
      ['model-training', 'opt-in'],
      ['marketing', 'opt-out'],
    ]);
  });

  test('refuses an unknown purpose, an unknown decision and a subject without id', async () => {
    const { consent } = setup();
    await expect(consent.record(alice, 'ad-targeting' as 'marketing', 'opt-in')).rejects.toThrow(
      'Cannot record a decision about "ad-targeting": the policy declares no such purpose.',
    );
    await expect(consent.record(alice, 'marketing', 'maybe' as 'opt-in')).rejects.toThrow(
      'Cannot record decision "maybe": use one of opt-in, opt-out, objection.',
    );
    await expect(consent.record({ id: '', tier: 'free' }, 'marketing', 'opt-in')).rejects.toThrow(
      'Cannot record a consent decision for a subject without an id.',
    );
  });

  test('a store failure on append rejects (a decision is never silently lost)', async () => {
    const failing: ConsentStore = {
      append: async () => {
        throw new Error('disk full');
      },
      read: async () => [],
    };
    const consent = createConsent({ policy: chatPolicy, store: failing });
    await expect(consent.record(alice, 'marketing', 'opt-in')).rejects.toThrow('disk full');
  });
});

describe('filter', () => {
  test('keeps the items whose subject allows the purpose, reading each subject once', async () => {
    const { consent, store } = setup();
    await consent.record(bob, 'model-training', 'objection');
    const conversations = [
      { text: 'hello', user: alice },
      { text: 'refund please', user: bob },
      { text: 'weather', user: alice },
      { text: 'contract terms', user: carol },
      { text: 'recipe', user: bob },
      { text: 'poem', user: alice },
    ];
    store.reads.length = 0;
    const kept = await consent.filter(conversations, 'model-training', {
      subject: (conversation) => conversation.user,
    });
    expect(kept.map((conversation) => conversation.text)).toEqual(['hello', 'weather', 'poem']);
    // carol's tier is excluded, so her decisions are never needed
    expect(store.reads.sort()).toEqual(['alice', 'bob']);
  });

  test('accepts any iterable and keeps the order', async () => {
    const { consent } = setup();
    const users = new Set<ChatSubject>([bob, alice]);
    expect(await consent.filter(users, 'service-delivery', { subject: (user) => user })).toEqual([
      bob,
      alice,
    ]);
  });

  test('a store failure filters everything out', async () => {
    const failing: ConsentStore = {
      append: async () => {},
      read: async () => {
        throw new Error('connection refused');
      },
    };
    const consent = createConsent({ policy: chatPolicy, store: failing });
    expect(
      await consent.filter([alice, bob], 'model-training', { subject: (user) => user }),
    ).toEqual([]);
  });
});

describe('snapshot, isAllowed and assertAllowed', () => {
  test('snapshot reads once and the synchronous checks use that record', async () => {
    const { consent, store } = setup();
    await consent.record(alice, 'model-training', 'objection');
    store.reads.length = 0;
    const user = await consent.snapshot({ ...alice, email: 'alice@example.com' });
    expect(store.reads).toEqual(['alice']);
    expect(user.email).toBe('alice@example.com');
    expect(user.consentRecord.subjectId).toBe('alice');
    expect(consent.isAllowed(user, 'model-training')).toBe(false);
    expect(consent.isAllowed(user, 'service-delivery')).toBe(true);
    expect(() => consent.assertAllowed(user, 'model-training')).toThrow(
      new ConsentDeniedError('alice', 'model-training', 'objected'),
    );
    expect(() => consent.assertAllowed(user, 'service-delivery')).not.toThrow();
    expect(store.reads).toEqual(['alice']);
  });

  test('the record is a snapshot: later decisions need a new snapshot', async () => {
    const { consent } = setup();
    const before = await consent.snapshot(alice);
    await consent.record(alice, 'model-training', 'objection');
    expect(consent.isAllowed(before, 'model-training')).toBe(true);
    expect(consent.isAllowed(await consent.snapshot(alice), 'model-training')).toBe(false);
  });

  test('snapshot keeps the subject’s class and leaves the original untouched', async () => {
    const { consent } = setup();
    class Account implements ChatSubject {
      readonly tier = 'pro' as const;
      constructor(readonly id: string) {}
      greeting() {
        return `hello ${this.id}`;
      }
    }
    const account = new Account('dave');
    const snapshot = await consent.snapshot(account);
    expect(snapshot).toBeInstanceOf(Account);
    expect(snapshot.greeting()).toBe('hello dave');
    expect('consentRecord' in account).toBe(false);
    expect(Object.keys(snapshot)).toEqual(Object.keys(account));
  });

  test('a record of another subject or none at all is denied', async () => {
    const { consent } = setup();
    const aliceSnapshot = await consent.snapshot(alice);
    const forged = Object.assign(Object.create(aliceSnapshot) as typeof aliceSnapshot, {
      id: 'bob',
    });
    expect(consent.isAllowed(forged, 'model-training')).toBe(false);
    const bare = alice as typeof aliceSnapshot;
    expect(() => consent.assertAllowed(bare, 'model-training')).toThrow(
      new ConsentDeniedError('alice', 'model-training', 'record-mismatch'),
    );
  });

  test('a hand-built record or one read by other checks grants nothing', async () => {
    const { consent } = setup();
    const forged = Object.assign(
      { ...alice },
      {
        consentRecord: {
          subjectId: 'alice',
          readAt: '2026-06-01T12:00:00.000Z',
          events: { ok: true as const, events: [] },
        },
      },
    );
    expect(consent.isAllowed(forged, 'model-training')).toBe(false);
    const other = setup().consent;
    const foreign = await other.snapshot(alice);
    expect(other.isAllowed(foreign, 'model-training')).toBe(true);
    expect(() => consent.assertAllowed(foreign, 'model-training')).toThrow(
      new ConsentDeniedError('alice', 'model-training', 'record-mismatch'),
    );
  });

  test('a snapshot of a subject without an id reads nothing and denies', async () => {
    const { consent, store } = setup();
    store.reads.length = 0;
    const nobody = await consent.snapshot({ id: '', tier: 'free' });
    expect(store.reads).toEqual([]);
    expect(consent.isAllowed(nobody, 'service-delivery')).toBe(false);
  });

  test('a store failure during snapshot makes every synchronous check deny', async () => {
    const failing: ConsentStore = {
      append: async () => {},
      read: async () => {
        throw new Error('timeout');
      },
    };
    const consent = createConsent({ policy: chatPolicy, store: failing });
    const user = await consent.snapshot(alice);
    expect(consent.isAllowed(user, 'model-training')).toBe(false);
    expect(() => consent.assertAllowed(user, 'model-training')).toThrow(
      new ConsentDeniedError('alice', 'model-training', 'store-error'),
    );
    // a basis that needs no choice never looks at the record
    expect(consent.isAllowed(user, 'service-delivery')).toBe(true);
  });
});

describe('enforce', () => {
  test('runs the method when allowed and throws ConsentDeniedError when denied', async () => {
    const { consent } = setup();
    const written: string[] = [];
    class TrainingExport {
      readonly prefix = 'row:';
      @consent.enforce('model-training', { subject: (user: ChatSubject) => user })
      async write(user: ChatSubject, text: string): Promise<number> {
        written.push(`${this.prefix}${user.id}:${text}`);
        return written.length;
      }
    }
    const exporter = new TrainingExport();
    expect(await exporter.write(alice, 'hi')).toBe(1);
    await consent.record(alice, 'model-training', 'objection');
    await expect(exporter.write(alice, 'again')).rejects.toThrow(
      new ConsentDeniedError('alice', 'model-training', 'objected'),
    );
    await expect(exporter.write(carol, 'secret')).rejects.toMatchObject({
      reason: 'tier-excluded',
    });
    expect(written).toEqual(['row:alice:hi']);
    expect(exporter.write.name).toBe('write');
  });

  test('skips denied calls, resolving to undefined, when onDenied is skip', async () => {
    const { consent } = setup();
    await consent.record(bob, 'model-training', 'opt-out');
    const written: string[] = [];
    class TrainingQueue {
      @consent.enforce('model-training', {
        subject: async (message: { author: ChatSubject }) => message.author,
        onDenied: 'skip',
      })
      async push(message: { author: ChatSubject; text: string }): Promise<string | undefined> {
        written.push(message.text);
        return message.text;
      }
    }
    const queue = new TrainingQueue();
    expect(await queue.push({ author: alice, text: 'kept' })).toBe('kept');
    expect(await queue.push({ author: bob, text: 'dropped' })).toBeUndefined();
    expect(written).toEqual(['kept']);
  });

  test('the subject function sees the instance as this', async () => {
    const { consent } = setup();
    class SessionExport {
      constructor(readonly owner: ChatSubject) {}
      @consent.enforce('model-training', {
        subject(this: SessionExport) {
          return this.owner;
        },
      })
      async run(): Promise<string> {
        return this.owner.id;
      }
    }
    expect(await new SessionExport(alice).run()).toBe('alice');
    await expect(new SessionExport(carol).run()).rejects.toMatchObject({ reason: 'tier-excluded' });
  });

  test('an error while finding the subject rejects the call without running the method', async () => {
    const { consent } = setup();
    let ran = false;
    class Uploader {
      @consent.enforce('model-training', {
        subject: (userId: string): ChatSubject => {
          throw new Error(`no user ${userId}`);
        },
        onDenied: 'skip',
      })
      async upload(_userId: string): Promise<void> {
        ran = true;
      }
    }
    await expect(new Uploader().upload('ghost')).rejects.toThrow('no user ghost');
    expect(ran).toBe(false);
  });

  test('a store failure denies the call', async () => {
    const failing: ConsentStore = {
      append: async () => {},
      read: async () => {
        throw new Error('timeout');
      },
    };
    const consent = createConsent({ policy: chatPolicy, store: failing });
    class Trainer {
      @consent.enforce('model-training', { subject: (user: ChatSubject) => user })
      async train(_user: ChatSubject): Promise<void> {}
    }
    await expect(new Trainer().train(alice)).rejects.toMatchObject({ reason: 'store-error' });
  });
});

describe('middleware', () => {
  interface Request {
    readonly user: ChatSubject;
  }

  function run(
    middleware: (req: Request, res: unknown, next: (error?: unknown) => void) => Promise<void>,
    req: Request,
  ): Promise<unknown[]> {
    const calls: unknown[][] = [];
    return middleware(req, {}, (...args: unknown[]) => {
      calls.push(args);
    }).then(() => {
      expect(calls).toHaveLength(1);
      return calls[0] ?? [];
    });
  }

  test('calls next() when allowed and next(ConsentDeniedError) with status 403 when denied', async () => {
    const { consent } = setup();
    await consent.record(bob, 'model-training', 'objection');
    const guard = consent.middleware('model-training', { subject: (req: Request) => req.user });
    expect(await run(guard, { user: alice })).toEqual([]);
    const [error] = await run(guard, { user: bob });
    expect(error).toBeInstanceOf(ConsentDeniedError);
    expect(error).toMatchObject({ status: 403, subjectId: 'bob', reason: 'objected' });
  });

  test('passes an error from finding the subject to next', async () => {
    const { consent } = setup();
    const guard = consent.middleware('model-training', {
      subject: async (_req: Request): Promise<ChatSubject> => {
        throw new Error('not signed in');
      },
    });
    const [error] = await run(guard, { user: alice });
    expect(error).toEqual(new Error('not signed in'));
  });
});
