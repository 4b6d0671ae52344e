import { ConfigError, LoadedPolicy } from '@consentry/policy';
import { ConsentryPolicy, Guarantee, LegalBasis, PurposeKind } from '@consentry/sdk';

/** A sink the analysis evaluated: a place where data is used for purposes that need a check. */
interface SinkEvidence {
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
interface GuardEvidence {
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
interface AnalysisEvidence {
  readonly sinks: readonly SinkEvidence[];
  readonly guards: readonly GuardEvidence[];
}

/** Why part of the analysed project was skipped or analysed with less precision. */
type DiagnosticCode =
  | 'tsconfig-missing'
  | 'tsconfig-invalid'
  | 'syntax-error'
  | 'file-too-large'
  | 'file-unreadable'
  | 'parse-failed'
  | 'module-unresolved'
  | 'dependencies-missing'
  | 'policy-mapping-unresolved'
  | 'analysis-budget-exceeded'
  | 'analysis-failed'
  | 'cache-ignored';
/** Something the analysis skipped or degraded, and why; never a reason to stop. */
interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Path relative to the analysed directory, when the diagnostic is about one file. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}
/** Orders diagnostics by file, position, code and message, so output is deterministic. */
declare function compareDiagnostics(a: Diagnostic, b: Diagnostic): number;

/** How serious a finding is; maps to SARIF levels `error`, `warning` and `note`. */
type Severity = 'error' | 'warning' | 'note';
/** Severities from the most to the least serious. */
declare const SEVERITIES: readonly Severity[];
/** Orders severities from the most serious, for "worst first" lists. */
declare function compareSeverity(a: Severity, b: Severity): number;
/** Whether a finding of `severity` fails under a `--fail-on` threshold (`never`: nothing does). */
declare function failsAt(severity: Severity, failOn: Severity | 'never'): boolean;
/** A place in a file of the analysed project; lines and columns are 1-based. */
interface Location {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}
/** One step of the path from a source of personal data to a sink. */
interface FlowStep extends Location {
  /** What happens at this step, e.g. "conversation read from the database". */
  readonly note: string;
}
/** What a rule reports: what is wrong, why it matters, and what to do. */
interface Finding extends Location {
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
interface ShardVote {
  readonly index: number;
  readonly count: number;
  /** Whether the shard's slice holds any sink or guard (a slice with none says nothing). */
  readonly processing: boolean;
}
/** Documentation a rule carries: shown by `consentry explain` and in SARIF. */
interface RuleMeta {
  readonly description: string;
  readonly severity: Severity;
  /** SARIF `security-severity`, 0.0 to 10.0. */
  readonly securitySeverity: number;
  /** The legal source (articles, guidance) that makes this rule matter. */
  readonly citations: readonly string[];
}
/** Orders findings by file, position and rule id, so output is deterministic. */
declare function compareFindings(a: Finding, b: Finding): number;

/**
 * How far the code analysis goes before it stops and reports `analysis-incomplete`: each limit
 * can be raised with `--limit <name>=<value>`.
 */
interface AnalysisLimits {
  /** Bytes of one source file; larger files are not analysed (generated bundles, data). */
  readonly 'file-bytes': number;
  /** Levels of syntax nesting (brackets, expressions, statements) analysed in one file. */
  readonly depth: number;
  /** Evaluation steps spent on one function. */
  readonly steps: number;
  /** Closures evaluated inside one another at their call sites. */
  readonly 'closure-depth': number;
  /**
   * Rounds of evaluation of the whole program: each carries a change one hop back against the
   * callees-first order (a file, field or event read by a function evaluated before its writer).
   */
  readonly rounds: number;
}
/** The name of one limit, as `--limit` takes it. */
type LimitName = keyof AnalysisLimits;
/**
 * The default limits. The nesting depth stays well inside what the TypeScript parser and the
 * analysis handle on Node's default stack, so the same code gives the same report everywhere.
 */
declare const DEFAULT_LIMITS: AnalysisLimits;
/** The limit names, sorted. */
declare const LIMIT_NAMES: readonly LimitName[];
/**
 * Reads limit settings written `NAME=VALUE` (as `--limit` and the Action's `limits` input take
 * them). A bad name or value is a `UsageError` whose message starts with `label`.
 */
declare function parseLimitSettings(
  settings: readonly string[],
  label: string,
): Partial<AnalysisLimits>;

/** A tier's guarantee for a purpose, as the policy states it, with its place in the policy. */
interface GuaranteeReference {
  readonly tier: string;
  /** JSON pointer to the guarantee, e.g. `/purposes/model-training/tiers/free`. */
  readonly pointer: string;
  /** What the tier is promised, e.g. "an opt-out by in-app-toggle, default included, free of charge". */
  readonly summary: string;
  /** The policy excludes the tier from the purpose (`default: excluded`): it is never processed. */
  readonly excluded: boolean;
}
/** Personal data reaches a sink of a purpose that needs a check, unguarded for some tiers. */
interface UnguardedFlowEvent {
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
interface CheckCallEvent {
  readonly location: Location;
  /** `result-unused`: the result is thrown away; `promise-as-condition`: a Promise is tested without `await`; `not-awaited`: an async assertion is not awaited. */
  readonly problem: 'result-unused' | 'promise-as-condition' | 'not-awaited';
  /** The check as written, shortened. */
  readonly check: string;
  readonly purposes: readonly string[];
}
/** Code names a purpose id (in a check, a marker or a decorator). */
interface PurposeReferenceEvent {
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
interface EvidenceEvent {
  readonly evidence: AnalysisEvidence;
  readonly policy: ConsentryPolicy;
  /** The place of a JSON pointer in the policy file, with the file relative to the analysed directory. */
  locate(pointer: string): Location;
  /** False when only a slice of the project was analysed: then no absence can be concluded. */
  readonly wholeProject: boolean;
  /** How many source files the analysis read. */
  readonly sourceFiles: number;
  /** The shard of `--shard` the slice is, when it is one: its findings then need the others. */
  readonly shard?: {
    readonly index: number;
    readonly count: number;
  };
}
/** A file, function or expression the analysis could not analyse, and why. */
interface AnalysisIncompleteEvent {
  /** Where the part that was not analysed starts. */
  readonly location: Location;
  /** What was not analysed, e.g. "this file", "`exportConversation`", "the code here". */
  readonly part: string;
  /** Why, e.g. "the file has 1100301 bytes". */
  readonly reason: string;
  /** The limit that stopped the analysis, when one did (else the analysis failed). */
  readonly limit?: {
    readonly name: LimitName;
    readonly value: number;
  };
}
/** A vendor's training call (an upload or a job) whose data the analysis cannot trace to any source. */
interface UntracedTrainingEvent {
  /** The training call. */
  readonly location: Location;
  /** What the call is, e.g. "`files.create` (OpenAI file upload for fine-tuning)". */
  readonly sink: string;
  readonly purposes: readonly string[];
  /** Why its data is not traced, e.g. "it comes from a dynamic import (`import(path)`)". */
  readonly reason: string;
}
/** The events the code analysis emits; a code rule listens to some of them. */
interface CodeEvents {
  unguardedFlow: UnguardedFlowEvent;
  untracedTraining: UntracedTrainingEvent;
  analysisIncomplete: AnalysisIncompleteEvent;
  checkCall: CheckCallEvent;
  purposeReference: PurposeReferenceEvent;
  evidence: EvidenceEvent;
}

/** Progress of a running analysis, for shells that show it. */
interface AnalysisProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  /**
   * Once known (after loading and collecting functions): the files and functions the analysis
   * covers, counted as its final `stats` count them.
   */
  readonly analysed?: {
    readonly files: number;
    readonly functions: number;
  };
}
/** Options of `analyzeProgram`, the engine under `analyzeCode`. */
interface ProgramOptions {
  /** The project directory; finding paths are relative to it. */
  readonly root: string;
  readonly policy: LoadedPolicy;
  /** The tsconfig.json to read, relative to `root`; `tsconfig.json` in `root` when absent. */
  readonly tsconfig?: string;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /**
   * Called often inside each phase (every few dozen files parsed, functions linked or
   * evaluated) with what the analysis is doing; it may throw to stop the run (`--max-memory`).
   */
  readonly onCheckpoint?: (where: () => string, next?: 'binding') => void;
  /** The shard the analysed slice belongs to (`--shard`), for rules that need every shard. */
  readonly shard?: {
    readonly index: number;
    readonly count: number;
  };
  /**
   * Analyse only these of the project's files (relative to `root` or absolute): a slice closed
   * under imports. The project's other source files are read as empty if a barrel pulls them in.
   */
  readonly files?: readonly string[];
  /**
   * Re-exported specifiers to leave out, by file (relative to `root` or absolute): `export *`
   * and `export { … } from` entries that lead outside `files`. They are blanked, so positions
   * do not move.
   */
  readonly skipReexports?: ReadonlyMap<string, readonly string[]>;
  /** Limits past which a part of the code is reported as `analysis-incomplete`; defaults otherwise. */
  readonly limits?: Partial<AnalysisLimits>;
}
/** What the engine skipped, what it saw of processing, and how much it read. */
interface ProgramAnalysis {
  readonly diagnostics: Diagnostic[];
  /** Every sink and guard the analysis evaluated, for the record of processing (`analyzeCode` always fills it in). */
  readonly evidence?: AnalysisEvidence;
  readonly stats: {
    readonly files: number;
    readonly functions: number;
  };
  /**
   * Files outside the project that the analysis read (declaration files of installed packages,
   * files imported from outside the tsconfig's `include`), absolute; the cache checks them before
   * reusing a result. Not part of reports.
   */
  readonly externalFiles?: readonly string[];
}

/** What a rule hands to `context.report`: a message id with its data, and where. */
interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  /** Values for the `{name}` placeholders of the message. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** A place in the analysed code. Policy rules give `pointer` instead. */
  readonly location?: Location;
  /** A JSON pointer into the policy (e.g. `/purposes/model-training/tiers/free`), for policy rules. */
  readonly pointer?: string;
  /** Overrides the rule's default severity for this one report. */
  readonly severity?: Severity;
  readonly purpose?: string;
  readonly tiers?: readonly string[];
  readonly flow?: readonly FlowStep[];
  /** For a finding a shard cannot decide alone (see `Finding.shardVote`). */
  readonly shardVote?: ShardVote;
}
/** What a rule can see and do while the engine runs. */
interface RuleContext<MessageId extends string> {
  report(descriptor: ReportDescriptor<MessageId>): void;
}
/**
 * The events a rule can listen to, by name, with their payloads: the code analysis's events
 * (their types live with the part of the engine that emits them) and the policy event.
 */
interface RuleEvents extends CodeEvents {
  /** Policy rules: called once with the whole policy; reports give a `pointer` into it. */
  policy: PolicyEvent;
}
/**
 * What a rule listens to: one function per event name, called for every event of its kind. A
 * misspelt event name or a listener of another payload type does not compile.
 */
type RuleListeners = {
  readonly [Event in keyof RuleEvents]?: (payload: RuleEvents[Event]) => void;
};
/** What a policy rule's `policy` listener receives. */
interface PolicyEvent {
  readonly policy: ConsentryPolicy;
}
/** A rule: its public id, its documentation, its messages, and the listeners it registers. */
interface RuleDefinition<MessageId extends string = string> {
  /** Public, stable, kebab-case id; also the file name under `src/rules/`. */
  readonly id: string;
  readonly meta: RuleMeta;
  /**
   * Message templates by id; `{name}` placeholders are filled from `data`. A message is one
   * sentence: what reaches what, or what is wrong, and for whom.
   */
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * Detail templates by message id, filled from the same `data`: the guarantee the finding
   * breaks and what to do, shown under the message (pretty, Markdown), in SARIF's
   * `message.markdown` and as the JSON report's `detail`.
   */
  readonly details?: Readonly<Partial<Record<MessageId, string>>>;
  create(context: RuleContext<MessageId>): RuleListeners;
}
/** Declares a rule; the identity function that gives rule files their types. */
declare function defineRule<MessageId extends string>(
  rule: RuleDefinition<MessageId>,
): RuleDefinition<MessageId>;

/** Options of `analyzeCode`. */
interface AnalyzeCodeOptions extends ProgramOptions {
  /** Report only findings in (or flowing through) these files, relative to `root`. */
  readonly onlyFiles?: readonly string[];
  /** The rules to run; the built-in code rules when absent. */
  readonly rules?: readonly RuleDefinition[];
}
/** What the code analysis found, what it skipped, and how much it read. */
interface CodeAnalysis extends Omit<ProgramAnalysis, 'evidence'> {
  readonly findings: Finding[];
  /** Every sink and guard the analysis evaluated, for the record of processing (`analyzeCode` always fills it in). */
  readonly evidence?: AnalysisEvidence;
}
/**
 * Finds code paths where personal data reaches a sink of a purpose that needs consent or an
 * opt-out without a guard for that subject and purpose; never runs the analysed code. The engine
 * evaluates the code; each rule listens to the events it sends and reports findings.
 */
declare function analyzeCode(options: AnalyzeCodeOptions): Promise<
  CodeAnalysis & {
    readonly evidence: AnalysisEvidence;
  }
>;

/** A finding as reported: the finding, its stable fingerprints and the text of its line. */
interface ReportFinding extends Finding {
  /**
   * Stable across line shifts: a hash of the rule id, file, purpose, the normalised code of the
   * reported line and the occurrence index among findings that share all of those.
   */
  readonly fingerprint: string;
  /** SARIF `primaryLocationLineHash`-style hash: the normalised line's hash and occurrence. */
  readonly lineHash: string;
  /** The reported line's source text, when the file could be read. */
  readonly snippet?: string;
}
/**
 * Adds fingerprints to sorted findings; `lineText` returns the source text of a line of a file
 * (relative path, 1-based line), or undefined when it cannot be read.
 */
declare function fingerprintFindings(
  findings: readonly Finding[],
  lineText: (file: string, line: number) => string | undefined,
): ReportFinding[];
/** The on-disk form of a baseline: the findings a team accepted when it adopted the tool. */
interface Baseline {
  readonly version: 1;
  readonly findings: ReadonlyArray<{
    readonly ruleId: string;
    readonly file: string;
    readonly fingerprint: string;
  }>;
}
/** Serialises a baseline of the given findings; sorted, so the file diffs cleanly. */
declare function createBaseline(findings: readonly ReportFinding[]): string;
/** Reads a baseline file's text; a malformed one is a `ConfigError` located in `file`. */
declare function parseBaseline(text: string, file: string): Baseline;
/** Drops the findings whose fingerprint the baseline holds, each baseline entry at most once. */
declare function applyBaseline(
  findings: readonly ReportFinding[],
  baseline: Baseline,
): {
  findings: ReportFinding[];
  baselined: number;
};

/** A request the analyzer cannot carry out as asked (a missing directory, a bad git ref). */
declare class UsageError extends Error {
  readonly name: string;
}

/** One shard of `n`: `index` counts from 1. */
interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Hit and miss counts of one run, so tests (and curious users) can see what was reused. */
interface CacheCounters {
  /** Files whose import/export facts came from the cache, and files parsed for them. */
  factHits: number;
  factMisses: number;
  /** Analyses reused whole, and analyses run. */
  resultHits: number;
  resultMisses: number;
}

/** A heap limit and a way to read the heap in use; the shell supplies both. */
interface MemoryBudget {
  readonly limitBytes: number;
  readonly usedBytes: () => number;
}

/** Where a catalogued API takes the data it sends for a purpose. */
interface CatalogueData {
  /** Index of the argument that carries the data. */
  readonly argument: number;
  /**
   * Property of that argument (an options object) that carries the data, as a dotted path for a
   * nested one (`trainingDataConfig.s3Uri`); the whole argument when absent.
   */
  readonly option?: string;
  /**
   * The value names a file or a stored object (a path, an `s3://` or `gs://` URI) and the API
   * sends what it holds: the data is what was written there, besides the value itself.
   */
  readonly reads?: true;
  /**
   * The value is the id of an uploaded file the job trains on (`training_file`): one the code did
   * not get from an upload (an environment variable, a literal) names data uploaded by hand,
   * which the analysis cannot see, so the job is reported as untraced when nothing else reaches it.
   */
  readonly fileId?: true;
}
/** A condition on a literal option that must hold for the call to be a sink. */
interface CatalogueCondition {
  readonly argument: number;
  readonly option: string;
  readonly equals: string;
}

/** One API of an AI vendor's package that sends data to model training. */
interface VendorTrainingApi {
  /** Stable id of the entry, shown in findings. */
  readonly id: string;
  /** Human name of the API, e.g. "OpenAI file upload for fine-tuning". */
  readonly name: string;
  /** Member path of the call as written on the client (`files.create`), or an exported function or class name. */
  readonly path: string;
  /** `call` for method and function calls, `construct` for `new Command(...)`. */
  readonly call: 'call' | 'construct';
  /** What kind of training sink it is. */
  readonly kind: 'fine-tune-upload' | 'fine-tune-job' | 'dataset-export';
  /** The purpose kind the sink serves; mapped to the policy's purposes of that kind. */
  readonly purposeKind: PurposeKind;
  readonly data: readonly CatalogueData[];
  readonly when?: CatalogueCondition;
}
/** One AI vendor package: its training APIs (sinks for the analysis) and its model calls (for `init`). */
interface AiVendor {
  /** The npm package; an API must be declared inside it. */
  readonly package: string;
  /** The vendor, as a recipient of the data. */
  readonly vendor: string;
  readonly trainingApis: readonly VendorTrainingApi[];
  /** Client paths (`chat.completions.create`) or functions (`generateText`) that run a model on data. */
  readonly modelCalls: readonly string[];
}
/** The AI vendors the analysis and `init` know: one entry per package. */
declare const aiVendors: readonly AiVendor[];

/** One AI vendor API that sends data to model training, recognised by its declaring package. */
interface TrainingApiEntry extends VendorTrainingApi {
  /** The npm package that declares the API; the callee must be declared inside it. */
  readonly package: string;
}
/** The built-in catalogue of AI vendors' training APIs: one entry per API, extended by the policy's `code.sinks`. */
declare const trainingApis: readonly TrainingApiEntry[];

/** Where a rule comes from: the code analysis, the policy checks, or the suppression layer. */
type RuleOrigin = 'code' | 'policy' | 'record' | 'suppression';
/** A rule as a report lists it: its id, documentation and where its page is. */
interface ReportRule extends RuleMeta {
  readonly id: string;
  readonly origin: RuleOrigin;
  /** The published docs page. */
  readonly helpUri: string;
  /** The docs page's Markdown, for SARIF `help`; absent when the page is missing. */
  readonly docs?: string;
}
/** Something the analysis skipped or degraded (a file it could not parse, a budget it hit). */
type ReportDiagnostic = Diagnostic;
/** A `consentry-ignore` comment that silenced findings: the exceptions on record, for review. */
interface ReportSuppression {
  readonly ruleId: string;
  /** Where the comment is. */
  readonly file: string;
  readonly line: number;
  /** Why the finding does not apply, as the comment says. */
  readonly reason: string;
}
/** Counts of what a run did. */
interface ReportStats {
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
interface Report {
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
declare function countUnresolvedMappings(
  diagnostics: readonly {
    readonly code?: string | undefined;
  }[],
): number;
/** The `--fail-on` threshold: a severity, or `never` to always pass. */
type FailOn = Severity | 'never';
/** Whether the report has a finding at or above the threshold, so a shell should exit 1. */
declare function hasFailures(report: Report, failOn: FailOn): boolean;

/** Progress of a run, for a shell to show. */
interface CheckProgress {
  /** What the run is doing, e.g. `load` or `summaries (round 1)`. */
  readonly phase: string;
  /** Work done and total in this phase (functions, for the code analysis's phases). */
  readonly done: number;
  readonly total: number;
  /** Source files in the project, before the analysis knows which it covers. */
  readonly projectFiles: number;
  /** Once known: the files and functions the analysis covers, as the report's stats count them. */
  readonly analysed?: {
    readonly files: number;
    readonly functions: number;
  };
}
/** What `check()` analyses and how. */
interface CheckOptions {
  /** The directory to analyse; finding paths are relative to it. */
  readonly root: string;
  /** The policy file, relative to `root` or absolute; default `consentry.yaml` in `root`. */
  readonly policyFile?: string;
  /** The tsconfig.json to analyse the code with, relative to `root` or absolute. */
  readonly tsconfig?: string;
  /** A git ref: only findings in files changed since it are reported. */
  readonly changedSince?: string;
  /** Lists the files changed since a ref; defaults to asking git. */
  readonly listChangedFiles?: (root: string, ref: string) => Promise<string[]>;
  /** A baseline file, relative to `root` or absolute: findings it holds are not reported. */
  readonly baseline?: string;
  readonly onProgress?: (progress: CheckProgress) => void;
  /**
   * Where to cache module facts and analysis results across runs, relative to `root` or
   * absolute; in memory only (nothing reused across runs) when absent.
   */
  readonly cacheDir?: string;
  /** Analyse one shard of the project and report only findings in its files. */
  readonly shard?: ShardSpec;
  /** A heap limit the run checks between phases; past it, a `MemoryLimitError` names the part. */
  readonly memory?: MemoryBudget;
  /** Receives the cache's hit and miss counts at the end of the run. */
  readonly onCache?: (counters: CacheCounters) => void;
  /** Limits of the code analysis to raise (`--limit`); past one, a part is `analysis-incomplete`. */
  readonly limits?: Partial<AnalysisLimits>;
  /**
   * The root of the repository `root` is in, for `Report.directory`; found with git when absent
   * (and `root` itself outside a repository).
   */
  readonly repositoryRoot?: string;
}
/**
 * Loads the policy, runs the policy rules and the code analysis, applies suppressions, the
 * changed-files filter and the baseline, and returns a deterministic report.
 */
declare function check(options: CheckOptions): Promise<Report>;

/** git exited with an error; the message holds the first line git printed about it. */
declare class GitCommandError extends Error {
  readonly name: string;
}
/** Options of `runGit`. */
interface RunGitOptions {
  /** The largest output accepted, in bytes (default 512 MiB). */
  readonly maxBuffer?: number;
}
/**
 * Runs the `git` on the PATH in `cwd` with `args`, never through a shell, and resolves with its
 * standard output; rejects with a `GitCommandError` naming the subcommand and git's first line.
 * Pathspecs are literal (`--literal-pathspecs`), so a file named `:(glob)*` is just a file.
 */
declare function runGit(
  cwd: string,
  args: readonly string[],
  options?: RunGitOptions,
): Promise<string>;
/**
 * Lists the files under `root` that a branch changed since git ref `ref` (committed, staged,
 * unstaged or untracked), relative to `root` with forward slashes, sorted. Changes are counted
 * from the merge base of `ref` and HEAD, so commits that landed on `ref` after the branch forked
 * are not the branch's changes; without a merge base (a shallow clone), from `ref` itself.
 */
declare function listChangedFiles(root: string, ref: string): Promise<string[]>;

/** A path Consentry refuses to write: outside the workspace, a link, or not its own file. */
declare class OutputRefusedError extends ConfigError {
  readonly name: string;
}
/**
 * The workspace writes are confined to, for a shell run in `dir`: the top of the git
 * repository that holds it (the nearest directory with a `.git`), else `dir` itself.
 */
declare function findWorkspace(dir: string): string;
/**
 * Resolves where writing `file` really lands, through the real path of its nearest existing
 * directory, and throws an `OutputRefusedError` (named after `option`) when that is outside the
 * real `workspace`, or when `file` is a symbolic link (dangling or not) or not a regular file.
 */
declare function confineOutputPath(workspace: string, file: string, option: string): string;

/** Options of the human-readable formatter. */
interface PrettyOptions {
  /** Colour with ANSI escapes; the shell decides (a terminal, `FORCE_COLOR`, `NO_COLOR`, `--color`). */
  readonly color?: boolean;
  /**
   * Where to show paths from: the analysed directory as a path from the reader's working
   * directory (`apps/chat`, `..`), so each path opens from there, as tsc prints them. Paths stay
   * relative to the analysed directory when absent.
   */
  readonly directory?: string;
}
/**
 * Renders a report for people: findings grouped by file, each with a code frame, the flow from
 * source to sink as numbered steps, and a summary line.
 */
declare function formatPretty(input: Report, options?: PrettyOptions): string;

/** The output formats of `consentry check`. */
declare const REPORT_FORMATS: readonly ['pretty', 'json', 'sarif', 'markdown'];
/** One of `REPORT_FORMATS`. */
type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Whether a string names a report format. */
declare function isReportFormat(value: string): value is ReportFormat;
/** Options of `formatReport`: each format reads the ones that concern it. */
interface FormatOptions extends PrettyOptions {
  /** For `sarif`: the run's category (`automationDetails.id`). */
  readonly sarifCategory?: string;
}
/** Renders a report in a format. */
declare function formatReport(
  report: Report,
  format: ReportFormat,
  options?: FormatOptions,
): string;

/** A named place in the analysed code: a file relative to the analysed directory, a 1-based line, a symbol. */
interface CodeSymbol {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** The function, method or export at that place, e.g. `exportTrainingRows` or `TrainingQueue.push`. */
  readonly symbol: string;
  /** What is there, e.g. "`TrainingQueue.push` (marked @processes)" or the guard as written. */
  readonly description?: string;
}
/** A guard that enforces one tier's guarantee for a purpose (a consent check, a tier filter…). */
interface TierGuard extends CodeSymbol {
  /** The tier id of the policy whose guarantee the guard enforces. */
  readonly tier: string;
}
/** What the code shows about one purpose. */
interface PurposeEvidence {
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
interface CodeEvidence {
  readonly purposes: Readonly<Record<string, PurposeEvidence | undefined>>;
}

/** The version of the record's shape; `schemas/record.schema.json` describes version 2. */
declare const RECORD_VERSION = 2;
/** The text every rendered record carries, so `writeRecord` knows a file it may replace. */
declare const RECORD_MARKER = 'Generated by Consentry';
/** A person or organisation and how to reach them. */
interface RecordParty {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly url?: string;
}
/** The controller and its contacts (GDPR Art. 30(1)(a)). */
interface RecordController extends RecordParty {
  readonly dpo?: RecordParty;
  readonly euRepresentative?: RecordParty;
  readonly jointControllers: readonly RecordParty[];
}
/** A category of data subjects. */
interface RecordSubject {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}
/** A category of personal data as one activity processes it. */
interface RecordCategory {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Special-category data (Art. 9). */
  readonly special: boolean;
  /** The Art. 9(2) condition, as its letter. */
  readonly article9Condition?: string;
  /** Data about children. */
  readonly minors: boolean;
  /** ISO 8601 duration the category is kept (Art. 30(1)(f)). */
  readonly retention?: string;
  readonly source?: string;
}
/** A recipient or processor (Art. 30(1)(d)). */
interface RecordRecipient {
  readonly name: string;
  readonly role: 'processor' | 'sub-processor' | 'recipient' | 'joint-controller';
  readonly country?: string;
  readonly description?: string;
}
/** A transfer to a third country or international organisation (Art. 30(1)(e)). */
interface RecordTransfer {
  readonly country: string;
  readonly recipient?: string;
  readonly safeguard:
    | 'adequacy-decision'
    | 'standard-contractual-clauses'
    | 'binding-corporate-rules'
    | 'certification'
    | 'code-of-conduct'
    | 'derogation';
  readonly documentation?: string;
}
/** A right the people concerned have for this activity, given its legal basis. */
interface RecordRight {
  /** The GDPR article, e.g. `Art. 21`. */
  readonly article: string;
  readonly name: string;
}
/** What one tier is guaranteed for one activity; `guarantee` is absent when the policy says nothing. */
interface RecordTier {
  readonly id: string;
  readonly name: string;
  readonly paid: boolean;
  readonly guarantee?: {
    readonly control: Guarantee['control'];
    readonly mechanism: Guarantee['mechanism'];
    readonly default: Guarantee['default'];
    readonly freeOfCharge: boolean;
    readonly reasonsRequired: boolean;
    readonly expiresAfter?: string;
    readonly notice?: {
      readonly period: string;
      readonly channel?: string;
    };
  };
}
/**
 * A place in the code as the record names it: a function in a file, never a line, so the record
 * does not change when code moves within a file.
 */
interface RecordPlace {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  /** The function, method or export, e.g. `NightlyTrainingExport.run`. */
  readonly symbol: string;
  /** What is there: the sink, or the guard as written. */
  readonly description?: string;
}
/** One line of the evidence appendix: where exactly the analysis saw a sink or a guard. */
interface RecordEvidence {
  /** The activity (purpose id). */
  readonly activity: string;
  /** A sink of the purpose, a guard for a tier, or a sink a tier reaches without a guard. */
  readonly role: 'sink' | 'guard' | 'unguarded';
  /** For `guard` and `unguarded`: the tier. */
  readonly tier?: string;
  readonly file: string;
  readonly symbol: string;
  readonly line: number;
}
/** Where an activity happens in the code, when code evidence was given. */
interface RecordCode {
  /** Where data is used for the purpose, sorted by file and function. */
  readonly sinks: readonly RecordPlace[];
  /**
   * Functions that check or select data for the purpose (a consent filter, an assertion, route
   * middleware): processing for the purpose even where the analysis knows no sink of it.
   */
  readonly checks: readonly RecordPlace[];
  /** Category ids seen reaching the sinks, sorted. */
  readonly categoriesSeen: readonly string[];
  /** Categories seen in the code that the policy does not list for this purpose. */
  readonly undeclaredCategories: readonly string[];
  /**
   * For every tier of the policy, the guards that enforce its guarantee (maybe none), and the
   * sinks its personal data reaches on some path without a guard.
   */
  readonly guards: readonly {
    readonly tier: string;
    readonly guards: readonly RecordPlace[];
    readonly unguardedSinks: readonly RecordPlace[];
  }[];
}
/** One processing activity: one purpose of the policy with everything Art. 30(1) asks about it. */
interface ProcessingActivity {
  /** The purpose id. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kind: PurposeKind;
  readonly kindName: string;
  /** Whether the activity trains or fine-tunes a model. */
  readonly training: boolean;
  readonly legalBasis: {
    readonly basis: LegalBasis;
    readonly name: string;
    readonly article: string;
  };
  readonly legitimateInterestAssessment?: string;
  readonly dpia?: {
    readonly status: 'not-required' | 'planned' | 'in-progress' | 'completed';
    readonly reference?: string;
  };
  readonly subjects: readonly RecordSubject[];
  readonly categories: readonly RecordCategory[];
  /** Absent when the policy does not say; empty when it says nobody receives the data. */
  readonly recipients?: readonly RecordRecipient[];
  readonly transfers: readonly RecordTransfer[];
  /** ISO 8601 duration data processed for this purpose is kept. */
  readonly retention?: string;
  readonly securityMeasures: readonly string[];
  readonly rights: readonly RecordRight[];
  readonly tiers: readonly RecordTier[];
  /** Present only when the record was built with code evidence. */
  readonly code?: RecordCode;
}
/** The GDPR Art. 30(1) record of processing activities of one controller, built from its policy. */
interface ProcessingRecord {
  readonly recordVersion: typeof RECORD_VERSION;
  /** The policy file, relative to the analysed directory. */
  readonly policyFile: string;
  /** The policy's own version and date (`revision`), when it states them. */
  readonly policyRevision?: {
    readonly version?: string;
    readonly date?: string;
  };
  /** ISO 8601 time the record was generated; only when asked for, so records stay reproducible. */
  readonly generatedAt?: string;
  /** Whether code evidence went into the record. */
  readonly withCodeEvidence: boolean;
  readonly controller: RecordController;
  /** One per purpose, sorted by purpose id. */
  readonly activities: readonly ProcessingActivity[];
  /**
   * With code evidence: the line of every sink and guard, sorted, for a reader who wants to go
   * to the code. `ropa --check` leaves it out of the comparison: it changes with every edit.
   */
  readonly evidence?: readonly RecordEvidence[];
}
/** What `buildRecord` needs: the policy, where it was read from, and optionally code evidence. */
interface BuildRecordInput {
  /** A loaded policy (`loadPolicy`), or any policy with the file it came from. */
  readonly policy: {
    readonly policy: ConsentryPolicy;
    readonly file: string;
  };
  /** The analysed directory; the policy file and evidence paths are made relative to it. */
  readonly root: string;
  /** What the code analysis found; without it the record is built from the policy alone. */
  readonly evidence?: CodeEvidence;
  /** Stamp the record with this time; leave out for byte-identical output. */
  readonly generatedAt?: Date;
}
/** Builds the record of processing from a policy and, when given, code evidence; deterministic. */
declare function buildRecord(input: BuildRecordInput): ProcessingRecord;

/** The register templates the CSV output can follow. */
type CsvTemplate = 'cnil' | 'ico';
/** The CSV templates, the default first. */
declare const CSV_TEMPLATES: readonly CsvTemplate[];

/** The formats a record renders to; Markdown is the default, meant to be committed. */
type RecordFormat = 'markdown' | 'html' | 'csv' | 'json' | 'jsonld';
/** Every record format, the default first. */
declare const RECORD_FORMATS: readonly RecordFormat[];
/** The usual file extension of each record format. */
declare const RECORD_FILE_EXTENSIONS: Readonly<Record<RecordFormat, string>>;
/** Options of `renderRecord`. */
interface RenderRecordOptions {
  /** For `csv`: the columns of the CNIL register (default) or of the ICO documentation template. */
  readonly csvTemplate?: CsvTemplate;
}
/** Whether a string names a record format. */
declare function isRecordFormat(value: string): value is RecordFormat;
/** Renders a record; the same record always gives the same bytes. */
declare function renderRecord(
  record: ProcessingRecord,
  format?: RecordFormat,
  options?: RenderRecordOptions,
): string;
/** Whether text is a record Consentry rendered (in any format), judged by the marker near its start. */
declare function isGeneratedRecord(content: string): boolean;

/** The file extensions each report format is written to, the usual one first. */
declare const REPORT_FILE_EXTENSIONS: Readonly<Record<ReportFormat, readonly string[]>>;
/**
 * The format a report is written in to `file`: `format` when given, else the one its extension
 * names. Throws a `UsageError` (naming `option`) when the extension names no report format, or
 * another format than `format`, so a `.sarif` file never holds Markdown.
 */
declare function reportFormatForFile(
  file: string,
  format: ReportFormat | undefined,
  option?: string,
): ReportFormat;
/** As `reportFormatForFile`, for a record of processing (`.md`, `.html`, `.csv`, `.json`, `.jsonld`). */
declare function recordFormatForFile(
  file: string,
  format: RecordFormat | undefined,
  option?: string,
): RecordFormat;

/** What Consentry writes to a file: a report, a baseline or a record of processing. */
type OutputKind = 'report' | 'baseline' | 'record';
/** Whether `text` is an output of `kind` that Consentry wrote, so that it may be replaced. */
declare function isOwnOutput(kind: OutputKind, text: string): boolean;
/** The policy file a command reads in `root` when no --policy names one, if there is one. */
declare function findPolicyFile(root: string): string | undefined;
/**
 * Whether `text` is a report `consentry check` (or `merge`) wrote: JSON with its tool and report
 * version, SARIF whose every run is consentry's, Markdown with its heading and generator line, or
 * the pretty format, which ends with its summary line.
 */
declare function isConsentryReport(text: string): boolean;
/** Whether `text` is a baseline `consentry check --write-baseline` wrote. */
declare function isConsentryBaseline(text: string): boolean;

/** How many characters a value keeps in human-readable output before it is cut with "…". */
declare const SAFE_TEXT_LIMIT = 1000;
/** Options of `toSafeText`. */
interface SafeTextOptions {
  /** The most characters kept, the ellipsis included (default `SAFE_TEXT_LIMIT`). */
  readonly limit?: number;
  /** Keep tab characters (a line of source code, whose caret line needs them). */
  readonly keepTabs?: boolean;
}
/**
 * Makes text from the policy, the code or the file system safe to show: control and
 * bidirectional characters become visible escapes (`\n`, `\u{1b}`, `\u{202e}`), a long value is
 * cut with an ellipsis, and neither a leading `::` nor a `##[` anywhere can start a GitHub
 * Actions workflow command in a log.
 */
declare function toSafeText(value: string, options?: SafeTextOptions): string;
/**
 * Neutralises a CSV cell as OWASP's CSV-injection guidance says: a cell that starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
 * text. Control and bidirectional characters are escaped as in `toSafeText`, but for the tabs
 * and line breaks a quoted CSV field holds as they are.
 */
declare function toSafeCsvCell(value: string): string;
/** Options of `toDisplayReport`. */
interface DisplayReportOptions {
  /** Escape file paths too (text for people); SARIF keeps them, as URIs must name the file. */
  readonly paths?: boolean;
}
/**
 * The report with every value that comes from the policy, the code or the file system passed
 * through `toSafeText`: what the pretty, Markdown and SARIF formatters, and the Action, show.
 */
declare function toDisplayReport(report: Report, options?: DisplayReportOptions): Report;

/** A file Consentry is about to write, and the rules it is written under. */
interface OutputTarget {
  /** The absolute path of the file. */
  readonly file: string;
  /** Writes are confined to this directory (the repository, or `GITHUB_WORKSPACE`). */
  readonly workspace: string;
  /** What is written: an existing file is replaced only if it is one of these Consentry wrote. */
  readonly kind: OutputKind;
  /** How the user named the file, for messages: `--output`, `input "sarif-file"`… */
  readonly option: string;
  /** The policy file in use, when there is one: never replaced, even with `force`. */
  readonly policyFile?: string;
  /** Replace an existing file Consentry did not write; absent when the shell offers no `--force`. */
  readonly force?: boolean;
}
/**
 * Checks that `target` may be written and returns where it lands: inside the workspace (through
 * the real path of its directory), not a link or a directory, not the policy, and either absent
 * or a file of the same kind Consentry wrote (or `force`). Throws an `OutputRefusedError` naming
 * the file otherwise.
 */
declare function assertOutputWritable(target: OutputTarget): Promise<string>;
/**
 * Writes `text` to `target` once `assertOutputWritable` allows it, atomically (a temporary file
 * beside it, then a rename), creating its directory; a reader never sees half a file.
 */
declare function writeOutput(target: OutputTarget, text: string): Promise<void>;

/** A rule the analyzer knows: its id, where it comes from and its documentation. */
interface RegisteredRule {
  readonly id: string;
  readonly origin: RuleOrigin;
  readonly meta: RuleMeta;
}
/** Every rule the analyzer can report, sorted by id. */
declare function listRules(): RegisteredRule[];
/** The rule with this id, or undefined. */
declare function getRule(id: string): RegisteredRule | undefined;

/** Renders a report as the JSON document described by `schemas/report.schema.json`. */
declare function formatJson(report: Report): string;

/**
 * Renders a report as Markdown for a pull-request comment or a CI job summary: a summary table,
 * then one section per finding with its code line and flow.
 */
declare function formatMarkdown(input: Report): string;

/** Options of the SARIF formatter. */
interface SarifOptions {
  /**
   * The run's category (`runAutomationDetails.id`), to keep apart uploads of several checks of
   * one repository; without it the run has no `automationDetails`, so that codeql-action's
   * `category` input applies.
   */
  readonly category?: string;
}
/**
 * Renders a report as SARIF 2.1.0 for GitHub code scanning: rules with help, security
 * severities and tags; results with stable fingerprints and code flows from source to sink;
 * every URI relative to the repository root (`%SRCROOT%`).
 */
declare function formatSarif(input: Report, options?: SarifOptions): string;
/**
 * A report path (relative to the analysed directory) as a path from the repository root, given
 * `Report.directory`.
 */
declare function repositoryPath(directory: string, file: string): string;

/** Whether a committed record still matches what the policy and the code give now. */
interface RecordCheck {
  /** The record file, as the caller named it. */
  readonly file: string;
  /** True when the file exists and equals the expected content (line endings aside). */
  readonly upToDate: boolean;
  /** True when there is no file at all. */
  readonly missing: boolean;
  /** A unified diff from the committed file to the expected content; empty when up to date. */
  readonly diff: string;
}
/**
 * Compares the record committed at `file` with `expectedContent` (a fresh `renderRecord`), and
 * says whether it is stale, with a readable line diff. CRLF and LF line endings compare equal, so
 * a checkout with `core.autocrlf` is not reported.
 */
declare function checkRecord(file: string, expectedContent: string): Promise<RecordCheck>;

/** Options of `diffLines`. */
interface DiffOptions {
  /** Label of the old text in the `---` header. */
  readonly fromLabel?: string;
  /** Label of the new text in the `+++` header. */
  readonly toLabel?: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}
/**
 * A unified diff (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks) from `before` to `after`, line by
 * line, computed by jsdiff; the empty string when they are equal.
 */
declare function diffLines(before: string, after: string, options?: DiffOptions): string;

/**
 * Groups the engine's sinks and guards by the purposes of the policy: a sink counts for every
 * purpose it serves, a guard for every purpose it checks and every tier it establishes; purposes
 * the policy does not declare are left out (`undeclared-purpose` reports them).
 */
declare function toCodeEvidence(evidence: AnalysisEvidence, policy: ConsentryPolicy): CodeEvidence;
/** What `buildProjectRecord` reads: a project directory, its policy and its tsconfig. */
interface ProjectRecordOptions {
  /** The analysed directory; every path in the record is relative to it. */
  readonly root: string;
  /** The policy file, relative to `root` or absolute; default `consentry.yaml` (or `.yml`, `.policy.ts`) in `root`. */
  readonly policyFile?: string;
  /** The tsconfig.json to analyse the code with, relative to `root`; `tsconfig.json` in `root` by default. */
  readonly tsconfig?: string;
  /** Build from the policy alone, without reading the code. */
  readonly policyOnly?: boolean;
  /**
   * The cache `check` keeps (`--cache-dir`), read but never written: a record built right after a
   * full `check` of the same code reuses its analysis instead of running it again.
   */
  readonly cacheDir?: string;
  /** Raised limits of the code analysis, as `check --limit` takes them; a check with the same limits shares its cached analysis. */
  readonly limits?: Partial<AnalysisLimits>;
  /** Told what the cache reused (tests, the curious). */
  readonly onCache?: (counters: CacheCounters) => void;
  /** Stamp the record with this time; leave out for byte-identical output. */
  readonly generatedAt?: Date;
}
/** A record built for a project, with what the code analysis could not read. */
interface ProjectRecord {
  readonly record: ProcessingRecord;
  readonly policy: LoadedPolicy;
  /** What the code analysis degraded (unresolved modules, syntax errors). */
  readonly diagnostics: readonly Diagnostic[];
  /** Files, functions or expressions the analysis could not analyse (`analysis-incomplete`); the record may miss processing there. */
  readonly incomplete: readonly Finding[];
}
/**
 * Loads a project's policy, analyses its code, and builds the record of processing from both:
 * every activity says where in the code it happens and which guard enforces each tier's
 * guarantee. Throws a `ConfigError` (file, line, column) when the policy is broken.
 */
declare function buildProjectRecord(options: ProjectRecordOptions): Promise<ProjectRecord>;

/** The `$id` of `schemas/record.schema.json`, which every JSON record names as its `$schema`. */
declare const RECORD_SCHEMA_ID = 'https://consentry.dev/schemas/record/v2.json';

/** Options of `writeRecord`. */
interface WriteRecordOptions {
  /** Replace the file even when it is not a previous record (never the policy file). */
  readonly force?: boolean;
  /**
   * The directory the write is confined to (default: the git repository that holds the file,
   * else its directory); a path that resolves outside it, or a link, is refused.
   */
  readonly workspace?: string;
  /** The policy file the record is built from: never replaced. */
  readonly policyFile?: string;
}
/**
 * Writes a rendered record to `file` atomically (a temporary file in the same directory, then a
 * rename), creating the directory if needed. Throws an `OutputRefusedError` naming the file when
 * it exists and is not a previous record (unless `force`), or when it is a link, a directory, the
 * policy, or outside the workspace.
 */
declare function writeRecord(
  file: string,
  content: string,
  options?: WriteRecordOptions,
): Promise<void>;

/** Reads the Markdown docs page of a rule, or undefined when it has none. */
declare function readRuleDocs(ruleId: string): Promise<string | undefined>;

/**
 * The code rules, run by `analyzeCode` on the events of the code analysis. The rules that compare
 * the code with the policy (`excluded-tier-unchecked`, `purpose-unused`, `undeclared-category`)
 * listen to the `evidence` event, sent once at the end with every sink and guard and the policy.
 */
declare const codeRules: readonly RuleDefinition[];

/** The rules that read the policy itself, sorted by id; each lives in `src/rules/<id>.ts`. */
declare const policyRules: readonly RuleDefinition[];
/** Options of `runPolicyRules`. */
interface PolicyRuleOptions {
  /** The analysed directory: finding paths are relative to it. Default: paths as the policy names them. */
  readonly root?: string;
  /** Run only these rules (default: all of `policyRules`). */
  readonly rules?: readonly RuleDefinition[];
}
/** Runs the policy rules over a loaded policy; findings point at the offending YAML or TS node, sorted. */
declare function runPolicyRules(loaded: LoadedPolicy, options?: PolicyRuleOptions): Finding[];

/** A `consentry-ignore` comment found in a source or policy file. */
interface Suppression {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  /** Where the comment is; 1-based. */
  readonly line: number;
  readonly column: number;
  /** The line whose findings the comment silences. */
  readonly targetLine: number;
  /** The rule id the comment names, when it names exactly one. */
  readonly ruleId: string | undefined;
  /** The text after `--`, trimmed; empty when missing. */
  readonly reason: string;
  /** What is wrong with the comment's syntax, when something is. */
  readonly malformed?: string;
}
/** The rule that reports a malformed suppression or one that names an unknown rule. */
declare const INVALID_SUPPRESSION = 'invalid-suppression';
/** The rule that reports a suppression that silences nothing. */
declare const UNUSED_SUPPRESSION = 'unused-suppression';
/**
 * Finds the suppression comments of one file; `#` comments count only in YAML files, so a `#`
 * inside code (a private field, a URL fragment) is never taken for one.
 */
declare function parseSuppressions(file: string, text: string): Suppression[];
/** What applying suppressions left: the findings still reported, and how many were silenced. */
interface SuppressionResult {
  /** Unsuppressed findings, plus findings about invalid and unused suppressions. */
  readonly findings: Finding[];
  readonly suppressed: number;
  /** The suppressions that silenced at least one finding, in file and line order. */
  readonly applied: readonly Suppression[];
}
/**
 * Removes the findings that a valid suppression names on their line, and reports each invalid
 * suppression (no reason, unknown rule) as an error and each one that matched nothing as a note.
 */
declare function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  knownRules: ReadonlySet<string>,
): SuppressionResult;

/** The analyzer's version, reported in every output format; a test keeps it equal to package.json. */
declare const VERSION = '0.1.0';
/** The tool's name as it appears in reports and SARIF. */
declare const TOOL_NAME = 'consentry';

export {
  type AiVendor,
  type AnalysisEvidence,
  type AnalysisIncompleteEvent,
  type AnalysisLimits,
  type AnalysisProgress,
  type AnalyzeCodeOptions,
  aiVendors,
  analyzeCode,
  applyBaseline,
  applySuppressions,
  assertOutputWritable,
  type Baseline,
  type BuildRecordInput,
  buildProjectRecord,
  buildRecord,
  type CacheCounters,
  type CatalogueCondition,
  type CatalogueData,
  type CheckCallEvent,
  type CheckOptions,
  type CheckProgress,
  type CodeAnalysis,
  type CodeEvents,
  type CodeEvidence,
  type CodeSymbol,
  CSV_TEMPLATES,
  type CsvTemplate,
  check,
  checkRecord,
  codeRules,
  compareDiagnostics,
  compareFindings,
  compareSeverity,
  confineOutputPath,
  countUnresolvedMappings,
  createBaseline,
  DEFAULT_LIMITS,
  type Diagnostic,
  type DiagnosticCode,
  type DiffOptions,
  type DisplayReportOptions,
  defineRule,
  diffLines,
  type EvidenceEvent,
  type FailOn,
  type Finding,
  type FlowStep,
  type FormatOptions,
  failsAt,
  findPolicyFile,
  findWorkspace,
  fingerprintFindings,
  formatJson,
  formatMarkdown,
  formatPretty,
  formatReport,
  formatSarif,
  GitCommandError,
  type GuaranteeReference,
  type GuardEvidence,
  getRule,
  hasFailures,
  INVALID_SUPPRESSION,
  isConsentryBaseline,
  isConsentryReport,
  isGeneratedRecord,
  isOwnOutput,
  isRecordFormat,
  isReportFormat,
  LIMIT_NAMES,
  type LimitName,
  type Location,
  listChangedFiles,
  listRules,
  type MemoryBudget,
  type OutputKind,
  OutputRefusedError,
  OutputRefusedError as RecordOverwriteError,
  type OutputTarget,
  type PolicyEvent,
  type PolicyRuleOptions,
  type PrettyOptions,
  type ProcessingActivity,
  type ProcessingRecord,
  type ProgramAnalysis,
  type ProgramOptions,
  type ProjectRecord,
  type ProjectRecordOptions,
  type PurposeEvidence,
  type PurposeReferenceEvent,
  parseBaseline,
  parseLimitSettings,
  parseSuppressions,
  policyRules,
  RECORD_FILE_EXTENSIONS,
  RECORD_FORMATS,
  RECORD_MARKER,
  RECORD_SCHEMA_ID,
  RECORD_VERSION,
  REPORT_FILE_EXTENSIONS,
  REPORT_FORMATS,
  type RecordCategory,
  type RecordCheck,
  type RecordCode,
  type RecordController,
  type RecordEvidence,
  type RecordFormat,
  type RecordParty,
  type RecordPlace,
  type RecordRecipient,
  type RecordRight,
  type RecordSubject,
  type RecordTier,
  type RecordTransfer,
  type RegisteredRule,
  type RenderRecordOptions,
  type Report,
  type ReportDescriptor,
  type ReportDiagnostic,
  type ReportFinding,
  type ReportFormat,
  type ReportRule,
  type ReportStats,
  type ReportSuppression,
  type RuleContext,
  type RuleDefinition,
  type RuleEvents,
  type RuleListeners,
  type RuleMeta,
  type RuleOrigin,
  type RunGitOptions,
  readRuleDocs,
  recordFormatForFile,
  renderRecord,
  reportFormatForFile,
  repositoryPath,
  runGit,
  runPolicyRules,
  SAFE_TEXT_LIMIT,
  type SafeTextOptions,
  type SarifOptions,
  SEVERITIES,
  type Severity,
  type ShardSpec,
  type ShardVote,
  type SinkEvidence,
  type Suppression,
  type SuppressionResult,
  type TierGuard,
  TOOL_NAME,
  type TrainingApiEntry,
  toCodeEvidence,
  toDisplayReport,
  toSafeCsvCell,
  toSafeText,
  trainingApis,
  UNUSED_SUPPRESSION,
  type UnguardedFlowEvent,
  type UntracedTrainingEvent,
  UsageError,
  VERSION,
  type VendorTrainingApi,
  type WriteRecordOptions,
  writeOutput,
  writeRecord,
};
