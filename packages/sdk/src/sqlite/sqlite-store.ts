import { existsSync } from 'node:fs';
// The public types by the package's own name, so this entry's API names them from the main entry.
import type {
  ConsentStore,
  LedgerOptions,
  ManagedConsentStore,
  PolicyDefinition,
} from '@consentry/sdk';
import Database from 'better-sqlite3';
import { ConsentStoreError } from '../errors.js';
import {
  ChainVerifier,
  type CutRequest,
  type CutResult,
  chainRow,
  checkEvent,
  cutResult,
  decisionFields,
  LEDGER_COLUMNS,
  type LedgerHead,
  type LedgerRow,
  type LedgerRowValues,
  ledgerRowValues,
  managedStoreMethods,
  planStoreCut,
  type StoreVerification,
  TamperLatch,
  toClock,
  toErasureMode,
  toKey,
} from '../ledger.js';

/** Options of `createSqliteStore`: a database file to open, or a better-sqlite3 connection to use. */
export type SqliteStoreOptions<P extends PolicyDefinition = PolicyDefinition> = (
  | {
      /** Path of the SQLite file. */
      readonly file: string;
    }
  | {
      /** An open better-sqlite3 connection; the store does not close it. */
      readonly database: SqliteDatabase;
    }
) &
  LedgerOptions<P> & {
    /** How long a call waits for another connection's lock before failing, in milliseconds; 5000 unless set. */
    readonly busyTimeoutMs?: number;
    /** Creates the store when the file is missing or an empty database; without it, that is an error. */
    readonly create?: boolean;
    /** Upgrades a store written by @consentry/sdk 0.1 (schema version 1, no hash chain) in place. */
    readonly migrate?: boolean;
  };

/**
 * A better-sqlite3 connection as the store's options name it: declared here, so that an app
 * compiles without `@types/better-sqlite3` (and without `skipLibCheck`); a `Database` fits it.
 */
export interface SqliteDatabase {
  /** The file the connection opened. */
  readonly name: string;
  /** Compiles one statement. */
  prepare(source: string): unknown;
  /** Runs a PRAGMA. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Runs SQL statements without results. */
  exec(source: string): unknown;
  /** Wraps a function in a transaction. */
  transaction(fn: () => void): unknown;
  /** Closes the connection. */
  close(): unknown;
}

/** A consent store kept in SQLite: an append-only, hash-chained history of decisions, safe for several processes at once. */
export interface SqliteConsentStore extends ConsentStore, ManagedConsentStore {
  /** Closes the connection the store opened (a connection passed in stays open). */
  close(): void;
}

// SQLite's `application_id` of a Consentry store: "Cnst".
const sqliteApplicationId = 0x436e7374;
const schemaVersion = 2;

const table = `
CREATE TABLE consent_events (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'purge', 'erasure')),
  subject_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('opt-in', 'opt-out', 'objection', '')),
  at TEXT NOT NULL,
  tier TEXT NOT NULL,
  details TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX consent_events_by_subject ON consent_events (subject_id, seq);
`;

// REPLACE and INSERT OR REPLACE delete the row they replace without firing delete triggers, so
// the insert trigger refuses any row that is not after the newest one.
const triggers: Readonly<Record<string, string>> = {
  consent_events_no_update: `CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never changed');
END`,
  consent_events_no_delete: `CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never deleted');
END`,
  consent_events_append_at_end: `CREATE TRIGGER consent_events_append_at_end BEFORE INSERT ON consent_events
WHEN NEW.seq IS NULL OR NEW.seq <= coalesce((SELECT max(seq) FROM consent_events), 0)
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never replaced or inserted before the newest one');
END`,
};

interface Row {
  readonly seq: number;
  readonly kind: LedgerRow['kind'];
  readonly subject_id: string;
  readonly purpose: string;
  readonly decision: string;
  readonly at: string;
  readonly tier: string;
  readonly details: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

interface Statements {
  readonly insert: Database.Statement<LedgerRowValues>;
  readonly select: Database.Statement<[string], Row>;
  readonly head: Database.Statement<[], { seq: number; hash: string }>;
  readonly all: Database.Statement<[], Row>;
  readonly lastMarker: Database.Statement<[], { seq: number | null }>;
  readonly remove: Database.Statement<[number]>;
}

const columns = LEDGER_COLUMNS;

/** Creates a consent store in a SQLite file (WAL mode, busy timeout, an append-only hash-chained history enforced by triggers); it opens, and verifies the chain, on first use. */
export function createSqliteStore<const P extends PolicyDefinition = PolicyDefinition>(
  options: SqliteStoreOptions<P>,
): SqliteConsentStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const label = 'file' in options ? options.file : options.database.name;
  const key = toKey(options.key, label);
  const erasure = toErasureMode(options, label);
  const clock = toClock(options);
  // The connection passed in is a better-sqlite3 `Database`; its declared type only names what apps see.
  let database: Database.Database | undefined =
    'database' in options ? (options.database as Database.Database) : undefined;
  let statements: Statements | undefined;
  let closed = false;
  // A failed verification is final for this store object: every later call denies.
  const latch = new TamperLatch(label);

