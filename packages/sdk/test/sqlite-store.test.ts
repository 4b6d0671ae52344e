import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ConsentEvent, ConsentStoreError, createConsent } from '../src/index.js';
import { createSqliteStore, type SqliteConsentStore } from '../src/sqlite/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

let directory: string;
let file: string;
const opened: { close(): void }[] = [];

function track<T extends { close(): void }>(closable: T): T {
  opened.push(closable);
  return closable;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'consentry-sqlite-'));
  file = join(directory, 'consent.sqlite');
});

afterEach(() => {
  for (const closable of opened.splice(0).reverse()) {
    closable.close();
  }
  rmSync(directory, { recursive: true, force: true });
});

const alice = { id: 'alice', tier: 'free' } as const;

/** Creates the store's file and schema, as a first use does. */
async function initialise(): Promise<void> {
  const store = createSqliteStore({ file });
  await store.read('nobody');
  store.close();
}

function event(overrides: Partial<ConsentEvent> = {}): ConsentEvent {
  return {
    subjectId: 'alice',
    purpose: 'model-training',
    decision: 'objection',
    at: '2026-03-01T09:00:00.000Z',
    tier: 'free',
    ...overrides,
  };
}

describe('history', () => {
  test('keeps every decision, in order, with its time and details, across connections', async () => {
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 2, 1, 9, 0, tick++));
    const store = track(createSqliteStore({ file }));
    const consent = createConsent({ policy: chatPolicy, store, clock });
    await consent.record(alice, 'model-training', 'objection', { mechanism: 'in-app-toggle' });
    await consent.record(alice, 'model-training', 'opt-in', { source: 'settings v2' });
    await consent.record(alice, 'marketing', 'opt-in', { noticeVersion: 'news-2026' });
    await consent.record({ id: 'bob', tier: 'pro' }, 'model-training', 'opt-out');
    store.close();

    const reopened = track(createSqliteStore({ file }));
    expect(await reopened.read('alice')).toEqual([
      event({ at: '2026-03-01T09:00:00.000Z', details: { mechanism: 'in-app-toggle' } }),
      event({
        decision: 'opt-in',
        at: '2026-03-01T09:00:01.000Z',
        details: { source: 'settings v2' },
      }),
      event({
        purpose: 'marketing',
        decision: 'opt-in',
        at: '2026-03-01T09:00:02.000Z',
        details: { noticeVersion: 'news-2026' },
      }),
    ]);
    expect(await reopened.read('bob')).toEqual([
      event({ subjectId: 'bob', decision: 'opt-out', at: '2026-03-01T09:00:03.000Z', tier: 'pro' }),
    ]);
    expect(await reopened.read('nobody')).toEqual([]);
    const later = createConsent({ policy: chatPolicy, store: reopened, clock });
    expect(await later.decide(alice, 'model-training')).toMatchObject({
      allowed: true,
      reason: 'opted-in',
    });
  });

  test('decisions can be neither changed nor deleted (append-only, enforced by triggers)', async () => {
    const store = track(createSqliteStore({ file }));
    await store.append(event());
    const raw = track(new Database(file));
    expect(() => raw.prepare("UPDATE consent_events SET decision = 'opt-in'").run()).toThrow(
      'consent_events is append-only: a decision is never changed',
    );
    expect(() => raw.prepare('DELETE FROM consent_events').run()).toThrow(
      'consent_events is append-only: a decision is never deleted',
    );
    expect(await store.read('alice')).toEqual([event()]);
  });

  test('uses WAL mode and the busy timeout', async () => {
    const store = track(createSqliteStore({ file, busyTimeoutMs: 1234 }));
    await store.read('alice');
    const raw = track(new Database(file));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
  });

  test('works on a connection passed in, and leaves it open on close', async () => {
    const database = track(new Database(file));
    const store = createSqliteStore({ database });
    await store.append(event());
    store.close();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT count(*) AS count FROM consent_events').get()).toEqual({
      count: 1,
    });
    await expect(store.read('alice')).rejects.toThrow(`Consent store ${file} is closed.`);
  });
});

