// What the code analysis found for each purpose, in the shape the record of processing needs.
// The engine's results are mapped into it by the caller; the record never reads code itself.

/** A named place in the analysed code: a file relative to the analysed directory, a 1-based line, a symbol. */
export interface CodeSymbol {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** The function, method or export at that place, e.g. `exportTrainingRows` or `TrainingQueue.push`. */
  readonly symbol: string;
  /** What is there, e.g. "`TrainingQueue.push` (marked @processes)" or the guard as written. */
  readonly description?: string;
}

/** A guard that enforces one tier's guarantee for a purpose (a consent check, a tier filter…). */
export interface TierGuard extends CodeSymbol {
  /** The tier id of the policy whose guarantee the guard enforces. */
  readonly tier: string;
}

/** What the code shows about one purpose. */
export interface PurposeEvidence {
  /** Where data is used for the purpose: training dataset writes, fine-tuning uploads, queues. */
  readonly sinks: readonly CodeSymbol[];
  /** Category ids of the policy whose data was seen reaching those sinks. */
  readonly categories: readonly string[];
  /** The guards found on the paths to those sinks, per tier. */
  readonly guards: readonly TierGuard[];
  /** Sinks that a tier's personal data reaches on some path without a guard (the place is the sink). */
  readonly unguarded?: readonly TierGuard[];
}

/** Code evidence for the record, keyed by purpose id; purposes the code never reaches are absent. */
export interface CodeEvidence {
  readonly purposes: Readonly<Record<string, PurposeEvidence | undefined>>;
}
