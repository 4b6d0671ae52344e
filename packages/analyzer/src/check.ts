import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { AnalysisProgress } from './analyze-code.js';
import { applyBaseline, type Baseline, fingerprintFindings, parseBaseline } from './baseline.js';
import { analyzeWithCache, type CacheCounters, type MemoryBudget } from './cache/run-analysis.js';
import { compareDiagnostics } from './code/diagnostics.js';
import { type AnalysisLimits, DEFAULT_LIMITS } from './code/limits.js';
import {
  DEFAULT_POLICY_NAME,
  labelInferredSources,
  loadPolicyOrDefault,
} from './default-policy.js';
import { UsageError } from './errors.js';
import { compareFindings, type Finding } from './findings.js';
import { listChangedFiles, repositoryDirectory } from './git.js';
import { listProjectFiles } from './project-files.js';
import { listRules, type RegisteredRule } from './registry.js';
import type { Report, ReportDiagnostic, ReportRule } from './report/report.js';
import { readRuleDocs } from './rule-docs.js';
import { runPolicyRules } from './rules/policy-rules.js';
import type { ShardSpec } from './shard.js';
import { applySuppressions, parseSuppressions, type Suppression } from './suppressions.js';
import { INFORMATION_URI, RULE_DOCS_URL, TOOL_NAME, VERSION } from './version.js';

/** Progress of a run, for a shell to show. */
export interface CheckProgress {
  /** What the run is doing, e.g. `load` or `summaries (round 1)`. */
  readonly phase: string;
  /** Work done and total in this phase (functions, for the code analysis's phases). */
  readonly done: number;
  readonly total: number;
  /** Source files in the project, before the analysis knows which it covers. */
  readonly projectFiles: number;
  /** Once known: the files and functions the analysis covers, as the report's stats count them. */
  readonly analysed?: { readonly files: number; readonly functions: number };
}

/** What `check()` analyses and how. */
export interface CheckOptions {
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
export async function check(options: CheckOptions): Promise<Report> {
  const root = resolve(options.root);
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new UsageError(`${options.root}: no such directory`);
  // git runs beside the analysis (it never fails: outside a repository the directory is `.`).
  const directory = repositoryDirectory(root, options.repositoryRoot);
  const projectFilesListed = listProjectFiles(root);
  // Settled by the awaits below; a rejection before them must not be unhandled.
  projectFilesListed.catch(() => undefined);

  const { loaded: policy, defaults } = await loadPolicyOrDefault(
    root,
    options.policyFile === undefined ? undefined : resolve(root, options.policyFile),
  );
  // Without a policy file, the default policy is inferred from the code and has no file to check.
  const policyFile = defaults === undefined ? relativeTo(root, policy.file) : undefined;
  const toRelative = (file: string): string => relativeTo(root, file);
  // Read the baseline and find the tsconfig before the slow part, so a wrong path fails at once.
  const tsconfig =
    options.tsconfig === undefined ? undefined : await projectConfig(root, options.tsconfig);
  const baseline =
    options.baseline === undefined ? undefined : await readBaseline(root, options.baseline);

  const changed =
    options.changedSince === undefined
      ? undefined
      : new Set(await (options.listChangedFiles ?? listChangedFiles)(root, options.changedSince));

  const policyFindings = defaults === undefined ? runPolicyRules(policy, { root }) : [];
  const projectFiles = await projectFilesListed;
  const onProgress = options.onProgress;
  const { analysis, owned } = await analyzeWithCache({
    root,
    policy,
    projectFiles,
    ...(tsconfig === undefined ? {} : { tsconfig }),
    ...(changed === undefined ? {} : { changed: [...changed] }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: resolve(root, options.cacheDir) }),
    ...(options.memory === undefined ? {} : { memory: options.memory }),
    ...(options.onCache === undefined ? {} : { onCache: options.onCache }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (progress: AnalysisProgress) =>
            onProgress({ ...progress, projectFiles: projectFiles.length }),
        }),
  });

  const codeFindings =
    defaults === undefined
      ? analysis.findings
      : labelInferredSources(analysis.findings, defaults.sources);
  const raw: Finding[] = [...(owned === undefined ? policyFindings : []), ...codeFindings]
    .map((finding) => relativeFinding(finding, toRelative))
    // A shard reports what lies in its own files; the policy's findings go to the first shard;
    // every shard casts its vote on what only all of them can decide.
    .filter(
      (finding) =>
        owned === undefined || owned.has(finding.file) || finding.shardVote !== undefined,
    );
  if (owned !== undefined && options.shard?.index === 1) {
    raw.push(...policyFindings.map((finding) => relativeFinding(finding, toRelative)));
  }

  const rules = listRules();
  // Files over the analysis's size limit are not analysed (that is reported), so they hold no
  // finding to suppress; a raised limit reads their suppression comments too.
  const maxBytes = options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'];
  const sources = new SourceCache(root, maxBytes);
  // With changed files, a finding can sit in an unchanged file its flow runs through.
  const policyFiles = policyFile === undefined ? [] : [policyFile];
  const suppressionFiles = changed
    ? [...changed, ...raw.map((finding) => finding.file)].filter(
        (file) => policyFiles.includes(file) || isSource(file),
      )
    : owned !== undefined
      ? [...owned, ...raw.map((finding) => finding.file)]
      : [...projectFiles, ...policyFiles];
  const suppressions: Suppression[] = [];
  for (const file of [...new Set(suppressionFiles)].sort()) {
    const text = readSource(resolve(root, file), maxBytes);
    if (text !== undefined) suppressions.push(...parseSuppressions(file, text));
  }
  const suppressed = applySuppressions(raw, suppressions, new Set(rules.map((rule) => rule.id)));

  let findings = suppressed.findings;
  let unchanged = 0;
  if (changed !== undefined) {
    const inChanged = selectChanged(findings, changed);
    unchanged = findings.length - inChanged.length;
    findings = inChanged;
  }
  findings.sort(compareFindings);
  for (const finding of findings) await sources.load(finding.file);
  let reported = fingerprintFindings(findings, (file, line) => sources.line(file, line));

  let baselined = 0;
  if (baseline !== undefined) {
    const applied = applyBaseline(reported, baseline);
    reported = applied.findings;
    baselined = applied.baselined;
  }

  const diagnostics: ReportDiagnostic[] = analysis.diagnostics
    // The default policy's optional mappings are the catalogue's chat-message types across an
    // SDK's versions: one the installed version lacks is no problem of the project's.
    .filter(
      (diagnostic) => defaults === undefined || diagnostic.code !== 'policy-mapping-unresolved',
    )
    .map((diagnostic) => relativeDiagnostic(diagnostic, toRelative))
    .sort(compareDiagnostics);

  return {
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    policyFile: policyFile ?? DEFAULT_POLICY_NAME,
    directory: await directory,
    ...(defaults === undefined ? {} : { defaultPolicy: true }),
    ...(options.changedSince === undefined ? {} : { changedSince: options.changedSince }),
    findings: reported,
    diagnostics,
    suppressions: suppressed.applied
      .filter((suppression) => changed === undefined || changed.has(suppression.file))
      .map(({ ruleId, file, line, reason }) => ({ ruleId: ruleId!, file, line, reason })),
    rules: await Promise.all(rules.map(toReportRule)),
    stats: {
      files: analysis.stats.files,
      functions: analysis.stats.functions,
      suppressed: suppressed.suppressed,
      baselined,
      unchanged,
    },
  };
}

