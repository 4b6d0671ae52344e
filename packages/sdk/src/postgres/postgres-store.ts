// The public types by the package's own name, so this entry's API names them from the main entry.
import type {
  ConsentStore,
  LedgerOptions,
  ManagedConsentStore,
  PolicyDefinition,
} from '@consentry/sdk';
import pg from 'pg';
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
  type LedgerRow,
  ledgerRowValues,
  managedStoreMethods,
  planStoreCut,
  type StoreVerification,
  TamperLatch,
  toClock,
  toErasureMode,
  toKey,
} from '../ledger.js';

/** Options of `createPostgresStore`: a `pg` pool to use, or a connection string to open one with. */
export type PostgresStoreOptions<P extends PolicyDefinition = PolicyDefinition> = (
  | {
      /**
       * A node-postgres pool; the store does not end it. Give it an `'error'` listener, as
       * node-postgres asks of every pool: a connection the server ends while idle, or while
       * `pool.end()` closes it, is reported there, and without a listener it crashes the process.
       */
      readonly pool: pg.Pool;
    }
  | {
      /** A PostgreSQL connection string; the store opens its own pool and ends it on close. */
      readonly connectionString: string;
    }
) &
  LedgerOptions<P> & {
    /** Runs the schema migration when the store is missing or older (needs a role that may create tables); without it, that is an error. */
    readonly create?: boolean;
    /** How long one call may take (connecting, waiting for the append lock, querying) before it fails, in milliseconds; 5000 unless set. */
    readonly timeoutMs?: number;
  };

/** A consent store in PostgreSQL: an append-only, hash-chained history shared by any number of instances. */
export interface PostgresConsentStore extends ConsentStore, ManagedConsentStore {
  /** Ends the pool the store opened (a pool passed in stays open). */
  close(): Promise<void>;
}

/** What `migratePostgresStore` did: the schema version before and after. */
export interface PostgresMigration {
  readonly from: number;
  readonly to: number;
}

// Every append and maintenance transaction takes this advisory lock, so the chain has one head.
const chainLock = 0x436e7374;
const migrationLock = 0x436e7375;

// Each entry upgrades the schema by one version; entries are never edited once released.
const migrations: readonly string[] = [
  `
CREATE TABLE consent_events (
  seq bigint PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('decision', 'purge', 'erasure')),
  subject_id text NOT NULL,
  purpose text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('opt-in', 'opt-out', 'objection', '')),
  at text NOT NULL,
  tier text NOT NULL,
  details text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX consent_events_by_subject ON consent_events (subject_id, seq);
CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('consentry.maintenance', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only: % is refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
`,
];

// Re-applied by every migration run, so a dropped or disabled trigger comes back.
const triggerSql = `
CREATE OR REPLACE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
CREATE OR REPLACE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events
  FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only();
ALTER TABLE consent_events ENABLE TRIGGER consent_events_append_only;
ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_truncate;
`;

const columns = LEDGER_COLUMNS;

interface Row {
  readonly seq: string;
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

/** Creates or upgrades the store's schema (tables, append-only triggers) through the versioned migrations; run it as the role that owns the tables. */
export async function migratePostgresStore(
  target: pg.Pool | string,
  options: { readonly timeoutMs?: number } = {},
): Promise<PostgresMigration> {
  const pool =
    typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 1 }) : target;
  // The server may end the connection while the pool closes it (a shutdown, a dropped
  // database): the pool reports that here instead of as an uncaught exception.
  if (typeof target === 'string') pool.on('error', ignorePoolError);
  const label = typeof target === 'string' ? describeTarget(target) : 'PostgreSQL';
  try {
    return await withClient(pool, options.timeoutMs ?? 30_000, label, 'migrating', (client) =>
      migrate(client),
    );
  } finally {
    if (typeof target === 'string') {
      await pool.end();
    }
  }
}

