import type { LimitName } from '@consentry/analyzer';
import type { Severity } from './severity.js';

/** One step of a finding's path from personal data to the sink. */
export interface FlowStepView {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly note: string;
}

/** The part of an analyzer finding the action reads. */
export interface FindingView {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly purpose?: string;
  readonly tiers?: readonly string[];
  readonly flow?: readonly FlowStepView[];
}

/** Something the analysis could not do, as the report lists it. */
export interface DiagnosticView {
  readonly message: string;
  /** The kind of problem, e.g. `unresolved-call`, when the analyzer names one. */
  readonly code?: string;
  readonly severity?: Severity;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** The part of an analyzer report the action reads; paths are relative to the checked directory. */
export interface ReportView {
  /** The checked directory as a path from the repository root (`.` for the root). */
  readonly directory: string;
  readonly findings: readonly FindingView[];
  readonly diagnostics: readonly DiagnosticView[];
}

/** Whether the committed record of processing matches the policy, and how it differs. */
export interface RecordStatus {
  readonly upToDate: boolean;
  /** There is no record at the path at all. */
  readonly missing?: boolean;
  /** A unified diff from the committed record to the expected one; empty when up to date. */
  readonly diff: string;
}

/** What the action asks the analyzer to do; the real one wraps `@consentry/analyzer`. */
export interface Analyzer<R extends ReportView = ReportView> {
  /** Runs the policy rules and the code analysis over `root`. */
  check(options: {
    readonly root: string;
    readonly policyFile?: string;
    readonly tsconfig?: string;
    /** Raised limits of the code analysis (`--limit`). */
    readonly limits?: Partial<Readonly<Record<LimitName, number>>>;
    /** The checkout `root` is in (the report's `directory` is relative to it); found with git when absent. */
    readonly repositoryRoot?: string;
  }): Promise<R>;
  /** Renders a report as SARIF 2.1.0, its URIs relative to the repository root. */
  formatSarif(report: R, options?: { readonly category?: string }): string;
  /** A path of the report (relative to the checked directory) as a path from the repository root. */
  repositoryPath(report: R, file: string): string;
  /** Compares the committed record of processing with the one the policy and the code give. */
  checkRecord(options: {
    readonly root: string;
    readonly policyFile?: string;
    readonly tsconfig?: string;
    readonly limits?: Partial<Readonly<Record<LimitName, number>>>;
    readonly record: string;
  }): Promise<RecordStatus>;
}
