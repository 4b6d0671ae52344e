import { createHash, createHmac } from 'node:crypto';
import { subtractDuration } from './duration.js';
import { ConsentStoreError } from './errors.js';
import type { PolicyDefinition } from './policy.js';
import {
  type ConsentChoice,
  type ConsentEvent,
  type ConsentEventDetails,
  consentChoices,
} from './store.js';

/** What a row of the history records: a subject's decision, or a marker left by a purge or an erasure. */
export type LedgerRowKind = 'decision' | 'purge' | 'erasure';

/** One row of a store's hash-chained history, as every store keeps it. */
export interface LedgerRow {
  /** Position in the history: 1 for the first row, then one more for each appended row. */
  readonly seq: number;
  readonly kind: LedgerRowKind;
  /** The subject's id (a pseudonym after a keyed erasure); empty for markers. */
  readonly subjectId: string;
  /** Empty for markers. */
  readonly purpose: string;
  /** Empty for markers. */
  readonly decision: string;
  readonly at: string;
  /** Empty for markers. */
  readonly tier: string;
  /** The decision's details, or the marker's account of what it removed, as JSON. */
  readonly details: string | null;
  /** The hash of the row before this one when it was appended. */
  readonly prevHash: string;
  /** SHA-256 (or HMAC-SHA256 with the store's key) over this row's fields and `prevHash`. */
  readonly hash: string;
}

/** The newest row of a history: what to record elsewhere to detect a history cut short later. */
export interface LedgerHead {
  readonly seq: number;
  readonly hash: string;
}

/** What `verify()` found: an intact chain and its head, or the first row that breaks it. */
export type StoreVerification =
  | {
      readonly ok: true;
      /** How many rows (decisions and markers) the history holds. */
      readonly rows: number;
      /** The newest row, or undefined for an empty history. */
      readonly head: LedgerHead | undefined;
    }
  | {
      readonly ok: false;
      /** The `seq` of the first row that fails verification. */
      readonly seq: number;
      /** What is wrong with it. */
      readonly problem: string;
    };

/** What `purge` did. */
export interface PurgeResult {
  /** How many decisions it removed. */
  readonly removed: number;
  /** The `seq` of the purge marker it appended, or undefined when there was nothing to remove. */
  readonly markerSeq: number | undefined;
}

/** What `eraseSubject` did. */
export interface ErasureResult {
  /** How many of the subject's decisions it removed. */
  readonly removed: number;
  /** The keyed pseudonym the decisions are now kept under, when the store keeps proof of consent. */
  readonly pseudonym: string | undefined;
}

/** How a store answers an Art. 17 erasure request: remove the events, or keep them under a keyed pseudonym as proof of consent (Art. 7(1)). */
export type ErasureMode = 'delete' | 'pseudonymise';

/** Options every store shares, checked against the policy: one that declares `pseudonymise` erasure needs `key` (or `erasure: 'delete'` to override it). */
export type LedgerOptions<P extends PolicyDefinition = PolicyDefinition> = LedgerBaseOptions<P> &
  KeyFor<P>;

/** A policy that declares pseudonymise erasure makes the key required, unless the store overrides the mode. */
export type KeyFor<P> = P extends { readonly consentRecords: { readonly erasure: 'pseudonymise' } }
  ? { readonly key: string | Uint8Array } | { readonly erasure: 'delete' }
  : unknown;

/** The options every store shares, before the policy's check. */
export interface LedgerBaseOptions<P extends PolicyDefinition = PolicyDefinition> {
  /** Secret for HMAC-SHA256 chain hashes and erasure pseudonyms; at least 32 bytes. Without it the chain is plain SHA-256. */
  readonly key?: string | Uint8Array | undefined;
  /** The policy whose `consentRecords` set the retention `purge()` applies and the mode `eraseSubject` uses. */
  readonly policy?: P | undefined;
  /** What `eraseSubject` does, overriding the policy's `consentRecords.erasure`: `delete` (the default) or `pseudonymise` (needs `key`). */
  readonly erasure?: ErasureMode | undefined;
  /** The time now, for the retention cutoff and the markers' times; defaults to the system clock. */
  readonly clock?: (() => Date) | undefined;
}

/** What `purge` takes: a cutoff, or nothing to apply the retention the policy declares. */
export interface PurgeOptions {
  /** Removes decisions replaced before this time; without it, the cutoff is the clock's time minus the policy's `consentRecords.retention`. */
  readonly before?: Date | string | undefined;
}

