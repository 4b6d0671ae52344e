/** Run a whole check: policy rules, code analysis, suppressions, baseline, changed files. */

/** Static consent analysis of a project's code: findings, diagnostics and the events code rules see. */
export {
  type AnalysisProgress,
  type AnalyzeCodeOptions,
  analyzeCode,
  type CodeAnalysis,
  type ProgramAnalysis,
  type ProgramOptions,
} from './analyze-code.js';
/** Baselines: accept today's findings, fail only on new ones. */
export {
  applyBaseline,
  type Baseline,
  createBaseline,
  fingerprintFindings,
  parseBaseline,
  type ReportFinding,
} from './baseline.js';
/** The cache's counters and the memory budget of a check. */
export type { CacheCounters, MemoryBudget } from './cache/run-analysis.js';
/** The catalogue's row types: where an API takes its data, and when it is a sink. */
export type { CatalogueCondition, CatalogueData } from './catalogue/entry.js';
/** The built-in catalogue of AI vendors' training APIs, kept as data. */
export { type TrainingApiEntry, trainingApis } from './catalogue/training-apis.js';
/** The AI vendors the analysis and `init` know: one entry per package. */
export { type AiVendor, aiVendors, type VendorTrainingApi } from './catalogue/vendors.js';
export { type CheckOptions, type CheckProgress, check } from './check.js';
export { compareDiagnostics, type Diagnostic, type DiagnosticCode } from './code/diagnostics.js';
export type {
  AnalysisIncompleteEvent,
  CheckCallEvent,
  CodeEvents,
  EvidenceEvent,
  GuaranteeReference,
  PurposeReferenceEvent,
  UnguardedFlowEvent,
  UntracedTrainingEvent,
} from './code/events.js';
/** The limits of the code analysis, which `--limit NAME=VALUE` raises. */
export {
  type AnalysisLimits,
  DEFAULT_LIMITS,
  LIMIT_NAMES,
  type LimitName,
  parseLimitSettings,
} from './code/limits.js';
/** What the code analysis saw of processing: every sink and guard, for the record of processing. */
export type { AnalysisEvidence, GuardEvidence, SinkEvidence } from './code-evidence.js';
/** Errors a shell reports as usage errors (exit code 2). */
export { UsageError } from './errors.js';
/** Findings and the rule documentation they carry. */
export {
  compareFindings,
  compareSeverity,
  type Finding,
  type FlowStep,
  failsAt,
  type Location,
  type RuleMeta,
  SEVERITIES,
  type Severity,
  type ShardVote,
} from './findings.js';
/** git, run without a shell; the files changed since a git ref, for `--changed-since`. */
export { GitCommandError, listChangedFiles, type RunGitOptions, runGit } from './git.js';
/**
 * Writing outputs: confined to the workspace, replacing only a file Consentry wrote, atomically;
 * the format a file's extension names.
 */
export {
  confineOutputPath,
  findWorkspace,
  OutputRefusedError,
  /** The former name of `OutputRefusedError`, for a record that may not be replaced. */
  OutputRefusedError as RecordOverwriteError,
} from './output/confine.js';
export {
  REPORT_FILE_EXTENSIONS,
  recordFormatForFile,
  reportFormatForFile,
} from './output/file-format.js';
export {
  findPolicyFile,
  isConsentryBaseline,
  isConsentryReport,
  isOwnOutput,
  type OutputKind,
} from './output/ownership.js';
export {
  type DisplayReportOptions,
  SAFE_TEXT_LIMIT,
  type SafeTextOptions,
  toDisplayReport,
  toSafeCsvCell,
  toSafeText,
} from './output/safe-text.js';
export { assertOutputWritable, type OutputTarget, writeOutput } from './output/write-output.js';
/** The rules the analyzer knows, and their documentation pages. */
export { getRule, listRules, type RegisteredRule } from './registry.js';
/** The report and its formatters: pretty, json, sarif, markdown. */
export {
  type FormatOptions,
  formatReport,
  isReportFormat,
  REPORT_FORMATS,
  type ReportFormat,
} from './report/format.js';
export { formatJson } from './report/json.js';
export { formatMarkdown } from './report/markdown.js';
export { formatPretty, type PrettyOptions } from './report/pretty.js';
export {
  countUnresolvedMappings,
  type FailOn,
  hasFailures,
  type Report,
  type ReportDiagnostic,
  type ReportRule,
  type ReportStats,
  type ReportSuppression,
  type RuleOrigin,
} from './report/report.js';
export { formatSarif, repositoryPath, type SarifOptions } from './report/sarif.js';
export { checkRecord, type RecordCheck } from './ropa/check.js';
export { type DiffOptions, diffLines } from './ropa/diff.js';
/** The GDPR Art. 30 record of processing: build it from the policy and code evidence, render, check, write. */
export type { CodeEvidence, CodeSymbol, PurposeEvidence, TierGuard } from './ropa/evidence.js';
/** Build a project's record from its policy and the analysis of its code; map analysis evidence per purpose. */
export {
  buildProjectRecord,
  type ProjectRecord,
  type ProjectRecordOptions,
  toCodeEvidence,
} from './ropa/from-analysis.js';
export {
  type BuildRecordInput,
  buildRecord,
  type ProcessingActivity,
  type ProcessingRecord,
  RECORD_MARKER,
  RECORD_VERSION,
  type RecordCategory,
  type RecordCode,
  type RecordController,
  type RecordEvidence,
  type RecordParty,
  type RecordPlace,
  type RecordRecipient,
  type RecordRight,
  type RecordSubject,
  type RecordTier,
  type RecordTransfer,
} from './ropa/record.js';
export {
  isGeneratedRecord,
  isRecordFormat,
  RECORD_FILE_EXTENSIONS,
  RECORD_FORMATS,
  type RecordFormat,
  type RenderRecordOptions,
  renderRecord,
} from './ropa/render.js';
export { CSV_TEMPLATES, type CsvTemplate } from './ropa/render-csv.js';
export { RECORD_SCHEMA_ID } from './ropa/render-json.js';
export { type WriteRecordOptions, writeRecord } from './ropa/write.js';
export { readRuleDocs } from './rule-docs.js';
/** The code rules. */
export { codeRules } from './rules/code-rules.js';
/** The rule API: a rule's definition, what it listens to, and what it reports. */
export {
  defineRule,
  type PolicyEvent,
  type ReportDescriptor,
  type RuleContext,
  type RuleDefinition,
  type RuleEvents,
  type RuleListeners,
} from './rules/define-rule.js';
/** Policy rules: run them over a loaded policy; each finding points at the offending policy node. */
export { type PolicyRuleOptions, policyRules, runPolicyRules } from './rules/policy-rules.js';
/** The shard of a project a check analyses (`--shard`). */
export type { ShardSpec } from './shard-spec.js';
/** Suppression comments: `// consentry-ignore <rule-id> -- <reason>`. */
export {
  applySuppressions,
  INVALID_SUPPRESSION,
  parseSuppressions,
  type Suppression,
  type SuppressionResult,
  UNUSED_SUPPRESSION,
} from './suppressions.js';
/** The analyzer's version and name. */
export { TOOL_NAME, VERSION } from './version.js';
