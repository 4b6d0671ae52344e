import type { ConsentReason } from './decide.js';

/** Thrown when a subject does not allow a purpose; carries the subject id, the purpose, the reason and HTTP status 403. */
export class ConsentDeniedError extends Error {
  /** The id of the subject whose consent was checked. */
  readonly subjectId: string;
  /** The purpose that was denied. */
  readonly purpose: string;
  /** Why it was denied, machine-readable. */
  readonly reason: ConsentReason;
  /** HTTP status for route middleware (Express and Connect read `status` and `statusCode`). */
  readonly status = 403;
  /** Same as `status`, for frameworks that read `statusCode`. */
  readonly statusCode = 403;

  constructor(subjectId: string, purpose: string, reason: ConsentReason, options?: ErrorOptions) {
    super(
      `Consent denied: subject "${subjectId}" does not allow purpose "${purpose}" (reason: ${reason}).`,
      options,
    );
    this.name = 'ConsentDeniedError';
    this.subjectId = subjectId;
    this.purpose = purpose;
    this.reason = reason;
  }
}

/** What went wrong in a consent store, machine-readable. */
export type ConsentStoreErrorCode =
  /** Another connection held a lock past the timeout. */
  | 'store-locked'
  /** The database is damaged or not a database at all. */
  | 'store-corrupt'
  /** The history failed hash-chain verification: a row was changed, added or removed outside the store. */
  | 'store-tampered'
  /** The store does not exist and `create: true` was not passed. */
  | 'store-not-found'
  /** The database exists but is not a Consentry store (another program's database, or an empty file). */
  | 'store-not-consentry'
  /** The database could not be reached (connection refused, DNS, authentication). */
  | 'store-unreachable'
  /** The store did not answer within its timeout. */
  | 'store-timeout'
  /** The database refused to write: a read-only replica or transaction. */
  | 'store-read-only'
  /** Any other failure. */
  | 'store-failed';

/** Thrown by a consent store that cannot read or write its decisions; consent checks turn it into a denial. */
export class ConsentStoreError extends Error {
  /** What went wrong, machine-readable. */
  readonly code: ConsentStoreErrorCode;

  constructor(code: ConsentStoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConsentStoreError';
    this.code = code;
  }
}