/** A consent store that keeps a tamper-evident history and supports retention and erasure. */
export interface ManagedConsentStore {
  /** Checks the whole hash chain; a failure also makes every later call of this store fail, so checks deny. */
  verify(): Promise<StoreVerification>;
  /** Removes decisions replaced by a later decision on the same purpose before the cutoff (each subject's latest decision per purpose stays), and appends a purge marker. */
  purge(options?: PurgeOptions): Promise<PurgeResult>;
  /** Removes a subject's decisions (or keeps them under a keyed pseudonym, per the policy's `consentRecords.erasure` or the store's `erasure` option) and appends an erasure marker. */
  eraseSubject(subjectId: string): Promise<ErasureResult>;
  /** The keyed pseudonym `eraseSubject` gives a subject in `pseudonymise` mode, to find its proof of consent. */
  pseudonymOf(subjectId: string): string;
}

export const genesisHash = '0'.repeat(64);
const hashFormat = 'consentry-chain/1';

/** The columns of the consent-events table, in the order `ledgerRowValues` gives them. */
export const LEDGER_COLUMNS =
  'seq, kind, subject_id, purpose, decision, at, tier, details, prev_hash, hash';

/** A row's values in the order of `LEDGER_COLUMNS`. */
export type LedgerRowValues = [
  seq: number,
  kind: string,
  subjectId: string,
  purpose: string,
  decision: string,
  at: string,
  tier: string,
  details: string | null,
  prevHash: string,
  hash: string,
];

/** A row's values in the order of `LEDGER_COLUMNS`, for an INSERT. */
export function ledgerRowValues(row: LedgerRow): LedgerRowValues {
  return [
    row.seq,
    row.kind,
    row.subjectId,
    row.purpose,
    row.decision,
    row.at,
    row.tier,
    row.details,
    row.prevHash,
    row.hash,
  ];
}

/** The fields of a row that its hash covers. */
export type UnhashedRow = Omit<LedgerRow, 'hash'>;

/** Computes a row's hash from its fields and the previous row's hash. */
export function hashRow(key: Uint8Array | undefined, row: UnhashedRow): string {
  const canonical = JSON.stringify([
    hashFormat,
    row.seq,
    row.kind,
    row.subjectId,
    row.purpose,
    row.decision,
    row.at,
    row.tier,
    row.details,
    row.prevHash,
  ]);
  return (key === undefined ? createHash('sha256') : createHmac('sha256', key))
    .update(canonical)
    .digest('hex');
}

/** Checks the store's key option and turns it into bytes. */
export function toKey(key: string | Uint8Array | undefined, label: string): Uint8Array | undefined {
  if (key === undefined) {
    return undefined;
  }
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  if (bytes.byteLength < 32) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: the key must be at least 32 bytes (got ${bytes.byteLength}).`,
    );
  }
  return bytes;
}

/** Checks the erasure mode (the store's option, else the policy's, else delete) against the key. */
export function toErasureMode(options: LedgerBaseOptions, label: string): ErasureMode {
  const declared = options.policy?.consentRecords?.erasure;
  const mode = options.erasure ?? declared ?? 'delete';
  const origin =
    options.erasure === undefined && declared !== undefined
      ? 'the policy declares consentRecords.erasure'
      : 'erasure';
  if (mode !== 'delete' && mode !== 'pseudonymise') {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: ${origin} must be "delete" or "pseudonymise", not "${String(mode)}".`,
    );
  }
  if (mode === 'pseudonymise' && options.key === undefined) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: ${origin} "pseudonymise", which needs a key (the key option, at least 32 bytes), so that a pseudonym cannot be recomputed from a guessed id.`,
    );
  }
  return mode;
}

/** The clock a store reads: its `clock` option, or the system clock. */
export function toClock(options: LedgerBaseOptions): () => Date {
  return options.clock ?? (() => new Date());
}

/** A purge's cutoff, checked: the `before` given, or the clock's time minus the policy's retention of consent records. */
export function purgeCutoff(
  options: LedgerBaseOptions,
  purge: PurgeOptions | undefined,
  now: Date,
  label: string,
): { readonly cutoff: Date; readonly retention?: string } {
  if (purge?.before !== undefined) {
    return { cutoff: toCutoff(purge.before, label) };
  }
  const retention = options.policy?.consentRecords?.retention;
  if (retention === undefined) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: purge() needs a "before" date, or a policy that declares consentRecords.retention (pass it as the store's policy option).`,
    );
  }
  const cutoff = Number.isNaN(now.getTime()) ? undefined : subtractDuration(now, retention);
  if (cutoff === undefined) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: the policy's consentRecords.retention "${retention}" is not an ISO 8601 duration such as P3Y, or the clock gave no valid time.`,
    );
  }
  return { cutoff, retention };
}