async function migrate(client: pg.PoolClient): Promise<PostgresMigration> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${migrationLock})`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS consentry_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const from = await schemaVersion(client);
    if (from > migrations.length) {
      throw new ConsentStoreError(
        'store-failed',
        `The consent store has schema version ${from}; this SDK knows version ${migrations.length}. Upgrade @consentry/sdk.`,
      );
    }
    for (let version = from + 1; version <= migrations.length; version += 1) {
      await client.query(String(migrations[version - 1]));
      await client.query('INSERT INTO consentry_migrations (version) VALUES ($1)', [version]);
    }
    await client.query(triggerSql);
    await client.query('COMMIT');
    return { from, to: migrations.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function schemaVersion(client: pg.PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM consentry_migrations',
  );
  return Number(result.rows[0]?.version ?? 0);
}

/**
 * For pools this module creates: an idle connection the server ended (a restart, a dropped
 * database, a pool closing) is reported on the pool, and the next call fails closed on its own.
 */
function ignorePoolError(): void {}

/** Creates a consent store in PostgreSQL; it checks the schema, the append-only triggers and the whole hash chain on first use. */
export function createPostgresStore<const P extends PolicyDefinition = PolicyDefinition>(
  options: PostgresStoreOptions<P>,
): PostgresConsentStore {
  const timeoutMs = options.timeoutMs ?? 5000;
  const label =
    'connectionString' in options ? describeTarget(options.connectionString) : 'PostgreSQL';
  const key = toKey(options.key, label);
  const erasure = toErasureMode(options, label);
  const clock = toClock(options);
  const pool =
    'pool' in options
      ? options.pool
      : new pg.Pool({
          connectionString: options.connectionString,
          connectionTimeoutMillis: timeoutMs,
          query_timeout: timeoutMs,
        });
  // The pool reports a dropped idle connection here; the next call fails closed on its own.
  if (!('pool' in options)) {
    pool.on('error', ignorePoolError);
  }
  let opened: Promise<void> | undefined;
  let closed = false;
  // A failed verification is final for this store object: every later call denies.
  const latch = new TamperLatch(label);

  function run<T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withClient(pool, timeoutMs, label, action, work);
  }

  // Opens once; a failure is forgotten so the next call tries again (a database that was down may be back).
  async function ready(action: string): Promise<void> {
    if (closed) {
      throw new ConsentStoreError('store-failed', `Consent store ${label} is closed.`);
    }
    latch.assertIntact();
    opened ??= run(`opening it ${action}`, async (client) => {
      await checkSchema(client);
      latch.record(await verifyChain(client));
      latch.assertIntact();
    }).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    await opened;
  }

  async function checkSchema(client: pg.PoolClient): Promise<void> {
    const found = await client.query<{ migrations: string | null; events: string | null }>(
      "SELECT to_regclass('consentry_migrations')::text AS migrations, to_regclass('consent_events')::text AS events",
    );
    const { migrations: hasMigrations, events: hasEvents } = found.rows[0] ?? {};
    if (hasMigrations === null || hasMigrations === undefined) {
      if (hasEvents !== null && hasEvents !== undefined) {
        throw new ConsentStoreError(
          'store-not-consentry',
          `Consent store ${label}: the database has a consent_events table that Consentry did not create (no consentry_migrations table).`,
        );
      }
      if (!options.create) {
        throw new ConsentStoreError(
          'store-not-found',
          `Consent store ${label}: the database holds no Consentry store. Run migratePostgresStore, or pass create: true, to create it.`,
        );
      }
    }
    const version = hasMigrations ? await schemaVersion(client) : 0;
    const triggers = hasEvents
      ? await client.query<{ count: string }>(
          "SELECT count(*) AS count FROM pg_trigger WHERE tgrelid = 'consent_events'::regclass AND tgname IN ('consent_events_append_only', 'consent_events_no_truncate') AND tgenabled <> 'D'",
        )
      : undefined;
    const intact = Number(triggers?.rows[0]?.count ?? 0) === 2;
    if (version === migrations.length && intact) {
      return;
    }
    if (version > migrations.length) {
      throw new ConsentStoreError(
        'store-failed',
        `Consent store ${label} has schema version ${version}; this SDK knows version ${migrations.length}. Upgrade @consentry/sdk.`,
      );
    }
    if (!options.create) {
      throw new ConsentStoreError(
        'store-failed',
        version < migrations.length
          ? `Consent store ${label} has schema version ${version}; run migratePostgresStore (or pass create: true) to upgrade it to ${migrations.length}.`
          : `Consent store ${label} lacks its append-only triggers (dropped or disabled); run migratePostgresStore as the table owner to restore them.`,
      );
    }
    await migrate(client);
  }

  async function verifyChain(client: pg.PoolClient): Promise<StoreVerification> {
    // One snapshot for the whole walk, so concurrent appends or purges cannot confuse it.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const marker = await client.query<{ seq: string | null }>(
        "SELECT max(seq) AS seq FROM consent_events WHERE kind <> 'decision'",
      );
      const verifier = new ChainVerifier(key, Number(marker.rows[0]?.seq ?? 0));
      let after = 0;
      for (;;) {
        const batch = await client.query<Row>({
          text: `SELECT ${columns} FROM consent_events WHERE seq > $1 ORDER BY seq LIMIT 5000`,
          values: [after],
          query_timeout: timeoutMs,
        } as pg.QueryConfig);
        let going = true;
        for (const row of batch.rows) {
          going = verifier.push(fromRow(row));
          if (!going) {
            break;
          }
        }
        if (!going || batch.rows.length < 5000) {
          break;
        }
        after = Number(batch.rows.at(-1)?.seq);
      }
      await client.query('COMMIT');
      return verifier.finish();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  // Takes the chain lock in a READ COMMITTED transaction: each statement after the lock then sees
  // every append committed before it, whatever isolation level the database defaults to.
  async function locked<T>(
    client: pg.PoolClient,
    work: () => Promise<T>,
    maintenance = false,
  ): Promise<T> {
    await client.query(
      `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}; SELECT pg_advisory_xact_lock(${chainLock})${maintenance ? "; SELECT set_config('consentry.maintenance', 'on', true)" : ''}`,
    );
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async function insert(client: pg.PoolClient, rows: readonly LedgerRow[]): Promise<void> {
    for (const row of rows) {
      await client.query(
        `INSERT INTO consent_events (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        ledgerRowValues(row),
      );
    }
  }

  async function cut(
    action: string,
    request: (all: LedgerRow[]) => CutRequest,
  ): Promise<CutResult> {
    await ready(action);
    return run(action, (client) =>
      locked(
        client,
        async () => {
          const result = await client.query<Row>(
            `SELECT ${columns} FROM consent_events ORDER BY seq`,
          );
          const all = result.rows.map(fromRow);
          const planned = planStoreCut(key, all, request(all), clock);
          if (planned !== undefined) {
            await client.query('DELETE FROM consent_events WHERE seq = ANY($1::bigint[])', [
              [...planned.removed],
            ]);
            await insert(client, planned.rows);
          }
          return cutResult(planned);
        },
        true,
      ),
    );
  }

  return {
    async append(event) {
      checkEvent(event, label);
      await ready('to append a decision');
      await run('appending a decision', async (client) => {
        // Two round trips, and the chain lock is held only across the second: the head is read
        // by its own statement after the lock, so it sees every append committed before.
        const opening = (await client.query(
          `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}; SELECT pg_advisory_xact_lock(${chainLock}); SELECT seq, hash FROM consent_events ORDER BY seq DESC LIMIT 1`,
        )) as unknown as pg.QueryResult<{ seq: string; hash: string }>[];
        try {
          const newest = opening.at(-1)?.rows[0];
          const row = chainRow(
            key,
            newest === undefined ? undefined : { seq: Number(newest.seq), hash: newest.hash },
            decisionFields(event),
          );
          await client.query(`${insertStatement(client, row)}; COMMIT`);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      });
    },
    async read(subjectId) {
      await ready('to read decisions');
      const rows = await run('reading decisions', async (client) => {
        const result = await client.query<Row>({
          text: `SELECT ${columns} FROM consent_events WHERE subject_id = $1 AND kind = 'decision' ORDER BY seq`,
          values: [subjectId],
          query_timeout: timeoutMs,
        } as pg.QueryConfig);
        return result.rows;
      });
      return latch.events(rows.map(fromRow), key);
    },
    async verify() {
      try {
        await ready('to verify the history');
      } catch (error) {
        if (latch.failedVerification !== undefined) {
          return latch.failedVerification;
        }
        throw error;
      }
      return latch.record(await run('verifying the history', verifyChain));
    },
    ...managedStoreMethods(
      options,
      { key, erasure, clock, label },
      {
        cut,
        actions: { purge: 'purging old decisions', erase: "erasing a subject's decisions" },
      },
    ),
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      if (!('pool' in options)) {
        await pool.end();
      }
    },
  };
}

