import { type Consent, createConsent, createMemoryStore } from '@consentry/sdk';
import policy from '../consentry.policy.js';

/** Consent checks bound to Switchboard's policy. */
export type AppConsent = Consent<typeof policy>;

/** Creates the consent checks over a store of decisions (in memory here; SQLite in production). */
export function createAppConsent(store = createMemoryStore()): AppConsent {
  return createConsent({ policy, store });
}