/** The keyed pseudonym of a subject id. */
export function pseudonymFor(key: Uint8Array | undefined, subjectId: string): string {
  if (key === undefined) {
    throw new ConsentStoreError(
      'store-failed',
      'A keyed pseudonym needs the store to be created with a key.',
    );
  }
  return `pseudonym:${createHmac('sha256', key).update(`subject\u0000${subjectId}`).digest('hex')}`;
}

/** Builds the next row of the chain after `head`. */
export function chainRow(
  key: Uint8Array | undefined,
  head: LedgerHead | undefined,
  fields: Omit<UnhashedRow, 'seq' | 'prevHash'>,
): LedgerRow {
  const unhashed: UnhashedRow = {
    ...fields,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? genesisHash,
  };
  return { ...unhashed, hash: hashRow(key, unhashed) };
}

/** The row fields of a decision. */
export function decisionFields(event: ConsentEvent): Omit<UnhashedRow, 'seq' | 'prevHash'> {
  return {
    kind: 'decision',
    subjectId: event.subjectId,
    purpose: event.purpose,
    decision: event.decision,
    at: event.at,
    tier: event.tier,
    details: event.details === undefined ? null : JSON.stringify(event.details),
  };
}

/** Checks an event before it is stored, so that no store accepts what it could not read back. */
export function checkEvent(event: ConsentEvent, label: string): void {
  const strings = ['subjectId', 'purpose', 'at', 'tier'] as const;
  for (const field of strings) {
    if (typeof event?.[field] !== 'string') {
      throw new ConsentStoreError(
        'store-failed',
        `Consent store ${label} refused an event whose ${field} is not a string.`,
      );
    }
  }
  if (event.subjectId === '' || event.purpose === '') {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label} refused an event without a subject id or purpose.`,
    );
  }
  if (!consentChoices.includes(event.decision)) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label} refused the unknown decision "${String(event.decision)}".`,
    );
  }
}

/** Turns a stored decision row back into an event, checking its hash first. */
export function toEvent(row: LedgerRow, key: Uint8Array | undefined, label: string): ConsentEvent {
  if (row.kind !== 'decision' || hashRow(key, row) !== row.hash) {
    throw tamperedError(label, row.seq, 'its hash does not match its contents');
  }
  return parseEvent(row, label);
}

function parseEvent(row: LedgerRow, label: string): ConsentEvent {
  if (!consentChoices.includes(row.decision as ConsentChoice)) {
    throw new ConsentStoreError(
      'store-corrupt',
      `Consent store ${label} holds an unknown decision "${row.decision}" at row ${row.seq}.`,
    );
  }
  let details: ConsentEventDetails | undefined;
  if (row.details !== null) {
    try {
      details = JSON.parse(row.details) as ConsentEventDetails;
    } catch (error) {
      throw new ConsentStoreError(
        'store-corrupt',
        `Consent store ${label} holds decision details that are not JSON at row ${row.seq}.`,
        { cause: error },
      );
    }
  }
  return Object.freeze({
    subjectId: row.subjectId,
    purpose: row.purpose,
    decision: row.decision as ConsentChoice,
    at: row.at,
    tier: row.tier,
    ...(details === undefined ? {} : { details: Object.freeze(details) }),
  });
}

/** The error a store raises, and keeps raising, once its history failed verification. */
export function tamperedError(label: string, seq: number, problem: string): ConsentStoreError {
  return new ConsentStoreError(
    'store-tampered',
    `Consent store ${label} failed verification at row ${seq}: ${problem}. Every check denies until the history is restored from a backup.`,
  );
}

interface MarkerBody {
  readonly before?: string;
  readonly retention?: string;
  readonly removed: number;
  readonly kept: number;
  readonly keptDigest: string;
}

