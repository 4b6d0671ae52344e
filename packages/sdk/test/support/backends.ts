// The three stores the contract suite runs against, each behind the same small harness.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import {
  type ConsentStore,
  createMemoryStore,
  type LedgerOptions,
  type ManagedConsentStore,
} from '../../src/index.js';
import { createPostgresStore, migratePostgresStore } from '../../src/postgres/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { connectionString } from './postgres-cluster.js';

/** A store as the contract suite uses it. */
export type ContractStore = ConsentStore & ManagedConsentStore & { close(): unknown };

/** One history (a database) that several store instances can open, as several app instances would. */
export interface History {
  /** Opens another store instance on this history. */
  open(options?: LedgerOptions): ContractStore;
  /** Runs SQL as the database owner with the append-only guards lifted, as an attacker with a database shell would. */
  readonly tamper?: (sql: string) => Promise<void>;
  /** How a writer process reaches this history: the append-worker's kind and location. */
  readonly worker?: readonly [kind: 'sqlite' | 'postgres', location: string];
  /** A store of this kind whose history cannot be reached (a missing file, a server that refuses connections). */
  readonly unreachable?: () => ContractStore;
  /** Closes what the harness opened and removes the history. */
  dispose(): Promise<void>;
}

/** A kind of store. */
export interface Backend {
  readonly name: 'memory' | 'sqlite' | 'postgres';
  /** A new, empty history. */
  create(): Promise<History>;
}

const memory: Backend = {
  name: 'memory',
  async create() {
    let store: ContractStore | undefined;
    return {
      // A memory history lives in one store object, so every "instance" is that store, created with the first options.
      open(options = {}) {
        store ??= Object.assign(createMemoryStore(options), { close() {} });
        return store;
      },
      async dispose() {},
    };
  },
};

const sqlite: Backend = {
  name: 'sqlite',
  async create() {
    const directory = mkdtempSync(join(tmpdir(), 'consentry-contract-'));
    const file = join(directory, 'consent.sqlite');
    const opened: ContractStore[] = [];
    const first = createSqliteStore({ file, create: true });
    await first.verify();
    first.close();
    return {
      open(options = {}) {
        const store = createSqliteStore({ file, ...options, create: true });
        opened.push(store);
        return store;
      },
      async tamper(sql) {
        const raw = new Database(file);
        try {
          raw.exec(
            'DROP TRIGGER consent_events_no_update; DROP TRIGGER consent_events_no_delete; DROP TRIGGER consent_events_append_at_end;',
          );
          raw.exec(sql);
        } finally {
          raw.close();
        }
      },
      worker: ['sqlite', file],
      unreachable() {
        const store = createSqliteStore({ file: join(directory, 'moved-away.sqlite') });
        opened.push(store);
        return store;
      },
      async dispose() {
        for (const store of opened) {
          store.close();
        }
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
};

/** A new database in the test cluster, and a superuser pool on it. */
export async function createDatabase(): Promise<{
  url: string;
  admin: pg.Pool;
  drop(): Promise<void>;
}> {
  const address = inject('postgres');
  const name = `consentry_${randomBytes(6).toString('hex')}`;
  const server = new pg.Client({ connectionString: connectionString(address, 'postgres') });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const url = connectionString(address, name);
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  // pool.end() resolves before its connections have closed, so the forced DROP below can still
  // terminate one; without a listener that notice would be an uncaught error in the test run.
  admin.on('error', () => {});
  return {
    url,
    admin,
    async drop() {
      await admin.end();
      const client = new pg.Client({ connectionString: connectionString(address, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const postgres: Backend = {
  name: 'postgres',
  async create() {
    const database = await createDatabase();
    await migratePostgresStore(database.url);
    const opened: ContractStore[] = [];
    return {
      open(options = {}) {
        const store = createPostgresStore({
          connectionString: database.url,
          create: true,
          ...options,
        });
        opened.push(store);
        return store;
      },
      async tamper(sql) {
        await database.admin.query(
          `ALTER TABLE consent_events DISABLE TRIGGER USER; ${sql}; ALTER TABLE consent_events ENABLE TRIGGER USER;`,
        );
      },
      worker: ['postgres', database.url],
      unreachable() {
        const refused = new URL(database.url);
        refused.port = '1';
        const store = createPostgresStore({
          connectionString: refused.toString(),
          timeoutMs: 2000,
        });
        opened.push(store);
        return store;
      },
      async dispose() {
        await Promise.all(opened.map((store) => store.close()));
        await database.drop();
      },
    };
  },
};

export const backends: readonly Backend[] = [memory, sqlite, postgres];
