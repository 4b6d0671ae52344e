export {
  type Consent,
  type Consented,
  type ConsentMiddleware,
  type ConsentRecord,
  type ConsentSubject,
  type CreateConsentOptions,
  createConsent,
  type EnforceDecorator,
  type EnforceOptions,
  type EnforceSkipDecorator,
  type FilterOptions,
  type MiddlewareOptions,
  type OnDenied,
  type WithConsentRecord,
} from './consent.js';
export {
  allowingReasons,
  type ConsentDecision,
  type ConsentReason,
  type ConsentRecordEvents,
} from './decide.js';
export { ConsentDeniedError, ConsentStoreError, type ConsentStoreErrorCode } from './errors.js';
export type {
  ErasureMode,
  ErasureResult,
  LedgerHead,
  LedgerOptions,
  ManagedConsentStore,
  PurgeOptions,
  PurgeResult,
  StoreVerification,
} from './ledger.js';
export {
  createMarkers,
  getMarkers,
  type MarkerEntry,
  type Markers,
  type PersonalDecorator,
  type ProcessesDecorator,
  personal,
  processes,
  type Register,
  type RegisteredPolicy,
} from './markers.js';
export { createMemoryStore, type MemoryConsentStore } from './memory-store.js';
export {
  type CategoryId,
  definePolicy,
  type PolicyDefinition,
  type PurposeId,
  type PurposeKind,
  type SubjectId,
  type TierField,
  type TierId,
} from './policy.js';
export type {
  Category,
  ConsentRecords,
  ConsentryPolicy,
  Guarantee,
  LegalBasis,
  Purpose,
  Subject,
  Tier,
} from './policy-document.js';
export {
  type AggregateOptions,
  type AnonymiseOptions,
  aggregate,
  anonymise,
} from './sanitizers.js';
export type {
  ConsentChoice,
  ConsentEvent,
  ConsentEventDetails,
  ConsentStore,
} from './store.js';