/** One row's INSERT with its values as literals, so that it can share a round trip with COMMIT. */
function insertStatement(client: pg.PoolClient, row: LedgerRow): string {
  const text = (value: string | null) => (value === null ? 'NULL' : client.escapeLiteral(value));
  const values = [
    String(Math.trunc(row.seq)),
    text(row.kind),
    text(row.subjectId),
    text(row.purpose),
    text(row.decision),
    text(row.at),
    text(row.tier),
    text(row.details),
    text(row.prevHash),
    text(row.hash),
  ];
  return `INSERT INTO consent_events (${columns}) VALUES (${values.join(', ')})`;
}

/** Borrows a connection within the timeout, runs the work, and returns the connection (destroyed after an error). */
async function withClient<T>(
  pool: pg.Pool,
  timeoutMs: number,
  label: string,
  action: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await connectWithin(pool, timeoutMs);
  } catch (error) {
    throw toStoreError(error, label, action, timeoutMs);
  }
  let failure: unknown;
  // While a connection is checked out the pool does not listen to it: an error the server sends
  // between queries (a restart, a terminated backend) would be an uncaught exception. It is
  // kept instead; the query that meets the closed connection fails, and the call denies.
  const onError = (error: Error) => {
    failure ??= error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    failure = error;
    throw toStoreError(error, label, action, timeoutMs);
  } finally {
    client.removeListener('error', onError);
    // A connection that failed mid-transaction is not trusted back into the pool.
    client.release(failure instanceof Error ? failure : undefined);
  }
}