  // Opening lazily, and again after a failure, lets a store outlive a lock held while it was created.
  function open(action: string): Statements {
    if (closed) {
      throw new ConsentStoreError('store-failed', `Consent store ${label} is closed.`);
    }
    latch.assertIntact();
    if (statements !== undefined) {
      return statements;
    }
    try {
      if ('file' in options && database === undefined) {
        if (!options.create && !existsSync(options.file)) {
          throw new ConsentStoreError(
            'store-not-found',
            `Consent store ${label} does not exist. Pass create: true to start a new, empty history (a mistyped path must not silently allow everyone who opted out).`,
          );
        }
        database = new Database(options.file, { timeout: busyTimeoutMs });
      }
      const db = database as Database.Database;
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      // Identified before WAL mode is switched on, so another program's file is left byte for byte.
      db.transaction(() => prepareSchema(db, options, label, key)).immediate();
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && mode !== 'memory') {
        throw new ConsentStoreError(
          'store-failed',
          `Consent store ${label} cannot use WAL mode (journal mode is ${String(mode)}).`,
        );
      }
      const prepared: Statements = {
        insert: db.prepare(
          `INSERT INTO consent_events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        select: db.prepare(
          `SELECT ${columns} FROM consent_events WHERE subject_id = ? AND kind = 'decision' ORDER BY seq`,
        ),
        head: db.prepare('SELECT seq, hash FROM consent_events ORDER BY seq DESC LIMIT 1'),
        all: db.prepare(`SELECT ${columns} FROM consent_events ORDER BY seq`),
        lastMarker: db.prepare(
          "SELECT max(seq) AS seq FROM consent_events WHERE kind <> 'decision'",
        ),
        remove: db.prepare('DELETE FROM consent_events WHERE seq = ?'),
      };
      latch.record(verifyWith(prepared));
      latch.assertIntact();
      statements = prepared;
      return statements;
    } catch (error) {
      if ('file' in options && database !== undefined) {
        database.close();
        database = undefined;
      }
      throw toStoreError(error, label, action, busyTimeoutMs);
    }
  }

  function verifyWith(prepared: Statements) {
    const verifier = new ChainVerifier(key, prepared.lastMarker.get()?.seq ?? 0);
    for (const row of prepared.all.iterate()) {
      if (!verifier.push(fromRow(row))) {
        break;
      }
    }
    return verifier.finish();
  }

  function headOf(prepared: Statements): LedgerHead | undefined {
    return prepared.head.get();
  }

  function insert(prepared: Statements, row: LedgerRow): void {
    prepared.insert.run(...ledgerRowValues(row));
  }

  // Removes rows and appends the marker in one write transaction; the delete trigger is lifted
  // only inside it, so no other connection ever sees the table without it.
  function cut(action: string, request: (all: LedgerRow[]) => CutRequest): CutResult {
    const prepared = open(`while opening it ${action}`);
    const db = database as Database.Database;
    try {
      return db
        .transaction(() => {
          const all = prepared.all.all().map(fromRow);
          const planned = planStoreCut(key, all, request(all), clock);
          if (planned !== undefined) {
            db.exec('DROP TRIGGER consent_events_no_delete');
            for (const seq of planned.removed) {
              prepared.remove.run(seq);
            }
            db.exec(String(triggers.consent_events_no_delete));
            for (const row of planned.rows) {
              insert(prepared, row);
            }
          }
          return cutResult(planned);
        })
        .immediate();
    } catch (error) {
      throw toStoreError(error, label, action, busyTimeoutMs);
    }
  }

  return {
    async append(event) {
      checkEvent(event, label);
      const prepared = open('while opening it to append a decision');
      try {
        (database as Database.Database)
          .transaction(() => {
            insert(prepared, chainRow(key, headOf(prepared), decisionFields(event)));
          })
          .immediate();
      } catch (error) {
        throw toStoreError(error, label, 'while appending a decision', busyTimeoutMs);
      }
    },
    async read(subjectId) {
      const { select } = open('while opening it to read decisions');
      let rows: Row[];
      try {
        rows = select.all(subjectId);
      } catch (error) {
        throw toStoreError(error, label, 'while reading decisions', busyTimeoutMs);
      }
      return latch.events(rows.map(fromRow), key);
    },
    async verify() {
      let prepared: Statements;
      try {
        prepared = open('while opening it to verify the history');
      } catch (error) {
        if (latch.failedVerification !== undefined) {
          return latch.failedVerification;
        }
        throw error;
      }
      let result: StoreVerification;
      try {
        result = verifyWith(prepared);
      } catch (error) {
        throw toStoreError(error, label, 'while verifying the history', busyTimeoutMs);
      }
      return latch.record(result);
    },
    ...managedStoreMethods(
      options,
      { key, erasure, clock, label },
      {
        cut,
        actions: { purge: 'to purge old decisions', erase: "to erase a subject's decisions" },
      },
    ),
    close() {
      closed = true;
      statements = undefined;
      if ('file' in options) {
        database?.close();
        database = undefined;
      }
    },
  };
}

/** Checks that the database is a Consentry store (creating or migrating it when asked), and restores dropped triggers. */
function prepareSchema(
  db: Database.Database,
  options: SqliteStoreOptions,
  label: string,
  key: Uint8Array | undefined,
): void {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const version = Number(db.pragma('user_version', { simple: true }));
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all()
    .map((row) => row.name);
  if (applicationId === 0 && version === 0 && tables.length === 0) {
    if (!options.create) {
      throw new ConsentStoreError(
        'store-not-consentry',
        `Consent store ${label} is an empty database, not a Consentry store. Pass create: true to start a new, empty history there.`,
      );
    }
    db.exec(table);
    db.pragma(`application_id = ${sqliteApplicationId}`);
    db.pragma(`user_version = ${schemaVersion}`);
  } else if (applicationId === 0 && version === 1 && tables.includes('consent_events')) {
    if (!options.migrate) {
      throw new ConsentStoreError(
        'store-failed',
        `Consent store ${label} has schema version 1 (written by @consentry/sdk 0.1, without a hash chain). Open it once with migrate: true to upgrade it.`,
      );
    }
    migrateFromVersion1(db, key);
  } else if (applicationId !== sqliteApplicationId) {
    throw new ConsentStoreError(
      'store-not-consentry',
      `Consent store ${label} is not a Consentry store (application_id ${applicationId}, user_version ${version}); it may be another program's database.`,
    );
  } else if (version > schemaVersion) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label} has schema version ${version}; this SDK reads version ${schemaVersion}. Upgrade @consentry/sdk.`,
    );
  } else if (version !== schemaVersion || !tables.includes('consent_events')) {
    throw new ConsentStoreError(
      'store-corrupt',
      `Consent store ${label} is a Consentry store without its consent_events table or with an unknown schema version ${version}.`,
    );
  }
  const present = new Map(
    db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'consent_events'",
      )
      .all()
      .map((row) => [row.name, row.sql]),
  );
  for (const [name, sql] of Object.entries(triggers)) {
    if (present.get(name) !== sql) {
      db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      db.exec(sql);
    }
  }
}

// Version 1 kept the same decisions without hashes; they are chained as they stand, in order.
function migrateFromVersion1(db: Database.Database, key: Uint8Array | undefined): void {
  const old = db
    .prepare<[], Omit<Row, 'kind' | 'prev_hash' | 'hash'>>(
      'SELECT seq, subject_id, purpose, decision, at, tier, details FROM consent_events ORDER BY seq',
    )
    .all();
  db.exec('ALTER TABLE consent_events RENAME TO consent_events_v1');
  db.exec('DROP INDEX IF EXISTS consent_events_by_subject');
  for (const name of ['consent_events_no_update', 'consent_events_no_delete']) {
    db.exec(`DROP TRIGGER IF EXISTS ${name}`);
  }
  db.exec(table);
  const insert = db.prepare<LedgerRowValues>(
    `INSERT INTO consent_events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let head: LedgerHead | undefined;
  for (const row of old) {
    const chained = chainRow(key, head, {
      kind: 'decision',
      subjectId: row.subject_id,
      purpose: row.purpose,
      decision: row.decision,
      at: row.at,
      tier: row.tier,
      details: row.details,
    });
    insert.run(...ledgerRowValues(chained));
    head = { seq: chained.seq, hash: chained.hash };
  }
  db.exec('DROP TABLE consent_events_v1');
  db.pragma(`application_id = ${sqliteApplicationId}`);
  db.pragma(`user_version = ${schemaVersion}`);
}

function fromRow(row: Row): LedgerRow {
  return {
    seq: row.seq,
    kind: row.kind,
    subjectId: row.subject_id,
    purpose: row.purpose,
    decision: row.decision,
    at: row.at,
    tier: row.tier,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toStoreError(
  error: unknown,
  label: string,
  action: string,
  busyTimeoutMs: number,
): ConsentStoreError {
  if (error instanceof ConsentStoreError) {
    return error;
  }
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const reason = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ConsentStoreError(
      'store-locked',
      `Consent store ${label} is locked by another connection: gave up after ${busyTimeoutMs} ms (${action}).`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new ConsentStoreError(
      'store-corrupt',
      `Consent store ${label} is damaged or not a SQLite database: ${reason} (${action}).`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new ConsentStoreError(
      'store-read-only',
      `Consent store ${label} is read-only: ${reason} (${action}).`,
      { cause: error },
    );
  }
  return new ConsentStoreError(
    'store-failed',
    `Consent store ${label} failed: ${reason} (${action}).`,
    { cause: error },
  );
}
