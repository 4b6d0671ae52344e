import { createHash } from 'node:crypto';
import { ConfigError } from '@consentry/policy';
import type { Finding } from './findings.js';

/** A finding as reported: the finding, its stable fingerprints and the text of its line. */
export interface ReportFinding extends Finding {
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

/** Collapses whitespace so that re-indenting a line keeps its fingerprint. */
export function normaliseCode(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/**
 * Adds fingerprints to sorted findings; `lineText` returns the source text of a line of a file
 * (relative path, 1-based line), or undefined when it cannot be read.
 */
export function fingerprintFindings(
  findings: readonly Finding[],
  lineText: (file: string, line: number) => string | undefined,
): ReportFinding[] {
  const occurrences = new Map<string, number>();
  const lineOccurrences = new Map<string, number>();
  return findings.map((finding) => {
    const snippet = lineText(finding.file, finding.line);
    const code = normaliseCode(snippet ?? '');
    const identity = [finding.ruleId, finding.file, finding.purpose ?? '', code].join('\0');
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    const codeHash = hash(code).slice(0, 16);
    const lineKey = `${finding.file}\0${codeHash}`;
    const lineOccurrence = (lineOccurrences.get(lineKey) ?? 0) + 1;
    lineOccurrences.set(lineKey, lineOccurrence);
    return {
      ...finding,
      fingerprint: hash(`consentry/v1\0${identity}\0${occurrence}`).slice(0, 32),
      lineHash: `${codeHash}:${lineOccurrence}`,
      ...(snippet === undefined ? {} : { snippet }),
    };
  });
}

/** The on-disk form of a baseline: the findings a team accepted when it adopted the tool. */
export interface Baseline {
  readonly version: 1;
  readonly findings: ReadonlyArray<{
    readonly ruleId: string;
    readonly file: string;
    readonly fingerprint: string;
  }>;
}

/** Serialises a baseline of the given findings; sorted, so the file diffs cleanly. */
export function createBaseline(findings: readonly ReportFinding[]): string {
  const entries = findings
    .map(({ ruleId, file, fingerprint }) => ({ ruleId, file, fingerprint }))
    .sort(
      (a, b) =>
        compare(a.file, b.file) ||
        compare(a.ruleId, b.ruleId) ||
        compare(a.fingerprint, b.fingerprint),
    );
  const baseline: Baseline = { version: 1, findings: entries };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file's text; a malformed one is a `ConfigError` located in `file`. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      { file, line: 1, column: 1, message: `baseline is not valid JSON (${detail})` },
    ]);
  }
  if (!isBaseline(data)) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        message:
          'baseline must be { "version": 1, "findings": [{ "ruleId", "file", "fingerprint" }] } ' +
          '(write one with `consentry check --write-baseline FILE`)',
      },
    ]);
  }
  return data;
}

/** Drops the findings whose fingerprint the baseline holds, each baseline entry at most once. */
export function applyBaseline(
  findings: readonly ReportFinding[],
  baseline: Baseline,
): { findings: ReportFinding[]; baselined: number } {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) {
    remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  }
  const kept: ReportFinding[] = [];
  let baselined = 0;
  for (const finding of findings) {
    const count = remaining.get(finding.fingerprint) ?? 0;
    if (count > 0) {
      remaining.set(finding.fingerprint, count - 1);
      baselined += 1;
    } else {
      kept.push(finding);
    }
  }
  return { findings: kept, baselined };
}

function isBaseline(data: unknown): data is Baseline {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as { version?: unknown; findings?: unknown };
  return (
    candidate.version === 1 &&
    Array.isArray(candidate.findings) &&
    candidate.findings.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { fingerprint?: unknown }).fingerprint === 'string' &&
        typeof (entry as { ruleId?: unknown }).ruleId === 'string' &&
        typeof (entry as { file?: unknown }).file === 'string',
    )
  );
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
