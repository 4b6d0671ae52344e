/** How serious a finding is; maps to SARIF levels `error`, `warning` and `note`. */
export type Severity = 'error' | 'warning' | 'note';

/** Severities from the most to the least serious. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

const severityRank: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

/** Orders severities from the most serious, for "worst first" lists. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[b] - severityRank[a];
}

/** Whether a finding of `severity` fails under a `--fail-on` threshold (`never`: nothing does). */
export function failsAt(severity: Severity, failOn: Severity | 'never'): boolean {
  return failOn !== 'never' && severityRank[severity] >= severityRank[failOn];
}

/** A place in a file of the analysed project; lines and columns are 1-based. */
export interface Location {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** One step of the path from a source of personal data to a sink. */
export interface FlowStep extends Location {
  /** What happens at this step, e.g. "conversation read from the database". */
  readonly note: string;
}

/** What a rule reports: what is wrong, why it matters, and what to do. */
export interface Finding extends Location {
  readonly ruleId: string;
  readonly severity: Severity;
  /** One sentence: what is wrong and for whom. */
  readonly message: string;
  /** The guarantee the finding breaks and what to do, in a few sentences, when the rule says more. */
  readonly detail?: string;
  /** The purpose the flow serves, for code rules. */
  readonly purpose?: string;
  /** The tiers left unguarded, for code rules. */
  readonly tiers?: readonly string[];
  /** The path from source to sink, for code rules. */
  readonly flow?: readonly FlowStep[];
  /** Where the finding came from: code, the policy file, or the record of processing. */
  readonly origin: 'code' | 'policy' | 'record';
  /**
   * Set on a finding one shard cannot decide alone (a purpose no code in the shard's slice
   * names): `consentry merge` keeps it only if every one of the `count` shards reported it and
   * one of them saw processing at all, and then drops this field.
   */
  readonly shardVote?: ShardVote;
}

/** One shard's vote on a finding that needs all shards (see `Finding.shardVote`). */
export interface ShardVote {
  readonly index: number;
  readonly count: number;
  /** Whether the shard's slice holds any sink or guard (a slice with none says nothing). */
  readonly processing: boolean;
}

/** Documentation a rule carries: shown by `consentry explain` and in SARIF. */
export interface RuleMeta {
  readonly description: string;
  readonly severity: Severity;
  /** SARIF `security-severity`, 0.0 to 10.0. */
  readonly securitySeverity: number;
  /** The legal source (articles, guidance) that makes this rule matter. */
  readonly citations: readonly string[];
}

/** Orders findings by file, position and rule id, so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
