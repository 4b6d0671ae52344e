import { compareText } from '@consentry/policy';
import type { ReportFinding } from './baseline.js';
import { compareDiagnostics } from './code/diagnostics.js';
import { UsageError } from './errors.js';
import { compareFindings, type Severity, type ShardVote } from './findings.js';
import { formatJson } from './report/json.js';
import type { Report, ReportDiagnostic, ReportRule, ReportSuppression } from './report/report.js';

/** A report to merge: its name (for error messages) and its text. */
export interface ReportInput {
  readonly name: string;
  readonly text: string;
}

/** The merged report: its format (that of the inputs), its text, and its findings' severities. */
export interface MergedReport {
  readonly format: 'json' | 'sarif';
  readonly text: string;
  readonly severities: readonly Severity[];
}

/**
 * Merges JSON or SARIF reports of one project (for example of `--shard` runs) into one: findings
 * that several reports hold appear once, and everything is sorted, so the order of the inputs
 * does not change the output. All inputs must have the same format.
 */
export function mergeReports(inputs: readonly ReportInput[]): MergedReport {
  if (inputs.length === 0) throw new UsageError('merge needs at least one report');
  const parsed = inputs.map((input) => {
    let value: unknown;
    try {
      value = JSON.parse(input.text);
    } catch {
      throw new UsageError(`${input.name}: not a JSON or SARIF report (invalid JSON)`);
    }
    const format = formatOf(value);
    if (!format) throw new UsageError(`${input.name}: not a consentry JSON or SARIF report`);
    return { name: input.name, format, value: value as Record<string, unknown> };
  });
  const format = parsed[0]!.format;
  const other = parsed.find((input) => input.format !== format);
  if (other) {
    throw new UsageError(`${other.name} is ${other.format} but ${parsed[0]!.name} is ${format}`);
  }
  return format === 'json'
    ? mergeJson(parsed.map((input) => input.value as unknown as JsonReport))
    : mergeSarif(parsed.map((input) => input.value as unknown as SarifLog));
}

function formatOf(value: unknown): 'json' | 'sarif' | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.version === '2.1.0' && Array.isArray(record.runs) && record.runs.length > 0) {
    return 'sarif';
  }
  if (typeof record.reportVersion === 'number' && Array.isArray(record.findings)) return 'json';
  return undefined;
}

interface JsonReport {
  readonly tool: Report['tool'];
  readonly policyFile: string;
  readonly directory?: string;
  readonly defaultPolicy?: true;
  readonly changedSince?: string;
  readonly summary: Record<string, number>;
  readonly findings: ReportFinding[];
  readonly diagnostics: ReportDiagnostic[];
  readonly suppressions: ReportSuppression[];
  readonly rules: ReportRule[];
}

function mergeJson(reports: readonly JsonReport[]): MergedReport {
  const first = reports[0]!;
  const findings = unique(
    settleVotes(
      reports.flatMap((report) => report.findings),
      (finding) =>
        `${finding.ruleId}\0${finding.fingerprint}\0${finding.file}\0${finding.line}\0${finding.column}`,
      (finding) => finding.shardVote,
      ({ shardVote: _vote, ...finding }) => finding,
    ),
    (finding) =>
      `${finding.ruleId}\0${finding.fingerprint}\0${finding.file}\0${finding.line}\0${finding.column}`,
  ).sort(compareFindings);
  const diagnostics = unique(
    reports.flatMap((report) => report.diagnostics),
    (diagnostic) => JSON.stringify(diagnostic),
  ).sort(compareDiagnostics);
  const suppressions = unique(
    reports.flatMap((report) => report.suppressions ?? []),
    (s) => `${s.ruleId}\0${s.file}\0${s.line}`,
  ).sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.ruleId, b.ruleId),
  );
  const rules = unique(
    reports.flatMap((report) => report.rules),
    (rule) => rule.id,
  ).sort((a, b) => compareText(a.id, b.id));
  const sum = (key: string) =>
    reports.reduce((total, report) => total + (report.summary[key] ?? 0), 0);
  const report: Report = {
    tool: first.tool,
    policyFile: first.policyFile,
    // A report that names no directory is read as one of the repository root.
    directory: first.directory ?? '.',
    ...(first.defaultPolicy === true ? { defaultPolicy: true } : {}),
    ...(first.changedSince === undefined ? {} : { changedSince: first.changedSince }),
    findings,
    diagnostics,
    suppressions,
    rules,
    stats: {
      files: sum('files'),
      functions: sum('functions'),
      suppressed: sum('suppressed'),
      baselined: sum('baselined'),
      unchanged: sum('unchanged'),
    },
  };
  return { format: 'json', text: formatJson(report), severities: findings.map((f) => f.severity) };
}

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  locations?: {
    physicalLocation?: {
      artifactLocation?: { uri?: string };
      region?: { startLine?: number; startColumn?: number };
    };
  }[];
  partialFingerprints?: Record<string, string>;
  properties?: { shardVote?: ShardVote } & Record<string, unknown>;
}
interface SarifRun {
  tool: { driver: { rules?: { id: string }[] } & Record<string, unknown> };
  results?: SarifResult[];
}
interface SarifLog {
  runs: SarifRun[];
}

