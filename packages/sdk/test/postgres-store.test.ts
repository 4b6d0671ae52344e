// PostgreSQL-specific guarantees, against the real server the global setup starts: the database
// enforces append-only (triggers and the documented least-privilege roles), the schema is
// versioned, and every failure (refused, timeout, serialization failure, read-only) denies.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { type ConsentEvent, createConsent } from '../src/index.js';
import { createPostgresStore, migratePostgresStore } from '../src/postgres/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';
import { createDatabase } from './support/backends.js';
import { connectionString } from './support/postgres-cluster.js';

const alice = { id: 'alice', tier: 'free' } as const;
const objection: ConsentEvent = {
  subjectId: 'alice',
  purpose: 'model-training',
  decision: 'objection',
  at: '2026-03-01T09:00:00.000Z',
  tier: 'free',
};

let database: Awaited<ReturnType<typeof createDatabase>>;
const closing: { close(): Promise<void> }[] = [];

function open(options: Partial<Parameters<typeof createPostgresStore>[0]> = {}) {
  const store = createPostgresStore({ connectionString: database.url, ...options } as Parameters<
    typeof createPostgresStore
  >[0]);
  closing.push(store);
  return store;
}

/** The same database as another role, or with extra server options. */
function urlWith(user: string, serverOptions?: string): string {
  const url = new URL(
    connectionString(inject('postgres'), new URL(database.url).pathname.slice(1), user),
  );
  if (serverOptions !== undefined) {
    url.searchParams.set('options', serverOptions);
  }
  return url.toString();
}

beforeEach(async () => {
  database = await createDatabase();
});

afterEach(async () => {
  await Promise.all(closing.splice(0).map((store) => store.close()));
  await database.drop();
});

