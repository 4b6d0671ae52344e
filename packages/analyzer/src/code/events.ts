import type { ConsentryPolicy } from '@consentry/sdk';
import type { AnalysisEvidence } from '../code-evidence.js';
import type { FlowStep, Location } from '../findings.js';
import type { LimitName } from './limits.js';

/** A tier's guarantee for a purpose, as the policy states it, with its place in the policy. */
export interface GuaranteeReference {
  readonly tier: string;
  /** JSON pointer to the guarantee, e.g. `/purposes/model-training/tiers/free`. */
  readonly pointer: string;
  /** What the tier is promised, e.g. "an opt-out by in-app-toggle, default included, free of charge". */
  readonly summary: string;
  /** The policy excludes the tier from the purpose (`default: excluded`): it is never processed. */
  readonly excluded: boolean;
}

/**
 * Whether every tier a flow leaves unguarded is one the policy excludes from the purpose: then
 * the defect is `excluded-tier-unchecked`'s, not a missing opt-out's.
 */
export function onlyExcludedTiers(event: UnguardedFlowEvent): boolean {
  return (
    event.unguardedTiers.length > 0 &&
    event.unguardedTiers.every(
      (tier) => event.guarantees.find((guarantee) => guarantee.tier === tier)?.excluded === true,
    )
  );
}

/** Personal data reaches a sink of a purpose that needs a check, unguarded for some tiers. */
export interface UnguardedFlowEvent {
  /** Where to report: the sink, or the call in the caller that passes unguarded data towards it. */
  readonly location: Location;
  /** The purpose the sink serves (the first, when the sink maps to several). */
  readonly purpose: string;
  readonly purposes: readonly string[];
  /** What the sink is, e.g. "`TrainingQueue.enqueue` (marked @processes)". */
  readonly sink: string;
  /** The subject whose data flows, as an access path (e.g. `user`, `conversation`). */
  readonly subject: string;
  /** The categories of the personal data that reaches the sink (of the fields that reach it). */
  readonly categories: readonly string[];
  /** Tiers that need a check for the purpose and are left unguarded on some path. */
  readonly unguardedTiers: readonly string[];
  /** Tiers that need a check and are guarded on every path. */
  readonly guardedTiers: readonly string[];
  /** Other purposes a guard on this path checked instead of the sink's. */
  readonly mismatchedPurposes: readonly string[];
  /** The guarantees the policy gives the unguarded tiers for the purpose. */
  readonly guarantees: readonly GuaranteeReference[];
  readonly flow: readonly FlowStep[];
}

/** A consent check whose outcome cannot guard anything. */
export interface CheckCallEvent {
  readonly location: Location;
  /** `result-unused`: the result is thrown away; `promise-as-condition`: a Promise is tested without `await`; `not-awaited`: an async assertion is not awaited. */
  readonly problem: 'result-unused' | 'promise-as-condition' | 'not-awaited';
  /** The check as written, shortened. */
  readonly check: string;
  readonly purposes: readonly string[];
}

/** Code names a purpose id (in a check, a marker or a decorator). */
export interface PurposeReferenceEvent {
  readonly location: Location;
  readonly purpose: string;
  /** Whether the policy declares the purpose. */
  readonly declared: boolean;
  /** The purposes the policy declares, sorted. */
  readonly known: readonly string[];
}

/**
 * Sent once, after every other event: all the analysis saw of processing, with the policy to
 * compare it with (the rules on code and policy agreeing listen to it).
 */
export interface EvidenceEvent {
  readonly evidence: AnalysisEvidence;
  readonly policy: ConsentryPolicy;
  /** The place of a JSON pointer in the policy file, with the file relative to the analysed directory. */
  locate(pointer: string): Location;
  /** False when only a slice of the project was analysed: then no absence can be concluded. */
  readonly wholeProject: boolean;
  /** How many source files the analysis read. */
  readonly sourceFiles: number;
  /** The shard of `--shard` the slice is, when it is one: its findings then need the others. */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** A file, function or expression the analysis could not analyse, and why. */
export interface AnalysisIncompleteEvent {
  /** Where the part that was not analysed starts. */
  readonly location: Location;
  /** What was not analysed, e.g. "this file", "`exportConversation`", "the code here". */
  readonly part: string;
  /** Why, e.g. "the file has 1100301 bytes". */
  readonly reason: string;
  /** The limit that stopped the analysis, when one did (else the analysis failed). */
  readonly limit?: { readonly name: LimitName; readonly value: number };
}

/** A vendor's training call (an upload or a job) whose data the analysis cannot trace to any source. */
export interface UntracedTrainingEvent {
  /** The training call. */
  readonly location: Location;
  /** What the call is, e.g. "`files.create` (OpenAI file upload for fine-tuning)". */
  readonly sink: string;
  readonly purposes: readonly string[];
  /** Why its data is not traced, e.g. "it comes from a dynamic import (`import(path)`)". */
  readonly reason: string;
}

/** The events the code analysis emits; a code rule listens to some of them. */
export interface CodeEvents {
  unguardedFlow: UnguardedFlowEvent;
  untracedTraining: UntracedTrainingEvent;
  analysisIncomplete: AnalysisIncompleteEvent;
  checkCall: CheckCallEvent;
  purposeReference: PurposeReferenceEvent;
  evidence: EvidenceEvent;
}
