// What the code analysis saw of processing, kept for the record of processing (GDPR Art. 30):
// every place data is used for a purpose and every guard that establishes a purpose for a tier.
// The engine fills it in from the sink and guard events its interpreter sees.

/** A sink the analysis evaluated: a place where data is used for purposes that need a check. */
export interface SinkEvidence {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The function or method the sink call sits in, e.g. `TrainingDatasetWriter.append`. */
  readonly symbol: string;
  /** What the sink is, e.g. "`files.create` (OpenAI fine-tuning upload)". */
  readonly sink: string;
  /** The purposes the sink serves, sorted. */
  readonly purposes: readonly string[];
  /** Category ids of personal data seen reaching it (directly or through callers), sorted. */
  readonly categories: readonly string[];
  /** Tier ids whose personal data reaches it on some path without a guard for its purposes, sorted. */
  readonly unguardedTiers: readonly string[];
}

/** A guard the analysis applied: a consent check, assertion, filter, decorator or middleware. */
export interface GuardEvidence {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The function or method the guard sits in, e.g. `NightlyTrainingExport.run`. */
  readonly symbol: string;
  /** The guard as written, shortened. */
  readonly guard: string;
  /** The purposes it establishes, sorted. */
  readonly purposes: readonly string[];
  /** The tier ids it establishes them for: tiers a condition on the path excludes are not here. */
  readonly tiers: readonly string[];
}

/** Every sink and guard the code analysis saw, sorted by file, line and column. */
export interface AnalysisEvidence {
  readonly sinks: readonly SinkEvidence[];
  readonly guards: readonly GuardEvidence[];
}
