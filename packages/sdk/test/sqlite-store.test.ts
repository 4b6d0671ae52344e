import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const store = createSqliteStore({ file, create: true });
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
    const store = track(createSqliteStore({ file, create: true }));
    const consent = createConsent({ policy: chatPolicy, store, clock });
    await consent.record(alice, 'model-training', 'objection', { mechanism: 'in-app-toggle' });
    await consent.record(alice, 'model-training', 'opt-in', { source: 'settings v2' });
    await consent.record(alice, 'marketing', 'opt-in', { noticeVersion: 'news-2026' });
    await consent.record({ id: 'bob', tier: 'pro' }, 'model-training', 'opt-out');
    store.close();

    const reopened = track(createSqliteStore({ file, create: true }));
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
    const store = track(createSqliteStore({ file, create: true }));
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
    const store = track(createSqliteStore({ file, busyTimeoutMs: 1234, create: true }));
    await store.read('alice');
    const raw = track(new Database(file));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    // "Cnst": how the store tells its own files from other programs' databases.
    expect(raw.pragma('application_id', { simple: true })).toBe(0x436e7374);
  });

  test('works on a connection passed in, and leaves it open on close', async () => {
    const database = track(new Database(file));
    const store = createSqliteStore({ database, create: true });
    await store.append(event());
    store.close();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT count(*) AS count FROM consent_events').get()).toEqual({
      count: 1,
    });
    await expect(store.read('alice')).rejects.toThrow(`Consent store ${file} is closed.`);
  });
});

describe('failures', () => {
  test('a locked database gives a clear ConsentStoreError, allows denies, and the store recovers', async () => {
    await initialise();
    const locker = track(new Database(file));
    locker.pragma('locking_mode = EXCLUSIVE');
    locker.exec('CREATE TABLE lock_holder (id INTEGER)');

    const store = track(createSqliteStore({ file, busyTimeoutMs: 50, create: true }));
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
    const store = track(createSqliteStore({ file, busyTimeoutMs: 50, create: true }));
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
    const store: SqliteConsentStore = track(createSqliteStore({ file, create: true }));
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
    await initialise();
    const raw = track(new Database(file));
    raw.pragma('user_version = 3');
    const store = track(createSqliteStore({ file, create: true }));
    await expect(store.read('alice')).rejects.toMatchObject({
      code: 'store-failed',
      message: `Consent store ${file} has schema version 3; this SDK reads version 2. Upgrade @consentry/sdk.`,
    });
  });

  test('a missing directory gives store-failed, even with create', async () => {
    const store = track(
      createSqliteStore({ file: join(directory, 'missing', 'consent.sqlite'), create: true }),
    );
    await expect(store.read('alice')).rejects.toMatchObject({
      name: 'ConsentStoreError',
      code: 'store-failed',
    });
  });
});

describe('append-only in every SQL form (a REPLACE once turned an opt-out into an opt-in)', () => {
  const columns = 'seq, kind, subject_id, purpose, decision, at, tier, details, prev_hash, hash';
  const optIn = (seq: string) =>
    `(${seq}, 'decision', 'alice', 'model-training', 'opt-in', '2026-03-02T00:00:00.000Z', 'free', NULL, '', '')`;
  const statements: readonly (readonly [string, string])[] = [
    ['REPLACE INTO', `REPLACE INTO consent_events (${columns}) VALUES ${optIn('1')}`],
    [
      'INSERT OR REPLACE',
      `INSERT OR REPLACE INTO consent_events (${columns}) VALUES ${optIn('1')}`,
    ],
    [
      'upsert (ON CONFLICT DO UPDATE)',
      `INSERT INTO consent_events (${columns}) VALUES ${optIn('1')} ON CONFLICT (seq) DO UPDATE SET decision = excluded.decision`,
    ],
    [
      'ON CONFLICT DO NOTHING into a taken position',
      `INSERT INTO consent_events (${columns}) VALUES ${optIn('1')} ON CONFLICT DO NOTHING`,
    ],
    [
      'INSERT before the newest row',
      `INSERT INTO consent_events (${columns}) VALUES ${optIn('0')}`,
    ],
    [
      'INSERT without a position',
      `INSERT INTO consent_events (kind, subject_id, purpose, decision, at, tier, prev_hash, hash) VALUES ('decision', 'alice', 'model-training', 'opt-in', '2026-03-02T00:00:00.000Z', 'free', '', '')`,
    ],
    ['UPDATE', "UPDATE consent_events SET decision = 'opt-in'"],
    ['UPDATE OR REPLACE', "UPDATE OR REPLACE consent_events SET decision = 'opt-in'"],
    ['DELETE', 'DELETE FROM consent_events'],
    ['DELETE of one row', 'DELETE FROM consent_events WHERE seq = 1'],
  ];

  test.each(statements)('%s is refused and the opt-out stands', async (_form, sql) => {
    const store = track(createSqliteStore({ file, create: true }));
    const consent = createConsent({ policy: chatPolicy, store });
    await consent.record(alice, 'model-training', 'objection');
    const raw = track(new Database(file));
    expect(() => raw.exec(sql)).toThrow(/consent_events is append-only/);
    expect(await consent.allows(alice, 'model-training')).toBe(false);
    expect(await track(createSqliteStore({ file })).verify()).toMatchObject({ ok: true, rows: 1 });
  });

  test('dropped triggers are recreated when the store is opened again', async () => {
    const first = track(createSqliteStore({ file, create: true }));
    await first.append(event());
    first.close();
    const raw = track(new Database(file));
    raw.exec('DROP TRIGGER consent_events_no_update; DROP TRIGGER consent_events_append_at_end;');
    await track(createSqliteStore({ file })).read('alice');
    const names = raw
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    expect(names).toEqual([
      'consent_events_append_at_end',
      'consent_events_no_delete',
      'consent_events_no_update',
    ]);
    expect(() => raw.exec("UPDATE consent_events SET tier = 'pro'")).toThrow(/append-only/);
  });

  test('purge and erasure leave the append-only triggers in place', async () => {
    const store = track(createSqliteStore({ file, create: true }));
    await store.append(event({ at: '2026-01-01T00:00:00.000Z' }));
    await store.append(event({ at: '2026-01-02T00:00:00.000Z', decision: 'opt-in' }));
    await store.append(event({ subjectId: 'bob' }));
    expect((await store.purge({ before: '2026-02-01T00:00:00.000Z' })).removed).toBe(1);
    expect((await store.eraseSubject('bob')).removed).toBe(1);
    const raw = track(new Database(file));
    expect(() => raw.exec('DELETE FROM consent_events')).toThrow(/append-only/);
    expect(await store.verify()).toMatchObject({ ok: true, rows: 3 });
  });
});

