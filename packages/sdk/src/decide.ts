import { addDuration } from './duration.js';
import type { PolicyDefinition, PurposeId, TierId } from './policy.js';
import type { Guarantee, LegalBasis } from './policy-document.js';
import type { ConsentEvent } from './store.js';

/** Why a consent check came out as it did, machine-readable. */
export type ConsentReason =
  /** The subject's latest decision is an opt-in. */
  | 'opted-in'
  /** The basis is consent (or the tier starts opted out) and the subject has not opted in. */
  | 'opt-in-required'
  /** The subject's latest decision is an opt-out. */
  | 'opted-out'
  /** The subject's latest decision is an objection (GDPR Art. 21). */
  | 'objected'
  /** Legitimate interests and the subject has not objected. */
  | 'not-objected'
  /** Legitimate interests and the subject's objection lapsed under the guarantee's `expiresAfter`. */
  | 'objection-lapsed'
  /** The legal basis (contract, legal obligation…) does not depend on the subject's choice. */
  | 'basis-needs-no-choice'
  /** The tier's guarantee for this purpose is `excluded`: never processed. */
  | 'tier-excluded'
  /** The purpose is not in the policy. */
  | 'unknown-purpose'
  /** The subject's tier is not in the policy. */
  | 'unknown-tier'
  /** The subject has no usable id. */
  | 'invalid-subject'
  /** The consent record in hand belongs to another subject, or was not read by these checks. */
  | 'record-mismatch'
  /** The consent store failed, so the check fails closed. */
  | 'store-error';

/** The reasons of a decision whose purpose is allowed: `allowed` is true exactly for these. */
export const allowingReasons: readonly ConsentReason[] = Object.freeze([
  'opted-in',
  'not-objected',
  'objection-lapsed',
  'basis-needs-no-choice',
] as const);

/** The outcome of a consent check: whether the purpose is allowed, why, and which guarantee applied. */
export interface ConsentDecision<P extends PolicyDefinition = PolicyDefinition> {
  /** Whether the subject allows the purpose. */
  readonly allowed: boolean;
  /** Why, machine-readable. */
  readonly reason: ConsentReason;
  /** The subject's id. */
  readonly subjectId: string;
  /** The purpose checked. */
  readonly purpose: PurposeId<P>;
  /** The subject's tier. */
  readonly tier: TierId<P>;
  /** The purpose's legal basis, when the purpose is known. */
  readonly legalBasis?: LegalBasis;
  /** The tier's guarantee for the purpose that was applied, when the policy states one. */
  readonly guarantee?: Guarantee;
  /** The stored decision that settled the outcome, when one did. */
  readonly event?: ConsentEvent<PurposeId<P>>;
  /** What failed, for `store-error`. */
  readonly detail?: string;
}

/** A subject as the checks see it, before the policy narrows its tier: an id, and the tier under the policy's `tierField`. */
export interface SubjectLike {
  readonly id: string;
}

/** The subject's tier id, read from the property the policy's `tierField` names (`tier` unless set); empty when it is not a string. */
export function tierOf(policy: PolicyDefinition, subject: SubjectLike | null | undefined): string {
  const tier: unknown = (subject as Record<string, unknown> | null | undefined)?.[
    policy.tierField ?? 'tier'
  ];
  return typeof tier === 'string' ? tier : '';
}

/** The events of one subject as a snapshot holds them, or the failure that kept them from being read. */
export type ConsentRecordEvents =
  | { readonly ok: true; readonly events: readonly ConsentEvent[] }
  | { readonly ok: false; readonly detail: string };

/** The facts of a check that need no stored events: subject, purpose, tier, basis and guarantee. */
export type DecisionBase = Omit<ConsentDecision, 'allowed' | 'reason'>;

/** The part of a decision that needs no stored events: unknown ids, excluded tiers, bases without choice. */
export function decideStatically(
  policy: PolicyDefinition,
  subject: SubjectLike | null | undefined,
  purpose: string,
):
  | { readonly final: ConsentDecision }
  | { readonly base: DecisionBase; readonly needsEvents: true } {
  const subjectId = typeof subject?.id === 'string' ? subject.id : '';
  const tier = tierOf(policy, subject);
  const deny = (reason: ConsentReason, extra: Partial<DecisionBase> = {}) => ({
    final: { allowed: false, reason, subjectId, purpose, tier, ...extra } as ConsentDecision,
  });
  if (subjectId === '') {
    return deny('invalid-subject');
  }
  const definition = Object.hasOwn(policy.purposes, purpose) ? policy.purposes[purpose] : undefined;
  if (definition === undefined) {
    return deny('unknown-purpose');
  }
  const legalBasis = definition.legalBasis;
  if (!Object.hasOwn(policy.tiers, tier) || policy.tiers[tier] === undefined) {
    return deny('unknown-tier', { legalBasis });
  }
  const guarantee =
    definition.tiers !== undefined && Object.hasOwn(definition.tiers, tier)
      ? (definition.tiers[tier] as Guarantee | undefined)
      : undefined;
  const base: DecisionBase = {
    subjectId,
    purpose,
    tier,
    legalBasis,
    ...(guarantee === undefined ? {} : { guarantee }),
  };
  if (guarantee?.default === 'excluded') {
    return { final: { ...base, allowed: false, reason: 'tier-excluded' } };
  }
  if (legalBasis !== 'consent' && legalBasis !== 'legitimate-interests') {
    return { final: { ...base, allowed: true, reason: 'basis-needs-no-choice' } };
  }
  return { base, needsEvents: true };
}

/** Finishes a decision that needs the subject's events (or their read failure) and the time now. */
export function decideFromEvents(
  base: DecisionBase,
  result: ConsentRecordEvents,
  now: Date,
): ConsentDecision {
  const purpose = base.purpose;
  if (!result.ok) {
    return { ...base, allowed: false, reason: 'store-error', detail: result.detail };
  }
  let latest: ConsentEvent | undefined;
  for (const event of result.events) {
    // A store that returns another subject's events must not decide for this one.
    if (event.purpose === purpose && event.subjectId === base.subjectId) {
      latest = event;
    }
  }
  const withEvent = latest === undefined ? base : { ...base, event: latest };
  if (latest?.decision === 'opt-in') {
    return { ...withEvent, allowed: true, reason: 'opted-in' };
  }
  const refusal: ConsentReason | undefined =
    latest === undefined ? undefined : latest.decision === 'objection' ? 'objected' : 'opted-out';
  if (base.legalBasis === 'consent') {
    // The policy default never stands in for consent: only the subject's own opt-in does.
    return { ...withEvent, allowed: false, reason: refusal ?? 'opt-in-required' };
  }
  const startsRefused = base.guarantee?.default === 'opted-out';
  if (latest !== undefined) {
    const lapsesAt =
      base.guarantee?.expiresAfter === undefined
        ? undefined
        : addDuration(new Date(latest.at), base.guarantee.expiresAfter);
    // A malformed duration or timestamp never lapses: keeping an objection is the safe side.
    const lapsed = lapsesAt !== undefined && !Number.isNaN(lapsesAt.getTime()) && now >= lapsesAt;
    if (!lapsed) {
      return { ...withEvent, allowed: false, reason: refusal ?? 'objected' };
    }
    return startsRefused
      ? { ...withEvent, allowed: false, reason: 'opt-in-required' }
      : { ...withEvent, allowed: true, reason: 'objection-lapsed' };
  }
  return startsRefused
    ? { ...base, allowed: false, reason: 'opt-in-required' }
    : { ...base, allowed: true, reason: 'not-objected' };
}