function connectWithin(pool: pg.Pool, timeoutMs: number): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(
        Object.assign(new Error('timeout exceeded when trying to connect'), { code: 'TIMEOUT' }),
      );
    }, timeoutMs);
    pool.connect().then(
      (client) => {
        clearTimeout(timer);
        if (settled) {
          client.release();
        } else {
          resolve(client);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!settled) {
          reject(error);
        }
      },
    );
  });
}

function fromRow(row: Row): LedgerRow {
  return {
    seq: Number(row.seq),
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

/** A connection string without its password, for messages. */
function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    return url.toString();
  } catch {
    return 'PostgreSQL';
  }
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  '28000',
  '28P01',
  '3D000',
  '57P01',
  '57P03',
]);

function toStoreError(
  error: unknown,
  label: string,
  action: string,
  timeoutMs: number,
): ConsentStoreError {
  if (error instanceof ConsentStoreError) {
    return error;
  }
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const reason = error instanceof Error ? error.message : String(error);
  const make = (storeCode: ConsentStoreError['code'], text: string) =>
    new ConsentStoreError(storeCode, `Consent store ${label} ${text} (${action}).`, {
      cause: error,
    });
  if (code === 'TIMEOUT' || code === '57014' || /timeout|timed out/i.test(reason)) {
    return make('store-timeout', `did not answer within ${timeoutMs} ms: ${reason}`);
  }
  if (unreachableCodes.has(code) || /connect|Connection terminated/i.test(reason)) {
    return make('store-unreachable', `cannot be reached: ${reason}`);
  }
  if (code === '25006') {
    return make(
      'store-read-only',
      `refused to write (a read-only replica or transaction): ${reason}`,
    );
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return make('store-locked', `lost a conflict with a concurrent transaction: ${reason}`);
  }
  if (code === '42501') {
    return make(
      'store-failed',
      `refused the store's role: ${reason}; see the least-privilege roles in the SDK docs`,
    );
  }
  return make('store-failed', `failed: ${reason}`);
}