/**
 * Verifies a chain streamed in `seq` order. Rows up to the newest marker may have gaps (a purge or
 * erasure removed rows there), so they are checked one by one and, together, against the digest
 * the marker recorded; every later row must link to the one before it.
 */
export class ChainVerifier {
  private readonly key: Uint8Array | undefined;
  private readonly lastMarkerSeq: number;
  private previous: LedgerRow | undefined;
  private rows = 0;
  private regionCount = 0;
  private readonly regionDigest = createHash('sha256');
  private failure: { seq: number; problem: string } | undefined;

  /** `lastMarkerSeq` is the `seq` of the newest purge or erasure marker, 0 when there is none. */
  constructor(key: Uint8Array | undefined, lastMarkerSeq: number) {
    this.key = key;
    this.lastMarkerSeq = lastMarkerSeq;
  }

  /** Takes the next row; returns false once a row failed (the rest need not be read). */
  push(row: LedgerRow): boolean {
    if (this.failure !== undefined) {
      return false;
    }
    const previous = this.previous;
    this.previous = row;
    this.rows += 1;
    const fail = (problem: string) => {
      this.failure = { seq: row.seq, problem };
      return false;
    };
    if (!Number.isSafeInteger(row.seq) || row.seq <= (previous?.seq ?? 0)) {
      return fail('its position is out of order');
    }
    if (hashRow(this.key, row) !== row.hash) {
      return fail(
        row.seq === 1 && previous === undefined
          ? 'its hash does not match its contents (or the store is opened with another key than the one that wrote it)'
          : 'its hash does not match its contents',
      );
    }
    if (row.kind !== 'decision') {
      const body = parseMarker(row.details);
      if (body === undefined) {
        return fail('it is a marker without a readable account of what it removed');
      }
      if (row.seq === this.lastMarkerSeq) {
        if (body.kept !== this.regionCount || body.keptDigest !== this.regionDigest.digest('hex')) {
          return fail(
            `the ${this.regionCount} rows before this ${row.kind} marker are not the ${body.kept} rows it kept: a row before it was removed, added or changed`,
          );
        }
        return true;
      }
    } else if (!consentChoices.includes(row.decision as ConsentChoice)) {
      return fail(`it holds an unknown decision "${row.decision}"`);
    }
    const contiguous = row.seq === (previous?.seq ?? 0) + 1;
    const expectedPrev = previous?.hash ?? genesisHash;
    if (row.seq < this.lastMarkerSeq) {
      this.regionCount += 1;
      this.regionDigest.update(`${row.seq}:${row.hash}\n`);
      if (contiguous && row.prevHash !== expectedPrev) {
        return fail('it does not link to the row before it');
      }
      return true;
    }
    if (!contiguous) {
      return fail(`row ${(previous?.seq ?? 0) + 1} before it is missing`);
    }
    if (row.prevHash !== expectedPrev) {
      return fail('it does not link to the row before it: a row before it was changed');
    }
    return true;
  }

  /** The verdict over every row pushed. */
  finish(): StoreVerification {
    if (this.failure !== undefined) {
      return { ok: false, ...this.failure };
    }
    if (this.lastMarkerSeq > 0 && (this.previous?.seq ?? 0) < this.lastMarkerSeq) {
      return { ok: false, seq: this.lastMarkerSeq, problem: 'the marker row is missing' };
    }
    const head = this.previous === undefined ? undefined : toHead(this.previous);
    return { ok: true, rows: this.rows, head };
  }
}

function toHead(row: LedgerRow): LedgerHead {
  return { seq: row.seq, hash: row.hash };
}

function parseMarker(details: string | null): MarkerBody | undefined {
  if (details === null) {
    return undefined;
  }
  try {
    const body = JSON.parse(details) as Partial<MarkerBody> | null;
    if (
      typeof body?.kept === 'number' &&
      typeof body.removed === 'number' &&
      typeof body.keptDigest === 'string'
    ) {
      return body as MarkerBody;
    }
  } catch {
    // Falls through to "unreadable".
  }
  return undefined;
}

/** Verifies a whole history held in memory. */
export function verifyRows(
  key: Uint8Array | undefined,
  rows: Iterable<LedgerRow>,
  lastMarkerSeq: number,
): StoreVerification {
  const verifier = new ChainVerifier(key, lastMarkerSeq);
  for (const row of rows) {
    if (!verifier.push(row)) {
      break;
    }
  }
  return verifier.finish();
}

