import type { ConsentStoreError } from './errors.js';
import {
  ChainVerifier,
  chainRow,
  checkEvent,
  decisionFields,
  type LedgerOptions,
  type LedgerRow,
  type ManagedConsentStore,
  type MarkerExtra,
  planCut,
  pseudonymFor,
  pseudonymised,
  purgeCutoff,
  rowsToPurge,
  tamperedError,
  toClock,
  toErasureMode,
  toEvent,
  toKey,
} from './ledger.js';
import type { PolicyDefinition } from './policy.js';
import type { ConsentStore } from './store.js';

/** A consent store in memory, with the same hash chain, retention and erasure as the durable stores. */
export interface MemoryConsentStore extends ConsentStore, ManagedConsentStore {}

/** Creates a consent store that keeps decisions in memory, for tests and single-process demos. */
export function createMemoryStore<const P extends PolicyDefinition = PolicyDefinition>(
  options: LedgerOptions<P> = {} as LedgerOptions<P>,
): MemoryConsentStore {
  const label = 'in memory';
  const key = toKey(options.key, label);
  const erasure = toErasureMode(options, label);
  const clock = toClock(options);
  let rows: LedgerRow[] = [];
  let failed: ConsentStoreError | undefined;

  function usable(): void {
    if (failed !== undefined) {
      throw failed;
    }
  }

  function head() {
    const last = rows.at(-1);
    return last === undefined ? undefined : { seq: last.seq, hash: last.hash };
  }

  function lastMarkerSeq(): number {
    return rows.findLast((row) => row.kind !== 'decision')?.seq ?? 0;
  }

  function cut(
    removed: ReadonlySet<number>,
    kind: 'purge' | 'erasure',
    extra: MarkerExtra,
    reappend: Parameters<typeof planCut>[6] = [],
  ) {
    const { marker, appended } = planCut(
      key,
      rows,
      removed,
      kind,
      clock().toISOString(),
      extra,
      reappend,
    );
    rows = [...rows.filter((row) => !removed.has(row.seq)), marker, ...appended];
    return marker;
  }

  return {
    async append(event) {
      usable();
      checkEvent(event, label);
      rows.push(Object.freeze(chainRow(key, head(), decisionFields(event))));
    },
    async read(subjectId) {
      usable();
      return rows
        .filter((row) => row.kind === 'decision' && row.subjectId === subjectId)
        .map((row) => toEvent(row, key, label));
    },
    async verify() {
      const verifier = new ChainVerifier(key, lastMarkerSeq());
      for (const row of rows) {
        if (!verifier.push(row)) {
          break;
        }
      }
      const result = verifier.finish();
      if (!result.ok) {
        failed = tamperedError(label, result.seq, result.problem);
      }
      return result;
    },
    async purge(purgeOptions) {
      usable();
      const { cutoff, retention } = purgeCutoff(options, purgeOptions, clock(), label);
      const removed = rowsToPurge(rows, cutoff);
      if (removed.size === 0) {
        return { removed: 0, markerSeq: undefined };
      }
      const marker = cut(removed, 'purge', {
        before: cutoff.toISOString(),
        ...(retention === undefined ? {} : { retention }),
      });
      return { removed: removed.size, markerSeq: marker.seq };
    },
    async eraseSubject(subjectId) {
      usable();
      const own = rows.filter((row) => row.kind === 'decision' && row.subjectId === subjectId);
      if (own.length === 0) {
        return { removed: 0, pseudonym: undefined };
      }
      const pseudonym = erasure === 'pseudonymise' ? pseudonymFor(key, subjectId) : undefined;
      cut(
        new Set(own.map((row) => row.seq)),
        'erasure',
        {},
        pseudonym === undefined ? [] : pseudonymised(own, pseudonym),
      );
      return { removed: own.length, pseudonym };
    },
    pseudonymOf(subjectId) {
      return pseudonymFor(key, subjectId);
    },
  };
}
