/** Run a whole check: policy rules, code analysis, suppressions, baseline, changed files. */

/** Baselines: accept today's findings, fail only on new ones. */
export {
  applyBaseline,
  type Baseline,
  createBaseline,
  fingerprintFindings,
  parseBaseline,
  type ReportFinding,
} from './baseline.js';
export { type CheckOptions, type CheckProgress, check } from './check.js';
/** Errors a shell reports as usage errors (exit code 2). */
export { UsageError } from './errors.js';
/** Findings and the rule documentation they carry. */
export {
  compareFindings,
  type Finding,
  type FlowStep,
  type Location,
  type RuleMeta,
  SEVERITIES,
  type Severity,
} from './findings.js';
/** The files changed since a git ref, for `--changed-since`. */
export { listChangedFiles } from './git.js';
/** The rules the analyzer knows, and their documentation pages. */
export { getRule, listRules, type RegisteredRule } from './registry.js';
/** The report and its formatters: pretty, json, sarif, markdown. */
export {
  formatReport,
  isReportFormat,
  REPORT_FORMATS,
  type ReportFormat,
} from './report/format.js';
export { formatJson } from './report/json.js';
export { formatMarkdown } from './report/markdown.js';
export { formatPretty, type PrettyOptions } from './report/pretty.js';
export {
  type FailOn,
  hasFailures,
  type Report,
  type ReportDiagnostic,
  type ReportRule,
  type ReportStats,
  type RuleOrigin,
} from './report/report.js';
export { formatSarif } from './report/sarif.js';
export { readRuleDocs } from './rule-docs.js';
/** Suppression comments: `// consentry-ignore <rule-id> -- <reason>`. */
export {
  applySuppressions,
  INVALID_SUPPRESSION,
  parseSuppressions,
  type Suppression,
  UNUSED_SUPPRESSION,
} from './suppressions.js';
/** The analyzer's version and name. */
export { TOOL_NAME, VERSION } from './version.js';
/** Static consent analysis of a project's code: findings, diagnostics and the events code rules see. */
export {
  type AnalysisProgress,
  type AnalyzeCodeOptions,
  analyzeCode,
  type CodeAnalysis,
} from './code/analyze-code.js';
export { compareDiagnostics, type Diagnostic, type DiagnosticCode } from './code/diagnostics.js';
export type {
  CheckCallEvent,
  CodeEvents,
  GuaranteeReference,
  PurposeReferenceEvent,
  UnguardedFlowEvent,
} from './code/events.js';
/** The built-in catalogue of AI vendors' training APIs, kept as data. */
export { type TrainingApiEntry, trainingApis } from './catalogue/training-apis.js';
/** The code rules. */
export { codeRules } from './rules/code-rules.js';