/**
 * Which rows a purge removes: decisions replaced, before the cutoff, by a later decision of the same
 * subject on the same purpose. Counting from the replacement keeps the proof of a consent for the
 * whole retention period after it stopped being in force, and the latest decision is never removed.
 */
export function rowsToPurge(rows: readonly LedgerRow[], before: Date): Set<number> {
  const cutoff = before.getTime();
  const previous = new Map<string, LedgerRow>();
  const removed = new Set<number>();
  for (const row of rows) {
    if (row.kind !== 'decision') {
      continue;
    }
    const key = JSON.stringify([row.subjectId, row.purpose]);
    const replaced = previous.get(key);
    const replacedAt = Date.parse(row.at);
    // An unreadable time is never "old enough": keeping a decision is the safe side.
    if (replaced !== undefined && !Number.isNaN(replacedAt) && replacedAt < cutoff) {
      removed.add(replaced.seq);
    }
    previous.set(key, row);
  }
  return removed;
}

/** What a marker records besides its account of the rows: a purge's cutoff and the retention it applied. */
export interface MarkerExtra {
  readonly before?: string;
  readonly retention?: string;
}

/** Builds the marker that accounts for removing `removed` from `rows` (the whole history, in order). */
export function markerRow(
  key: Uint8Array | undefined,
  rows: readonly LedgerRow[],
  removed: ReadonlySet<number>,
  kind: 'purge' | 'erasure',
  at: string,
  extra: MarkerExtra,
): LedgerRow {
  const digest = createHash('sha256');
  let kept = 0;
  for (const row of rows) {
    if (!removed.has(row.seq)) {
      kept += 1;
      digest.update(`${row.seq}:${row.hash}\n`);
    }
  }
  const body: MarkerBody = {
    ...extra,
    removed: removed.size,
    kept,
    keptDigest: digest.digest('hex'),
  };
  const last = rows.at(-1);
  return chainRow(key, last === undefined ? undefined : toHead(last), {
    kind,
    subjectId: '',
    purpose: '',
    decision: '',
    at,
    tier: '',
    details: JSON.stringify(body),
  });
}

/** The cutoff of a purge, checked. */
export function toCutoff(before: Date | string, label: string): Date {
  const cutoff = before instanceof Date ? before : new Date(before);
  if (Number.isNaN(cutoff.getTime())) {
    throw new ConsentStoreError(
      'store-failed',
      `Consent store ${label}: purge needs a valid "before" date, got ${String(before)}.`,
    );
  }
  return cutoff;
}

/**
 * Plans a purge or erasure over the whole history: the rows to remove, the marker, and for a keyed
 * erasure the subject's decisions re-appended under its pseudonym after the marker.
 */
export function planCut(
  key: Uint8Array | undefined,
  rows: readonly LedgerRow[],
  removed: ReadonlySet<number>,
  kind: 'purge' | 'erasure',
  at: string,
  extra: MarkerExtra,
  reappend: readonly ConsentEvent[] = [],
): { readonly marker: LedgerRow; readonly appended: readonly LedgerRow[] } {
  const marker = markerRow(key, rows, removed, kind, at, extra);
  const appended: LedgerRow[] = [];
  let head: LedgerHead = toHead(marker);
  for (const event of reappend) {
    const row = chainRow(key, head, decisionFields(event));
    appended.push(row);
    head = toHead(row);
  }
  return { marker, appended };
}

/** The subject's decisions as kept under a pseudonym: the decision, purpose, tier, time and how it was made, without the subject's own words. */
export function pseudonymised(rows: readonly LedgerRow[], pseudonym: string): ConsentEvent[] {
  return rows.map((row) => {
    const event = parseEvent(row, 'being erased');
    const { reason: _reason, ...details } = event.details ?? {};
    return {
      ...event,
      subjectId: pseudonym,
      ...(event.details === undefined ? {} : { details }),
    };
  });
}

/** What a purge or an erasure asks of the whole history: the rows to remove and the marker to append. */
export interface CutRequest {
  readonly removed: ReadonlySet<number>;
  readonly kind: 'purge' | 'erasure';
  readonly extra: MarkerExtra;
  readonly reappend?: readonly ConsentEvent[];
}

/** A cut to write in one transaction: delete `removed`, then append `rows` (the marker first). */
export interface PlannedCut {
  readonly removed: ReadonlySet<number>;
  readonly rows: readonly LedgerRow[];
  readonly markerSeq: number;
}