function mergeSarif(logs: readonly SarifLog[]): MergedReport {
  const runs = logs.flatMap((log) => log.runs);
  const rules = unique(
    runs.flatMap((run) => run.tool.driver.rules ?? []),
    (rule) => rule.id,
  ).sort((a, b) => compareText(a.id, b.id));
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const where = (result: SarifResult) => {
    const location = result.locations?.[0]?.physicalLocation;
    return {
      uri: location?.artifactLocation?.uri ?? '',
      line: location?.region?.startLine ?? 0,
      column: location?.region?.startColumn ?? 0,
    };
  };
  const resultKey = (result: SarifResult) => {
    const at = where(result);
    return `${result.ruleId}\0${at.uri}\0${at.line}\0${at.column}\0${JSON.stringify(result.partialFingerprints ?? {})}`;
  };
  const results = unique(
    settleVotes(
      runs.flatMap((run) => run.results ?? []),
      resultKey,
      (result) => result.properties?.shardVote,
      ({ properties, ...result }) => {
        const { shardVote: _vote, ...rest } = properties ?? {};
        return { ...result, properties: rest };
      },
    ),
    resultKey,
  )
    .map((result) => ({
      ...result,
      ...(result.ruleId !== undefined && indexOf.has(result.ruleId)
        ? { ruleIndex: indexOf.get(result.ruleId)! }
        : {}),
    }))
    .sort((a, b) => {
      const [x, y] = [where(a), where(b)];
      return (
        compareText(x.uri, y.uri) ||
        x.line - y.line ||
        x.column - y.column ||
        compareText(a.ruleId ?? '', b.ruleId ?? '')
      );
    });
  const first = logs[0]!;
  const run = first.runs[0]!;
  const merged = {
    ...first,
    runs: [{ ...run, tool: { ...run.tool, driver: { ...run.tool.driver, rules } }, results }],
  };
  const severities = results.map(
    (result): Severity =>
      result.level === 'error' ? 'error' : result.level === 'warning' ? 'warning' : 'note',
  );
  return { format: 'sarif', text: `${JSON.stringify(merged, null, 2)}\n`, severities };
}

/**
 * Settles the findings shards vote on (`Finding.shardVote`): one is kept, without its vote, when
 * every one of its shards voted for it and one of them saw processing at all; otherwise it goes.
 * Findings without a vote pass unchanged.
 */
function settleVotes<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  voteOf: (item: T) => ShardVote | undefined,
  withoutVote: (item: T) => T,
): T[] {
  const votes = new Map<string, ShardVote[]>();
  for (const item of items) {
    const vote = voteOf(item);
    if (!vote) continue;
    const key = keyOf(item);
    votes.set(key, [...(votes.get(key) ?? []), vote]);
  }
  const settled: T[] = [];
  for (const item of items) {
    const vote = voteOf(item);
    if (!vote) {
      settled.push(item);
      continue;
    }
    const all = votes.get(keyOf(item)) ?? [];
    const shards = new Set(all.filter((v) => v.count === vote.count).map((v) => v.index));
    if (shards.size === vote.count && all.some((v) => v.processing))
      settled.push(withoutVote(item));
  }
  return settled;
}

function unique<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}
