import type { ReportFinding } from '../baseline.js';
import type { Diagnostic } from '../code/diagnostics.js';
import { failsAt, type RuleMeta, type Severity, type ShardVote } from '../findings.js';

/** Where a rule comes from: the code analysis, the policy checks, or the suppression layer. */
export type RuleOrigin = 'code' | 'policy' | 'record' | 'suppression';

/** A rule as a report lists it: its id, documentation and where its page is. */
export interface ReportRule extends RuleMeta {
  readonly id: string;
  readonly origin: RuleOrigin;
  /** The published docs page. */
  readonly helpUri: string;
  /** The docs page's Markdown, for SARIF `help`; absent when the page is missing. */
  readonly docs?: string;
}

/** Something the analysis skipped or degraded (a file it could not parse, a budget it hit). */
export type ReportDiagnostic = Diagnostic;

/** A `consentry-ignore` comment that silenced findings: the exceptions on record, for review. */
export interface ReportSuppression {
  readonly ruleId: string;
  /** Where the comment is. */
  readonly file: string;
  readonly line: number;
  /** Why the finding does not apply, as the comment says. */
  readonly reason: string;
}

/** Counts of what a run did. */
export interface ReportStats {
  /** Source files the code analysis read. */
  readonly files: number;
  /** Functions the code analysis summarised. */
  readonly functions: number;
  /** Findings silenced by a `consentry-ignore` comment. */
  readonly suppressed: number;
  /** Findings dropped because the baseline holds them. */
  readonly baselined: number;
  /** Findings dropped because they are outside the files changed since `changedSince`. */
  readonly unchanged: number;
}

/** The result of `check()`: everything a formatter needs, and nothing machine-specific. */
export interface Report {
  readonly tool: {
    readonly name: string;
    readonly version: string;
    readonly informationUri: string;
  };
  /** The policy file, relative to the analysed directory, or `(default policy)`. */
  readonly policyFile: string;
  /**
   * The analysed directory as a path from the root of its git repository (forward slashes, `.`
   * for the root itself, and when it is in no repository). Report paths are relative to the
   * analysed directory; SARIF prefixes them with this, so code scanning finds the files.
   */
  readonly directory: string;
  /**
   * Set when the project has no policy file and the check ran on the default policy: one
   * training purpose with a free opt-out for every tier, and sources inferred from the code.
   */
  readonly defaultPolicy?: true;
  /** The git ref findings were limited to, when `changedSince` was given. */
  readonly changedSince?: string;
  /** Sorted by file, position and rule id. */
  readonly findings: readonly ReportFinding[];
  readonly diagnostics: readonly ReportDiagnostic[];
  /** The suppressions that silenced findings, sorted by file and line. */
  readonly suppressions: readonly ReportSuppression[];
  /** The rules that ran, sorted by id. */
  readonly rules: readonly ReportRule[];
  readonly stats: ReportStats;
}

/**
 * How many `code` mappings of the policy name nothing in the project (optional ones: the others
 * stop the check), from a report's diagnostics; every output's summary shows it.
 */
export function countUnresolvedMappings(
  diagnostics: readonly { readonly code?: string | undefined }[],
): number {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'policy-mapping-unresolved').length;
}

/** Counts findings by severity. */
export function countBySeverity(
  findings: readonly { readonly severity: Severity }[],
): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** The `--fail-on` threshold: a severity, or `never` to always pass. */
export type FailOn = Severity | 'never';

/** Whether the report has a finding at or above the threshold, so a shell should exit 1. */
export function hasFailures(report: Report, failOn: FailOn): boolean {
  // A shard's vote is not a finding until `consentry merge` settles it.
  return report.findings.some(
    (finding) => finding.shardVote === undefined && failsAt(finding.severity, failOn),
  );
}

/** How a report shows a shard's vote (`Finding.shardVote`): not a finding until merged. */
export function shardVoteNote(vote: ShardVote): string {
  return `shard ${vote.index}/${vote.count} alone: \`consentry merge\` keeps this only if every shard reports it`;
}