/** Plans a cut over the whole history, or undefined when it removes nothing (the clock is read only then). */
export function planStoreCut(
  key: Uint8Array | undefined,
  all: readonly LedgerRow[],
  request: CutRequest,
  clock: () => Date,
): PlannedCut | undefined {
  const { removed, kind, extra, reappend } = request;
  if (removed.size === 0) {
    return undefined;
  }
  const { marker, appended } = planCut(
    key,
    all,
    removed,
    kind,
    clock().toISOString(),
    extra,
    reappend,
  );
  return { removed, rows: [marker, ...appended], markerSeq: marker.seq };
}

/** What a store's cut reports: how many rows it removed and the marker's `seq`. */
export interface CutResult {
  readonly removed: number;
  readonly markerSeq: number | undefined;
}

/** What a cut did, from its plan (nothing removed when there was none). */
export function cutResult(planned: PlannedCut | undefined): CutResult {
  return planned === undefined
    ? { removed: 0, markerSeq: undefined }
    : { removed: planned.removed.size, markerSeq: planned.markerSeq };
}

/**
 * A store's verification state: a failed verification, or a tampered row read, is final for the
 * store object, so every later call denies.
 */
export class TamperLatch {
  #tampered: ConsentStoreError | undefined;
  #failed: StoreVerification | undefined;

  constructor(private readonly label: string) {}

  /** The failed verification, to return again when the store cannot be opened. */
  get failedVerification(): StoreVerification | undefined {
    return this.#failed;
  }

  /** Throws the tamper error once the history failed verification. */
  assertIntact(): void {
    if (this.#tampered !== undefined) {
      throw this.#tampered;
    }
  }

  /** Keeps a verification's outcome; a failure latches. */
  record(result: StoreVerification): StoreVerification {
    if (!result.ok) {
      this.#failed = result;
      this.#tampered = tamperedError(this.label, result.seq, result.problem);
    }
    return result;
  }

  /** Reads decision rows as events; a row whose hash does not match latches. */
  events(rows: readonly LedgerRow[], key: Uint8Array | undefined): ConsentEvent[] {
    try {
      return rows.map((row) => toEvent(row, key, this.label));
    } catch (error) {
      if (error instanceof ConsentStoreError && error.code === 'store-tampered') {
        this.#tampered = error;
      }
      throw error;
    }
  }
}

/** The store's own transaction for a cut, and the words its messages name each kind by. */
export interface StoreCutter {
  cut(action: string, request: (all: LedgerRow[]) => CutRequest): CutResult | Promise<CutResult>;
  readonly actions: { readonly purge: string; readonly erase: string };
}

/** `purge`, `eraseSubject` and `pseudonymOf` as every store has them, over its own cut. */
export function managedStoreMethods(
  options: LedgerBaseOptions,
  ledger: {
    readonly key: Uint8Array | undefined;
    readonly erasure: ErasureMode;
    readonly clock: () => Date;
    readonly label: string;
  },
  store: StoreCutter,
): Pick<ManagedConsentStore, 'purge' | 'eraseSubject' | 'pseudonymOf'> {
  const { key, erasure, clock, label } = ledger;
  return {
    async purge(purgeOptions) {
      const { cutoff, retention } = purgeCutoff(options, purgeOptions, clock(), label);
      return store.cut(store.actions.purge, (all) => ({
        removed: rowsToPurge(all, cutoff),
        kind: 'purge',
        extra: { before: cutoff.toISOString(), ...(retention === undefined ? {} : { retention }) },
      }));
    },
    async eraseSubject(subjectId) {
      const pseudonym = erasure === 'pseudonymise' ? pseudonymFor(key, subjectId) : undefined;
      const { removed } = await store.cut(store.actions.erase, (all) => {
        const own = all.filter((row) => row.kind === 'decision' && row.subjectId === subjectId);
        return {
          removed: new Set(own.map((row) => row.seq)),
          kind: 'erasure',
          extra: {},
          reappend: pseudonym === undefined ? [] : pseudonymised(own, pseudonym),
        };
      });
      return { removed, pseudonym: removed === 0 ? undefined : pseudonym };
    },
    pseudonymOf(subjectId) {
      return pseudonymFor(key, subjectId);
    },
  };
}
