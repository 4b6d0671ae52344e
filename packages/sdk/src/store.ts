import type { Guarantee } from './policy-document.js';

/** A decision a subject made about one purpose. */
export type ConsentChoice = 'opt-in' | 'opt-out' | 'objection';

/** How a decision was made, so the controller can demonstrate it (GDPR Art. 7(1)). */
export interface ConsentEventDetails {
  /** The mechanism the subject used (in-app toggle, settings page…). */
  readonly mechanism?: Guarantee['mechanism'];
  /** Where the decision was taken (a screen, an endpoint, a support ticket). */
  readonly source?: string;
  /** The version of the notice or consent text the subject saw. */
  readonly noticeVersion?: string;
  /** The subject's own words, when they gave any (never required to object). */
  readonly reason?: string;
}

/** One stored decision: who decided what about which purpose, on which tier, and when. */
export interface ConsentEvent<Purpose extends string = string> {
  /** The subject's id. */
  readonly subjectId: string;
  /** The purpose decided about. */
  readonly purpose: Purpose;
  /** The decision. */
  readonly decision: ConsentChoice;
  /** When it was made, as an ISO 8601 UTC timestamp. */
  readonly at: string;
  /** The subject's tier when deciding. */
  readonly tier: string;
  /** How the decision was made. */
  readonly details?: ConsentEventDetails;
}

/** Where consent decisions live: an append-only log of events per subject. */
export interface ConsentStore {
  /** Appends one decision; rejects with a `ConsentStoreError` when it cannot be stored. */
  append(event: ConsentEvent): Promise<void>;
  /** Reads every decision of one subject, oldest first; rejects with a `ConsentStoreError` when it cannot read. */
  read(subjectId: string): Promise<readonly ConsentEvent[]>;
}

/** The choices a store may hold, for validating what comes back from storage. */
export const consentChoices: readonly ConsentChoice[] = ['opt-in', 'opt-out', 'objection'];
