// One contract for every consent store: memory, SQLite and PostgreSQL (a real server, started by
// the global setup) run the same cases: semantics, ordering, retention, erasure, tamper detection
// and failing closed.
import { fork } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ConsentEvent, createConsent, definePolicy } from '../src/index.js';
import { hashRow } from '../src/ledger.js';
import { chatPolicy } from './fixtures/chat-policy.js';
import { type Backend, backends, type History } from './support/backends.js';

const key = 'a 32-byte-or-longer secret for the chain';
// Decisions kept three years after they were replaced; an erasure deletes them.
const keptThreeYears = definePolicy({
  ...chatPolicy,
  consentRecords: { retention: 'P3Y', erasure: 'delete' },
});
// An erasure keeps the proof of consent under a keyed pseudonym.
const provesConsent = definePolicy({
  ...chatPolicy,
  consentRecords: { retention: 'P5Y', erasure: 'pseudonymise' },
});
const alice = { id: 'alice', tier: 'free' } as const;

function event(overrides: Partial<ConsentEvent> = {}): ConsentEvent {
  return {
    subjectId: 'alice',
    purpose: 'model-training',
    decision: 'objection',
    at: '2026-01-10T09:00:00.000Z',
    tier: 'free',
    ...overrides,
  };
}

describe.each(backends)('$name store', (backend: Backend) => {
  let history: History;

  beforeEach(async () => {
    history = await backend.create();
  });

  afterEach(async () => {
    await history.dispose();
  });

  describe('semantics', () => {
    test('reads back every decision of a subject, oldest first, with its details, and nothing of others', async () => {
      const store = history.open();
      await store.append(event({ details: { mechanism: 'in-app-toggle', reason: 'privacy' } }));
      await store.append(event({ subjectId: 'bob', tier: 'pro', decision: 'opt-out' }));
      await store.append(event({ decision: 'opt-in', at: '2026-01-11T09:00:00.000Z' }));
      expect(await store.read('alice')).toEqual([
        event({ details: { mechanism: 'in-app-toggle', reason: 'privacy' } }),
        event({ decision: 'opt-in', at: '2026-01-11T09:00:00.000Z' }),
      ]);
      expect(await store.read('bob')).toEqual([
        event({ subjectId: 'bob', tier: 'pro', decision: 'opt-out' }),
      ]);
      expect(await store.read('nobody')).toEqual([]);
    });

    test('returns copies: changing what was read or appended changes nothing stored', async () => {
      const store = history.open();
      const details = { source: 'settings/privacy' };
      await store.append(event({ details }));
      details.source = 'forged';
      const list = (await store.read('alice')) as ConsentEvent[];
      list.pop();
      expect(await store.read('alice')).toEqual([
        event({ details: { source: 'settings/privacy' } }),
      ]);
    });

    test('refuses an event it could not read back, and stores nothing', async () => {
      const store = history.open();
      await expect(
        store.append(event({ decision: 'maybe' as ConsentEvent['decision'] })),
      ).rejects.toMatchObject({ name: 'ConsentStoreError', code: 'store-failed' });
      expect(await store.read('alice')).toEqual([]);
    });

    test('the latest decision wins, and a check sees a write from another instance once it returned', async () => {
      let tick = 0;
      const clock = () => new Date(Date.UTC(2026, 2, 1, 9, 0, tick++));
      const writer = createConsent({ policy: chatPolicy, store: history.open(), clock });
      const reader = createConsent({ policy: chatPolicy, store: history.open(), clock });
      expect(await reader.decide(alice, 'model-training')).toMatchObject({
        allowed: true,
        reason: 'not-objected',
      });
      await writer.record(alice, 'model-training', 'objection');
      expect(await reader.decide(alice, 'model-training')).toMatchObject({
        allowed: false,
        reason: 'objected',
      });
      await writer.record(alice, 'model-training', 'opt-in');
      expect(await reader.allows(alice, 'model-training')).toBe(true);
      await writer.record(alice, 'model-training', 'opt-out');
      expect(await reader.decide(alice, 'model-training')).toMatchObject({
        allowed: false,
        reason: 'opted-out',
      });
    });
  });

  describe('ordering', () => {
    test('concurrent writers on two instances keep each subject’s decisions in the order each made them', async () => {
      const instances = [history.open(), history.open()];
      const subjects = Array.from({ length: 8 }, (_, index) => `subject-${index}`);
      await Promise.all(
        subjects.map(async (subjectId, index) => {
          const store = instances[index % 2];
          for (let step = 0; step < 40; step += 1) {
            await store?.append(event({ subjectId, details: { source: `step ${step}` } }));
          }
        }),
      );
      for (const subjectId of subjects) {
        const sources = (await instances[0]?.read(subjectId))?.map((read) => read.details?.source);
        expect(sources).toEqual(Array.from({ length: 40 }, (_, step) => `step ${step}`));
      }
      expect(await instances[1]?.verify()).toMatchObject({ ok: true, rows: 320 });
    });

    if (backend.name === 'memory') {
      test('8 concurrent writers × 1,000 appends lose and duplicate nothing', async () => {
        const store = history.open();
        await Promise.all(
          Array.from({ length: 8 }, async (_, writer) => {
            for (let index = 0; index < 1000; index += 1) {
              await store.append(
                event({
                  subjectId: `subject-${index % 10}`,
                  details: { source: `writer ${writer} event ${index}` },
                }),
              );
            }
          }),
        );
        await expectEightWritersIntact(store);
      });
    } else {
      test('8 processes × 1,000 appends to one database lose and duplicate nothing, and keep per-subject order', async () => {
        const [kind, location] = history.worker ?? ['', ''];
        const workerFile = new URL('./fixtures/append-worker.ts', import.meta.url).pathname;
        const exits = Array.from({ length: 8 }, (_, writer) => {
          const child = fork(workerFile, [kind, location, String(writer), '1000'], {
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          });
          let output = '';
          child.stderr?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          return new Promise<string>((resolve) => {
            child.on('exit', (code) => resolve(code === 0 ? '' : `writer ${writer}: ${output}`));
          });
        });
        expect((await Promise.all(exits)).join('')).toBe('');
        await expectEightWritersIntact(history.open());
      }, 600_000);
    }
  });

  describe('verify()', () => {
    test('an empty and a written history verify, with the newest row as head', async () => {
      const store = history.open();
      expect(await store.verify()).toEqual({ ok: true, rows: 0, head: undefined });
      await store.append(event());
      await store.append(event({ decision: 'opt-in' }));
      expect(await store.verify()).toEqual({
        ok: true,
        rows: 2,
        head: { seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    });
  });

  describe('retention', () => {
    async function writeHistory(store: ReturnType<History['open']>) {
      await store.append(event({ at: '2026-01-10T09:00:00.000Z', decision: 'objection' }));
      await store.append(event({ at: '2026-02-10T09:00:00.000Z', decision: 'opt-in' }));
      await store.append(
        event({
          subjectId: 'bob',
          tier: 'pro',
          purpose: 'marketing',
          decision: 'opt-in',
          at: '2026-01-15T09:00:00.000Z',
        }),
      );
      await store.append(event({ at: '2026-03-10T09:00:00.000Z', decision: 'objection' }));
      await store.append(
        event({ subjectId: 'carol', at: '2026-01-20T09:00:00.000Z', decision: 'opt-out' }),
      );
      await store.append(
        event({ at: '2026-06-10T09:00:00.000Z', decision: 'objection', purpose: 'marketing' }),
      );
    }

    test('purge removes decisions replaced before the cutoff but keeps each subject’s latest per purpose, so no opt-out turns back into the default', async () => {
      const store = history.open();
      await writeHistory(store);
      const consent = createConsent({ policy: chatPolicy, store });
      expect(await store.purge({ before: new Date('2026-04-01T00:00:00.000Z') })).toEqual({
        removed: 2,
        markerSeq: 7,
      });
      expect((await store.read('alice')).map((kept) => [kept.purpose, kept.at])).toEqual([
        ['model-training', '2026-03-10T09:00:00.000Z'],
        ['marketing', '2026-06-10T09:00:00.000Z'],
      ]);
      expect(await store.read('bob')).toHaveLength(1);
      expect(await store.read('carol')).toHaveLength(1);
      expect(await consent.decide(alice, 'model-training')).toMatchObject({
        allowed: false,
        reason: 'objected',
      });
      expect(await consent.allows({ id: 'carol', tier: 'free' }, 'model-training')).toBe(false);
      expect(await store.verify()).toMatchObject({ ok: true, rows: 5 });

      await store.append(event({ at: '2026-07-01T09:00:00.000Z', decision: 'opt-in' }));
      // The March objection was in force until July: its retention counts from then.
      expect(await store.purge({ before: '2026-04-01T00:00:00.000Z' })).toEqual({
        removed: 0,
        markerSeq: undefined,
      });
      expect(await store.purge({ before: '2026-08-01T00:00:00.000Z' })).toEqual({
        removed: 1,
        markerSeq: 9,
      });
      expect(await store.purge({ before: '2026-12-31T00:00:00.000Z' })).toEqual({
        removed: 0,
        markerSeq: undefined,
      });
      expect(await history.open().verify()).toMatchObject({ ok: true, rows: 6 });
      expect(await consent.allows(alice, 'model-training')).toBe(true);
    });

    test('purge() with no date applies the policy’s retention of consent records, counted from each replacement, at the clock’s time', async () => {
      let now = new Date('2027-03-01T00:00:00.000Z');
      const store = history.open({ policy: keptThreeYears, clock: () => now });
      // Alice's opt-in was replaced in January 2024, more than three years before now.
      await store.append(event({ decision: 'opt-in', at: '2023-01-10T09:00:00.000Z' }));
      await store.append(event({ decision: 'objection', at: '2024-01-10T09:00:00.000Z' }));
      // Bob's opt-in was in force until June 2024: its proof stays three years after that.
      await store.append(
        event({ subjectId: 'bob', decision: 'opt-in', at: '2023-06-01T09:00:00.000Z' }),
      );
      await store.append(
        event({ subjectId: 'bob', decision: 'objection', at: '2024-06-01T09:00:00.000Z' }),
      );
      // Carol's only decision is her latest, in force whatever its age.
      await store.append(
        event({ subjectId: 'carol', decision: 'objection', at: '2020-01-01T09:00:00.000Z' }),
      );

      expect(await store.purge()).toEqual({ removed: 1, markerSeq: 6 });
      expect((await store.read('alice')).map((kept) => kept.decision)).toEqual(['objection']);
      expect((await store.read('bob')).map((kept) => kept.decision)).toEqual([
        'opt-in',
        'objection',
      ]);
      expect(await store.read('carol')).toHaveLength(1);

      now = new Date('2027-07-01T00:00:00.000Z');
      expect(await store.purge()).toEqual({ removed: 1, markerSeq: 7 });
      expect((await store.read('bob')).map((kept) => kept.decision)).toEqual(['objection']);
      // An explicit date still overrides the policy's retention.
      await store.append(
        event({ subjectId: 'carol', decision: 'opt-in', at: '2027-06-30T09:00:00.000Z' }),
      );
      expect(await store.purge()).toEqual({ removed: 0, markerSeq: undefined });
      expect(await store.purge({ before: '2027-07-01T00:00:00.000Z' })).toEqual({
        removed: 1,
        markerSeq: 9,
      });
      expect(await history.open({ policy: keptThreeYears }).verify()).toMatchObject({
        ok: true,
        rows: 6,
      });
    });

    test('purge() with no date, under a policy that declares no retention for consent records, is refused and removes nothing', async () => {
      const store = history.open({ policy: chatPolicy });
      await store.append(event({ decision: 'opt-in', at: '2020-01-10T09:00:00.000Z' }));
      await store.append(event({ decision: 'objection', at: '2020-02-10T09:00:00.000Z' }));
      await expect(store.purge()).rejects.toMatchObject({
        code: 'store-failed',
        message: expect.stringContaining('or a policy that declares consentRecords.retention'),
      });
      expect(await store.read('alice')).toHaveLength(2);
    });

    test('a purge with an invalid date is refused', async () => {
      const store = history.open();
      await expect(store.purge({ before: 'last spring' })).rejects.toMatchObject({
        code: 'store-failed',
      });
    });

    test('eraseSubject removes the subject’s decisions, leaves the others, and the history still verifies', async () => {
      const store = history.open();
      await writeHistory(store);
      expect(await store.eraseSubject('alice')).toEqual({ removed: 4, pseudonym: undefined });
      expect(await store.read('alice')).toEqual([]);
      expect(await store.read('bob')).toHaveLength(1);
      expect(await store.read('carol')).toHaveLength(1);
      expect(await store.eraseSubject('alice')).toEqual({ removed: 0, pseudonym: undefined });
      expect(await history.open().verify()).toMatchObject({ ok: true, rows: 3 });
    });

    test('in pseudonymise mode, eraseSubject keeps the proof of consent under a keyed pseudonym, without the subject’s own words', async () => {
      const store = history.open({ key, erasure: 'pseudonymise' });
      await store.append(
        event({ details: { mechanism: 'in-app-toggle', reason: 'I do not want this' } }),
      );
      await store.append(event({ subjectId: 'bob', tier: 'pro' }));
      await store.append(event({ decision: 'opt-in', details: { noticeVersion: 'v3' } }));
      const pseudonym = store.pseudonymOf('alice');
      expect(pseudonym).toMatch(/^pseudonym:[0-9a-f]{64}$/);
      expect(await store.eraseSubject('alice')).toEqual({ removed: 2, pseudonym });
      expect(await store.read('alice')).toEqual([]);
      expect(await store.read(pseudonym)).toEqual([
        event({ subjectId: pseudonym, details: { mechanism: 'in-app-toggle' } }),
        event({ subjectId: pseudonym, decision: 'opt-in', details: { noticeVersion: 'v3' } }),
      ]);
      // Bob's decision, the erasure marker and alice's two decisions under the pseudonym.
      expect(await history.open({ key }).verify()).toMatchObject({ ok: true, rows: 4 });
    });

    test('pseudonymise mode without a key is refused, since an unkeyed pseudonym could be recomputed', () => {
      expect(() => history.open({ erasure: 'pseudonymise' })).toThrow('needs a key');
    });

    test('eraseSubject follows the erasure mode the policy declares: pseudonymise keeps the proof of consent under a keyed pseudonym', async () => {
      const store = history.open({ key, policy: provesConsent });
      await store.append(event({ decision: 'opt-in', details: { noticeVersion: 'v3' } }));
      await store.append(event({ subjectId: 'bob', tier: 'pro' }));
      const pseudonym = store.pseudonymOf('alice');
      expect(await store.eraseSubject('alice')).toEqual({ removed: 1, pseudonym });
      expect(await store.read('alice')).toEqual([]);
      expect(await store.read(pseudonym)).toEqual([
        event({ subjectId: pseudonym, decision: 'opt-in', details: { noticeVersion: 'v3' } }),
      ]);
      expect(await history.open({ key }).verify()).toMatchObject({ ok: true, rows: 3 });
    });

    test('a policy that declares pseudonymise, on a store without a key, is refused with an error that names the policy', () => {
      expect(() => history.open({ policy: provesConsent })).toThrow(
        'the policy declares consentRecords.erasure "pseudonymise", which needs a key',
      );
    });

    test('a policy that declares delete, or no erasure mode, removes the subject’s decisions; the store’s erasure option overrides the policy', async () => {
      const store = history.open({ policy: keptThreeYears });
      await store.append(event());
      expect(await store.eraseSubject('alice')).toEqual({ removed: 1, pseudonym: undefined });
      expect(await store.read('alice')).toEqual([]);
      const other = await backend.create();
      try {
        const overridden = other.open({ policy: provesConsent, erasure: 'delete' });
        await overridden.append(event());
        expect(await overridden.eraseSubject('alice')).toEqual({
          removed: 1,
          pseudonym: undefined,
        });
      } finally {
        await other.dispose();
      }
    });
  });

  if (backend.name !== 'memory') {
    test('a store that cannot reach its history denies every check, and record rejects', async () => {
      const store = history.unreachable?.();
      if (store === undefined) {
        throw new Error(`the ${backend.name} harness has no unreachable store`);
      }
      const consent = createConsent({ policy: chatPolicy, store });
      const decision = await consent.decide(alice, 'model-training');
      expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
      expect(decision.detail).toMatch(/^store-(not-found|unreachable): /);
      expect(await consent.filter([alice], 'model-training', { subject: (user) => user })).toEqual(
        [],
      );
      await expect(consent.record(alice, 'model-training', 'objection')).rejects.toMatchObject({
        name: 'ConsentStoreError',
      });
    });

    describe('tamper detection', () => {
      const readDenies = async (store: ReturnType<History['open']>) => {
        const consent = createConsent({ policy: chatPolicy, store });
        const decision = await consent.decide(alice, 'model-training');
        expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
        expect(decision.detail).toContain('store-tampered');
        return decision;
      };

      test('a decision changed in a database shell is found at its row, on open and by verify(), and every check denies', async () => {
        const store = history.open();
        await store.append(event());
        await store.append(event({ subjectId: 'bob' }));
        await store.append(event({ decision: 'opt-out' }));
        await history.tamper?.("UPDATE consent_events SET decision = 'opt-in' WHERE seq = 3");

        expect(await store.verify()).toEqual({
          ok: false,
          seq: 3,
          problem: 'its hash does not match its contents',
        });
        await readDenies(store);
        const reopened = history.open();
        await readDenies(reopened);
        expect(
          await createConsent({ policy: chatPolicy, store: reopened }).allows(
            { id: 'bob', tier: 'free' },
            'model-training',
          ),
        ).toBe(false);
        await expect(reopened.append(event())).rejects.toMatchObject({ code: 'store-tampered' });
      });

      test('a row removed from the middle is found at the row after it', async () => {
        const store = history.open();
        for (const decision of ['objection', 'opt-in', 'objection'] as const) {
          await store.append(event({ decision }));
        }
        await history.tamper?.('DELETE FROM consent_events WHERE seq = 2');
        expect(await history.open().verify()).toEqual({
          ok: false,
          seq: 3,
          problem: 'row 2 before it is missing',
        });
      });

      test('a forged opt-in appended with a made-up hash is found', async () => {
        const store = history.open();
        await store.append(event());
        await history.tamper?.(
          `INSERT INTO consent_events (seq, kind, subject_id, purpose, decision, at, tier, details, prev_hash, hash) VALUES (2, 'decision', 'alice', 'model-training', 'opt-in', '2026-02-01T00:00:00.000Z', 'free', NULL, '${'0'.repeat(64)}', '${'f'.repeat(64)}')`,
        );
        await readDenies(history.open());
      });

      test('with a key, a forged row whose hash an attacker recomputed without the key is found', async () => {
        const store = history.open({ key });
        await store.append(event());
        const verified = await store.verify();
        if (!verified.ok || verified.head === undefined) {
          throw new Error('the history should verify before the forgery');
        }
        const forged = {
          seq: 2,
          kind: 'decision' as const,
          subjectId: 'alice',
          purpose: 'model-training',
          decision: 'opt-in',
          at: '2026-02-01T00:00:00.000Z',
          tier: 'free',
          details: null,
          prevHash: verified.head.hash,
        };
        await history.tamper?.(
          `INSERT INTO consent_events (seq, kind, subject_id, purpose, decision, at, tier, details, prev_hash, hash) VALUES (2, 'decision', 'alice', 'model-training', 'opt-in', '${forged.at}', 'free', NULL, '${forged.prevHash}', '${hashRow(undefined, forged)}')`,
        );
        expect(await history.open({ key }).verify()).toEqual({
          ok: false,
          seq: 2,
          problem: 'its hash does not match its contents',
        });
        // Opened without its key, a keyed history fails at its first row.
        expect(await history.open().verify()).toMatchObject({ ok: false, seq: 1 });
      });

      test('after a purge, removing a row it kept is found at the purge marker', async () => {
        const store = history.open();
        await store.append(event({ at: '2026-01-01T00:00:00.000Z' }));
        await store.append(event({ at: '2026-01-02T00:00:00.000Z', decision: 'opt-in' }));
        await store.append(event({ subjectId: 'bob', at: '2026-01-03T00:00:00.000Z' }));
        await store.append(event({ at: '2026-01-04T00:00:00.000Z', decision: 'objection' }));
        expect(await store.purge({ before: '2026-02-01T00:00:00.000Z' })).toEqual({
          removed: 2,
          markerSeq: 5,
        });
        await history.tamper?.('DELETE FROM consent_events WHERE seq = 4');
        expect(await history.open().verify()).toEqual({
          ok: false,
          seq: 5,
          problem:
            'the 1 rows before this purge marker are not the 2 rows it kept: a row before it was removed, added or changed',
        });
      });
    });
  }
});

async function expectEightWritersIntact(store: ReturnType<History['open']>): Promise<void> {
  const seen = new Set<string>();
  for (let subject = 0; subject < 10; subject += 1) {
    const events = await store.read(`subject-${subject}`);
    const lastIndex = new Map<string, number>();
    for (const stored of events) {
      const [, writer, , index] = String(stored.details?.source).split(' ');
      expect(seen.has(String(stored.details?.source))).toBe(false);
      seen.add(String(stored.details?.source));
      // Each writer's events on a subject appear in the order that writer appended them.
      expect(Number(index)).toBeGreaterThan(lastIndex.get(String(writer)) ?? -1);
      lastIndex.set(String(writer), Number(index));
    }
  }
  expect(seen.size).toBe(8000);
  expect(await store.verify()).toMatchObject({ ok: true, rows: 8000 });
}
