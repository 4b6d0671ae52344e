import { type Consent, createConsent, createMarkers, createMemoryStore } from '@consentry/sdk';
import policy from '../consentry.policy.js';

/** Consent checks bound to Parley's policy. */
export type AppConsent = Consent<typeof policy>;

/**
 * The process-wide store of users' decisions, like a connection pool: in memory for the example;
 * a deployment would pass `createSqliteStore` from `@consentry/sdk/sqlite` instead.
 */
export const consentStore = createMemoryStore();

/** The process-wide consent checks; a singleton because `@consent.enforce` binds at class definition. */
export const consent: AppConsent = createConsent({ policy, store: consentStore });

/** Decorators that tell the analyzer which fields hold personal data and which methods process it. */
export const { personal, processes } = createMarkers(policy);