/**
 * The findings in a changed file or whose flow runs through one: a change upstream of a sink (a
 * guard removed in a service) counts for the sink's finding.
 */
export function selectChanged<F extends Finding>(
  findings: readonly F[],
  changed: ReadonlySet<string>,
): F[] {
  return findings.filter(
    (finding) =>
      changed.has(finding.file) || (finding.flow ?? []).some((step) => changed.has(step.file)),
  );
}

/** The tsconfig the caller named, relative to `root` as the code analysis takes it. */
async function projectConfig(root: string, file: string): Promise<string> {
  const path = resolve(root, file);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`${file}: no such tsconfig file`);
  return toSlashes(relative(root, path));
}

async function readBaseline(root: string, file: string): Promise<Baseline> {
  const text = await readFile(resolve(root, file), 'utf8').catch(() => {
    throw new UsageError(`${file}: baseline file not found`);
  });
  return parseBaseline(text, file);
}

async function toReportRule(rule: RegisteredRule): Promise<ReportRule> {
  const docs = await readRuleDocs(rule.id);
  return {
    id: rule.id,
    origin: rule.origin,
    ...rule.meta,
    helpUri: `${RULE_DOCS_URL}${rule.id}.md`,
    ...(docs === undefined ? {} : { docs }),
  };
}

/** Reads project files once each and hands out their lines; files over `maxBytes` are skipped. */
class SourceCache {
  readonly #root: string;
  readonly #maxBytes: number;
  readonly #lines = new Map<string, string[] | undefined>();

  constructor(root: string, maxBytes: number) {
    this.#root = root;
    this.#maxBytes = maxBytes;
  }

  async load(file: string): Promise<void> {
    if (!this.#lines.has(file)) {
      const text = readSource(resolve(this.#root, file), this.#maxBytes);
      this.#lines.set(file, text?.split(/\r?\n/));
    }
  }

  line(file: string, line: number): string | undefined {
    return this.#lines.get(file)?.[line - 1];
  }
}

/**
 * A source file's text, or undefined when it is not a readable file of source size. Synchronous:
 * a run reads every project file here (for suppression comments), and thousands of small
 * synchronous reads take a fraction of the time of as many asynchronous ones.
 */
function readSource(path: string, maxBytes: number): string | undefined {
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function relativeTo(root: string, file: string): string {
  return toSlashes(isAbsolute(file) ? relative(root, file) : file);
}

function toSlashes(path: string): string {
  return path.replaceAll('\\', '/');
}

function relativeFinding(finding: Finding, toRelative: (file: string) => string): Finding {
  return {
    ...finding,
    file: toRelative(finding.file),
    ...(finding.flow === undefined
      ? {}
      : { flow: finding.flow.map((step) => ({ ...step, file: toRelative(step.file) })) }),
  };
}

function relativeDiagnostic(
  diagnostic: ReportDiagnostic,
  toRelative: (file: string) => string,
): ReportDiagnostic {
  return diagnostic.file === undefined
    ? diagnostic
    : { ...diagnostic, file: toRelative(diagnostic.file) };
}

function isSource(file: string): boolean {
  return /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(file);
}