describe('opening (a lost database once became an empty store that allowed everyone)', () => {
  test('a path that does not exist is an error unless create is passed, and nothing is created', async () => {
    const mistyped = join(directory, 'consnet.sqlite');
    const store = track(createSqliteStore({ file: mistyped }));
    const consent = createConsent({ policy: chatPolicy, store });
    expect(await consent.decide(alice, 'model-training')).toMatchObject({
      allowed: false,
      reason: 'store-error',
      detail: `store-not-found: Consent store ${mistyped} does not exist. Pass create: true to start a new, empty history (a mistyped path must not silently allow everyone who opted out).`,
    });
    await expect(store.append(event())).rejects.toMatchObject({ code: 'store-not-found' });
    expect(existsSync(mistyped)).toBe(false);
  });

  test('a 0-byte file is not a store unless create is passed', async () => {
    writeFileSync(file, '');
    const store = track(createSqliteStore({ file }));
    expect(await createConsent({ policy: chatPolicy, store }).allows(alice, 'model-training')).toBe(
      false,
    );
    await expect(store.read('alice')).rejects.toMatchObject({
      code: 'store-not-consentry',
      message: `Consent store ${file} is an empty database, not a Consentry store. Pass create: true to start a new, empty history there.`,
    });
    const created = track(createSqliteStore({ file, create: true }));
    await created.append(event());
    expect(await created.read('alice')).toEqual([event()]);
  });

  test('another program’s database is refused, even with create, and left untouched', async () => {
    const other = track(new Database(file));
    other.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)',
    );
    other.close();
    const before = readFileSync(file);
    for (const create of [false, true]) {
      const store = track(createSqliteStore({ file, create }));
      expect(
        await createConsent({ policy: chatPolicy, store }).allows(alice, 'model-training'),
      ).toBe(false);
      await expect(store.read('alice')).rejects.toMatchObject({
        code: 'store-not-consentry',
        message: `Consent store ${file} is not a Consentry store (application_id 0, user_version 0); it may be another program's database.`,
      });
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('migration from schema version 1', () => {
  function writeVersion1Store(): void {
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec(`
CREATE TABLE consent_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('opt-in', 'opt-out', 'objection')),
  at TEXT NOT NULL,
  tier TEXT NOT NULL,
  details TEXT
);
CREATE INDEX consent_events_by_subject ON consent_events (subject_id, seq);
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never changed');
END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never deleted');
END;
INSERT INTO consent_events (subject_id, purpose, decision, at, tier, details) VALUES
  ('alice', 'model-training', 'objection', '2026-03-01T09:00:00.000Z', 'free', '{"mechanism":"in-app-toggle"}'),
  ('bob', 'marketing', 'opt-in', '2026-03-01T10:00:00.000Z', 'pro', NULL);
PRAGMA user_version = 1;
`);
    raw.close();
  }

  test('an existing store is refused until opened with migrate, then keeps every decision under a verified chain', async () => {
    writeVersion1Store();
    const unmigrated = track(createSqliteStore({ file }));
    await expect(unmigrated.read('alice')).rejects.toMatchObject({
      code: 'store-failed',
      message: `Consent store ${file} has schema version 1 (written by @consentry/sdk 0.1, without a hash chain). Open it once with migrate: true to upgrade it.`,
    });
    const migrated = track(createSqliteStore({ file, migrate: true }));
    expect(await migrated.read('alice')).toEqual([
      event({ at: '2026-03-01T09:00:00.000Z', details: { mechanism: 'in-app-toggle' } }),
    ]);
    expect(await migrated.verify()).toMatchObject({ ok: true, rows: 2 });
    migrated.close();
    const later = track(createSqliteStore({ file }));
    expect(
      await createConsent({ policy: chatPolicy, store: later }).allows(alice, 'model-training'),
    ).toBe(false);
    const raw = track(new Database(file));
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(() => raw.exec('DELETE FROM consent_events')).toThrow(/append-only/);
  });
});