describe('migration', () => {
  test('migratePostgresStore creates the schema once; a second run changes nothing', async () => {
    expect(await migratePostgresStore(database.url)).toEqual({ from: 0, to: 1 });
    expect(await migratePostgresStore(database.admin)).toEqual({ from: 1, to: 1 });
    const { rows } = await database.admin.query('SELECT version FROM consentry_migrations');
    expect(rows).toEqual([{ version: 1 }]);
  });

  test('a database without a store is an error unless create is passed, and every check denies', async () => {
    const store = open();
    const decision = await createConsent({ policy: chatPolicy, store }).decide(
      alice,
      'model-training',
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
    expect(decision.detail).toContain('store-not-found: Consent store postgresql://postgres@');
    expect(decision.detail).toContain(
      'the database holds no Consentry store. Run migratePostgresStore, or pass create: true, to create it.',
    );
    const created = open({ create: true });
    await created.append(objection);
    expect(await store.read('alice')).toEqual([objection]);
  });

  test('a consent_events table that Consentry did not create is refused, even with create', async () => {
    await database.admin.query(
      'CREATE TABLE consent_events (id serial PRIMARY KEY, payload jsonb)',
    );
    await expect(open({ create: true }).read('alice')).rejects.toMatchObject({
      code: 'store-not-consentry',
    });
  });

  test('a schema newer than this SDK is refused', async () => {
    await migratePostgresStore(database.url);
    await database.admin.query('INSERT INTO consentry_migrations (version) VALUES (7)');
    await expect(open().read('alice')).rejects.toMatchObject({
      code: 'store-failed',
      message: expect.stringContaining('has schema version 7; this SDK knows version 1'),
    });
  });

  test('a dropped or disabled trigger stops the store until the migration restores it', async () => {
    await migratePostgresStore(database.url);
    await database.admin.query('DROP TRIGGER consent_events_append_only ON consent_events');
    await database.admin.query(
      'ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_truncate',
    );
    await expect(open().read('alice')).rejects.toMatchObject({
      code: 'store-failed',
      message: expect.stringContaining('lacks its append-only triggers (dropped or disabled)'),
    });
    await migratePostgresStore(database.url);
    await open().append(objection);
    await expect(database.admin.query('TRUNCATE consent_events')).rejects.toThrow(/append-only/);
  });
});

describe('closing', () => {
  test('a migration or a store that the server disconnects as it closes raises nothing', async () => {
    // The server may end a connection while the pool is still closing it (a shutdown, a dropped
    // database): its error must not become an uncaught exception in the application. The two
    // race, so the test repeats them.
    const terminate = () =>
      database.admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    for (let round = 0; round < 60; round++) {
      // A migration returns while its connection is still closing; the database is then dropped.
      await migratePostgresStore(database.url);
      await terminate();
      const store = createPostgresStore({ connectionString: database.url });
      await Promise.all(['alice', 'bob', 'carol'].map((id) => store.read(id)));
      await store.close();
      await terminate();
      await expect(store.read('alice')).rejects.toMatchObject({ code: 'store-failed' });
    }
  });
});

describe('append-only in the database', () => {
  const forms: readonly (readonly [string, string])[] = [
    ['UPDATE', "UPDATE consent_events SET decision = 'opt-in'"],
    ['DELETE', 'DELETE FROM consent_events'],
    ['TRUNCATE', 'TRUNCATE consent_events'],
    [
      'upsert (ON CONFLICT DO UPDATE)',
      "INSERT INTO consent_events SELECT * FROM consent_events ON CONFLICT (seq) DO UPDATE SET decision = 'opt-in'",
    ],
    [
      'MERGE … UPDATE',
      "MERGE INTO consent_events target USING consent_events source ON target.seq = source.seq WHEN MATCHED THEN UPDATE SET decision = 'opt-in'",
    ],
    [
      'MERGE … DELETE',
      'MERGE INTO consent_events target USING consent_events source ON target.seq = source.seq WHEN MATCHED THEN DELETE',
    ],
  ];

  test.each(forms)(
    '%s is refused even to the owner, and the objection stands',
    async (_form, sql) => {
      const store = open({ create: true });
      const consent = createConsent({ policy: chatPolicy, store });
      await consent.record(alice, 'model-training', 'objection');
      await expect(database.admin.query(sql)).rejects.toThrow(/consent_events is append-only/);
      expect(await consent.allows(alice, 'model-training')).toBe(false);
      expect(await open().verify()).toMatchObject({ ok: true, rows: 1 });
    },
  );

  test('the documented least-privilege roles: the app reads and appends only; the retention job may purge', async () => {
    await migratePostgresStore(database.url);
    const docs = readFileSync(new URL('../docs/stores.md', import.meta.url), 'utf8');
    const roles = /```sql\n(-- Least-privilege roles[\s\S]*?)```/.exec(docs)?.[1];
    expect(roles).toBeDefined();
    // Roles belong to the cluster, so other test databases may have created them already.
    await database.admin
      .query('DROP OWNED BY consentry_app, consentry_maintainer CASCADE')
      .catch(() => {});
    await database.admin.query('DROP ROLE IF EXISTS consentry_app, consentry_maintainer');
    await database.admin.query(String(roles));

    const app = createPostgresStore({ connectionString: urlWith('consentry_app') });
    closing.push(app);
    await app.append({ ...objection, at: '2026-01-01T00:00:00.000Z' });
    await app.append({ ...objection, decision: 'opt-out' });
    expect(await app.read('alice')).toHaveLength(2);
    const asApp = new pg.Client({ connectionString: urlWith('consentry_app') });
    await asApp.connect();
    try {
      for (const sql of [
        "UPDATE consent_events SET decision = 'opt-in'",
        'DELETE FROM consent_events',
        'TRUNCATE consent_events',
        'ALTER TABLE consent_events DISABLE TRIGGER USER',
      ]) {
        await expect(asApp.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      }
    } finally {
      await asApp.end();
    }
    await expect(app.purge({ before: '2026-04-01T00:00:00.000Z' })).rejects.toMatchObject({
      code: 'store-failed',
      message: expect.stringContaining('see the least-privilege roles in the SDK docs'),
    });

    const maintainer = createPostgresStore({ connectionString: urlWith('consentry_maintainer') });
    closing.push(maintainer);
    expect(await maintainer.purge({ before: '2026-04-01T00:00:00.000Z' })).toEqual({
      removed: 1,
      markerSeq: 3,
    });
    expect(await app.verify()).toMatchObject({ ok: true, rows: 2 });
  });
});

describe('fails closed', () => {
  test('connection refused: every check denies with store-unreachable', async () => {
    const nowhere = connectionString({ ...inject('postgres'), port: 1 }, 'consent');
    const store = createPostgresStore({ connectionString: nowhere, timeoutMs: 2000 });
    closing.push(store);
    const consent = createConsent({ policy: chatPolicy, store });
    const decision = await consent.decide(alice, 'model-training');
    expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
    expect(decision.detail).toMatch(/^store-unreachable: Consent store .* cannot be reached/);
    await expect(consent.record(alice, 'model-training', 'opt-in')).rejects.toMatchObject({
      code: 'store-unreachable',
    });
  });

  test('a timeout denies, and the store answers again once the lock is gone', async () => {
    const store = open({ create: true, timeoutMs: 300 });
    await store.append(objection);
    const consent = createConsent({ policy: chatPolicy, store });
    const locker = await database.admin.connect();
    await locker.query('BEGIN; LOCK TABLE consent_events IN ACCESS EXCLUSIVE MODE');
    try {
      const decision = await consent.decide({ id: 'bob', tier: 'free' }, 'model-training');
      expect(decision).toMatchObject({ allowed: false, reason: 'store-error' });
      expect(decision.detail).toMatch(/^store-timeout: .* did not answer within 300 ms/);
      await expect(store.append({ ...objection, subjectId: 'bob' })).rejects.toMatchObject({
        code: 'store-timeout',
      });
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect(await consent.allows({ id: 'bob', tier: 'free' }, 'model-training')).toBe(true);
    expect(await consent.allows(alice, 'model-training')).toBe(false);
  });

  test('a read-only replica (or read-only transaction) refuses the append with store-read-only', async () => {
    await migratePostgresStore(database.url);
    const replica = createPostgresStore({
      connectionString: urlWith('postgres', '-c default_transaction_read_only=on'),
    });
    closing.push(replica);
    const consent = createConsent({ policy: chatPolicy, store: replica });
    await expect(consent.record(alice, 'model-training', 'objection')).rejects.toMatchObject({
      code: 'store-read-only',
      message: expect.stringContaining('refused to write (a read-only replica or transaction)'),
    });
    expect(await replica.read('alice')).toEqual([]);
  });

  test('a serialization failure raised by the server rejects the append and stores nothing', async () => {
    await migratePostgresStore(database.url);
    const pool = new pg.Pool({ connectionString: database.url });
    // As an application must: the database is dropped right after this test, maybe before the
    // pool's connections have closed, and the server's notice must not be an uncaught error.
    pool.on('error', () => {});
    const connect = pool.connect.bind(pool);
    // Every INSERT of this pool first meets a real serialization failure from the server.
    pool.connect = (async () => {
      const client = await connect();
      const query = client.query.bind(client) as (text: string) => Promise<unknown>;
      (client as { query: unknown }).query = async (text: unknown, ...rest: unknown[]) => {
        if (typeof text === 'string' && text.includes('INSERT INTO consent_events')) {
          await query(
            "DO $$ BEGIN RAISE EXCEPTION 'could not serialize access due to concurrent update' USING ERRCODE = 'serialization_failure'; END $$",
          );
        }
        return (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest);
      };
      return client;
    }) as typeof pool.connect;
    const store = createPostgresStore({ pool });
    try {
      await expect(store.append(objection)).rejects.toMatchObject({
        code: 'store-locked',
        message: expect.stringContaining('lost a conflict with a concurrent transaction'),
      });
      expect(await open().read('alice')).toEqual([]);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  test('whatever the database default isolation, concurrent appends keep one chain', async () => {
    await migratePostgresStore(database.url);
    const serializable = urlWith('postgres', '-c default_transaction_isolation=serializable');
    const stores = [0, 1, 2].map(() => {
      const store = createPostgresStore({ connectionString: serializable });
      closing.push(store);
      return store;
    });
    await Promise.all(
      stores.map(async (store, writer) => {
        for (let index = 0; index < 20; index += 1) {
          await store.append({ ...objection, subjectId: `writer-${writer}` });
        }
      }),
    );
    expect(await open().verify()).toMatchObject({ ok: true, rows: 60 });
  });
});