describe('concurrent writers', () => {
  test('several processes appending at once lose nothing', async () => {
    const writers = 4;
    const perWriter = 150;
    // The store exists before the race so every writer starts on the same file.
    await initialise();
    const worker = new URL('./fixtures/append-worker.ts', import.meta.url).pathname;
    const exits = Array.from({ length: writers }, (_, writer) => {
      const child = fork(worker, [file, String(writer), String(perWriter)], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      return new Promise<string>((resolve) => {
        child.on('exit', (code) => resolve(code === 0 ? '' : `writer ${writer}: ${stderr}`));
      });
    });
    expect((await Promise.all(exits)).join('')).toBe('');

    const store = track(createSqliteStore({ file }));
    for (let writer = 0; writer < writers; writer += 1) {
      const events = await store.read(`writer-${writer}`);
      expect(events).toHaveLength(perWriter);
      expect(events.map((stored) => stored.details?.source)).toEqual(
        Array.from({ length: perWriter }, (_, index) => `writer ${writer} event ${index}`),
      );
    }
    const raw = track(new Database(file));
    expect(raw.prepare('SELECT count(*) AS count FROM consent_events').get()).toEqual({
      count: writers * perWriter,
    });
  }, 60_000);
});

describe('failures', () => {
  test('a locked database gives a clear ConsentStoreError, allows denies, and the store recovers', async () => {
    await initialise();
    const locker = track(new Database(file));
    locker.pragma('locking_mode = EXCLUSIVE');
    locker.exec(
      "INSERT INTO consent_events (subject_id, purpose, decision, at, tier) VALUES ('bob', 'marketing', 'opt-in', '2026-01-01T00:00:00.000Z', 'pro')",
    );

    const store = track(createSqliteStore({ file, busyTimeoutMs: 50 }));
    const error = await store.read('alice').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsentStoreError);
    expect(error).toMatchObject({ code: 'store-locked' });
    expect((error as Error).message).toBe(
      `Consent store ${file} is locked by another connection: gave up after 50 ms (while opening it to read decisions).`,
    );
    const consent = createConsent({ policy: chatPolicy, store });
    expect(await consent.allows(alice, 'model-training')).toBe(false);
    expect(await consent.decide(alice, 'model-training')).toMatchObject({
      reason: 'store-error',
      detail: expect.stringContaining('store-locked'),
    });
    await expect(consent.record(alice, 'model-training', 'objection')).rejects.toMatchObject({
      code: 'store-locked',
    });

    locker.close();
    expect(await consent.allows(alice, 'model-training')).toBe(true);
  });

  test('a writer blocked past the busy timeout gets store-locked, and nothing half-written remains', async () => {
    const store = track(createSqliteStore({ file, busyTimeoutMs: 50 }));
    await store.append(event());
    const writer = track(new Database(file));
    writer.exec('BEGIN IMMEDIATE');
    await expect(store.append(event({ decision: 'opt-in' }))).rejects.toMatchObject({
      name: 'ConsentStoreError',
      code: 'store-locked',
      message: `Consent store ${file} is locked by another connection: gave up after 50 ms (while appending a decision).`,
    });
    writer.exec('ROLLBACK');
    expect(await store.read('alice')).toEqual([event()]);
  });

  test('a corrupt file gives a clear ConsentStoreError and allows denies', async () => {
    writeFileSync(
      file,
      'this file once held consent decisions but now holds only text\n'.repeat(100),
    );
    const store: SqliteConsentStore = track(createSqliteStore({ file }));
    const error = await store.read('alice').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsentStoreError);
    expect(error).toMatchObject({
      code: 'store-corrupt',
      message: `Consent store ${file} is damaged or not a SQLite database: file is not a database (while opening it to read decisions).`,
    });
    const consent = createConsent({ policy: chatPolicy, store });
    expect(await consent.allows(alice, 'model-training')).toBe(false);
    expect(await consent.filter([alice], 'model-training', { subject: (user) => user })).toEqual(
      [],
    );
    await expect(consent.record(alice, 'model-training', 'objection')).rejects.toMatchObject({
      code: 'store-corrupt',
    });
  });

  test('a store written by a newer SDK is refused', async () => {
    const raw = track(new Database(file));
    raw.pragma('user_version = 2');
    const store = track(createSqliteStore({ file }));
    await expect(store.read('alice')).rejects.toMatchObject({
      code: 'store-failed',
      message: `Consent store ${file} has schema version 2; this SDK reads version 1. Upgrade @consentry/sdk.`,
    });
  });

  test('a missing directory gives store-failed', async () => {
    const store = track(createSqliteStore({ file: join(directory, 'missing', 'consent.sqlite') }));
    await expect(store.read('alice')).rejects.toMatchObject({
      name: 'ConsentStoreError',
      code: 'store-failed',
    });
  });
});
