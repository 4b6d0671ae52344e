import Database from 'better-sqlite3';
import { ConsentStoreError } from '../errors.js';
import {
  type ConsentChoice,
  type ConsentEvent,
  type ConsentEventDetails,
  type ConsentStore,
  consentChoices,
} from '../store.js';

/** Options of `createSqliteStore`: a database file to open, or a better-sqlite3 connection to use. */
export type SqliteStoreOptions = (
  | {
      /** Path of the SQLite file; created when missing. */
      readonly file: string;
    }
  | {
      /** An open better-sqlite3 connection; the store does not close it. */
      readonly database: SqliteDatabase;
    }
) & {
  /** How long a call waits for another connection's lock before failing, in milliseconds; 5000 unless set. */
  readonly busyTimeoutMs?: number;
};

/**
 * The part of a better-sqlite3 connection the store uses, declared here so that an app compiles
 * without `@types/better-sqlite3` (and without `skipLibCheck`); a `Database` instance fits it.
 */
export interface SqliteDatabase {
  /** The file the connection opened. */
  readonly name: string;
  /** Runs a PRAGMA; with `simple`, returns the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Runs SQL statements without results. */
  exec(source: string): unknown;
  /** Compiles one statement. */
  prepare(source: string): SqliteStatement;
  /** Wraps a function in a transaction; `immediate()` runs it under BEGIN IMMEDIATE. */
  transaction(fn: () => void): { immediate(): void };
  /** Closes the connection. */
  close(): unknown;
}

/** The part of a better-sqlite3 prepared statement the store uses. */
export interface SqliteStatement {
  /** Runs the statement with the parameters bound in order. */
  run(...parameters: unknown[]): unknown;
  /** Runs the statement and returns every row. */
  all(...parameters: unknown[]): unknown[];
}

/** A consent store kept in SQLite: an append-only history of decisions, safe for several processes at once. */
export interface SqliteConsentStore extends ConsentStore {
  /** Closes the connection the store opened (a connection passed in stays open). */
  close(): void;
}

const schemaVersion = 1;

const schema = `
CREATE TABLE IF NOT EXISTS consent_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('opt-in', 'opt-out', 'objection')),
  at TEXT NOT NULL,
  tier TEXT NOT NULL,
  details TEXT
);
CREATE INDEX IF NOT EXISTS consent_events_by_subject ON consent_events (subject_id, seq);
CREATE TRIGGER IF NOT EXISTS consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never changed');
END;
CREATE TRIGGER IF NOT EXISTS consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only: a decision is never deleted');
END;
`;

interface Row {
  readonly subject_id: string;
  readonly purpose: string;
  readonly decision: string;
  readonly at: string;
  readonly tier: string;
  readonly details: string | null;
}

interface Statements {
  readonly insert: SqliteStatement;
  readonly select: SqliteStatement;
}

/** Creates a consent store in a SQLite file (WAL mode, busy timeout, append-only history enforced by triggers); it opens on first use. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteConsentStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const label = 'file' in options ? options.file : options.database.name;
  let database: SqliteDatabase | undefined = 'database' in options ? options.database : undefined;
  let statements: Statements | undefined;
  let closed = false;

  // Opening lazily, and again after a failure, lets a store outlive a lock held while it was created.
  function open(action: string): Statements {
    if (closed) {
      throw new ConsentStoreError('store-failed', `Consent store ${label} is closed.`);
    }
    if (statements !== undefined) {
      return statements;
    }
    try {
      database ??= new Database((options as { file: string }).file, { timeout: busyTimeoutMs });
      database.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      const mode = database.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && mode !== 'memory') {
        throw new ConsentStoreError(
          'store-failed',
          `Consent store ${label} cannot use WAL mode (journal mode is ${String(mode)}).`,
        );
      }
      const version = Number(database.pragma('user_version', { simple: true }));
      if (version > schemaVersion) {
        throw new ConsentStoreError(
          'store-failed',
          `Consent store ${label} has schema version ${version}; this SDK reads version ${schemaVersion}. Upgrade @consentry/sdk.`,
        );
      }
      if (version < schemaVersion) {
        database
          .transaction(() => {
            database?.exec(schema);
            database?.pragma(`user_version = ${schemaVersion}`);
          })
          .immediate();
      }
      statements = {
        insert: database.prepare(
          'INSERT INTO consent_events (subject_id, purpose, decision, at, tier, details) VALUES (?, ?, ?, ?, ?, ?)',
        ),
        select: database.prepare(
          'SELECT subject_id, purpose, decision, at, tier, details FROM consent_events WHERE subject_id = ? ORDER BY seq',
        ),
      };
      return statements;
    } catch (error) {
      if ('file' in options && database !== undefined) {
        database.close();
        database = undefined;
      }
      throw toStoreError(error, label, action, busyTimeoutMs);
    }
  }

  return {
    async append(event) {
      const { insert } = open('while opening it to append a decision');
      try {
        insert.run(
          event.subjectId,
          event.purpose,
          event.decision,
          event.at,
          event.tier,
          event.details === undefined ? null : JSON.stringify(event.details),
        );
      } catch (error) {
        throw toStoreError(error, label, 'while appending a decision', busyTimeoutMs);
      }
    },
    async read(subjectId) {
      const { select } = open('while opening it to read decisions');
      let rows: Row[];
      try {
        rows = select.all(subjectId) as Row[];
      } catch (error) {
        throw toStoreError(error, label, 'while reading decisions', busyTimeoutMs);
      }
      return rows.map((row) => toEvent(row, label));
    },
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

function toEvent(row: Row, label: string): ConsentEvent {
  if (!consentChoices.includes(row.decision as ConsentChoice)) {
    throw new ConsentStoreError(
      'store-corrupt',
      `Consent store ${label} holds an unknown decision "${row.decision}".`,
    );
  }
  let details: ConsentEventDetails | undefined;
  if (row.details !== null) {
    try {
      details = JSON.parse(row.details) as ConsentEventDetails;
    } catch (error) {
      throw new ConsentStoreError(
        'store-corrupt',
        `Consent store ${label} holds decision details that are not JSON.`,
        { cause: error },
      );
    }
  }
  return Object.freeze({
    subjectId: row.subject_id,
    purpose: row.purpose,
    decision: row.decision as ConsentChoice,
    at: row.at,
    tier: row.tier,
    ...(details === undefined ? {} : { details: Object.freeze(details) }),
  });
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
  return new ConsentStoreError(
    'store-failed',
    `Consent store ${label} failed: ${reason} (${action}).`,
    { cause: error },
  );
}
