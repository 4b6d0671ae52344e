import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_FILE_NAMES } from '@consentry/policy';
import { parseBaseline } from '../baseline.js';
import { isGeneratedRecord } from '../ropa/render.js';
import { TOOL_NAME } from '../version.js';

/** What Consentry writes to a file: a report, a baseline or a record of processing. */
export type OutputKind = 'report' | 'baseline' | 'record';

/** Whether `text` is an output of `kind` that Consentry wrote, so that it may be replaced. */
export function isOwnOutput(kind: OutputKind, text: string): boolean {
  if (kind === 'report') return isConsentryReport(text);
  if (kind === 'baseline') return isConsentryBaseline(text);
  return isGeneratedRecord(text);
}

/** The policy file a command reads in `root` when no --policy names one, if there is one. */
export function findPolicyFile(root: string): string | undefined {
  return POLICY_FILE_NAMES.map((name) => join(root, name)).find((file) => existsSync(file));
}

/**
 * Whether `text` is a report `consentry check` (or `merge`) wrote: JSON with its tool and report
 * version, SARIF whose every run is consentry's, Markdown with its heading and generator line, or
 * the pretty format, which ends with its summary line.
 */
export function isConsentryReport(text: string): boolean {
  if (MARKDOWN_REPORT.test(text) || PRETTY_SUMMARY.test(text)) return true;
  const data = parseJson(text);
  if (!isObject(data)) return false;
  if (typeof data.reportVersion === 'number') {
    return isObject(data.tool) && data.tool.name === TOOL_NAME;
  }
  const runs = data.runs;
  return (
    data.version === '2.1.0' &&
    Array.isArray(runs) &&
    runs.length > 0 &&
    runs.every(
      (entry) =>
        isObject(entry) &&
        isObject(entry.tool) &&
        isObject(entry.tool.driver) &&
        entry.tool.driver.name === TOOL_NAME,
    )
  );
}

/** Whether `text` is a baseline `consentry check --write-baseline` wrote. */
export function isConsentryBaseline(text: string): boolean {
  try {
    parseBaseline(text, 'baseline');
    return true;
  } catch {
    return false;
  }
}

// The first lines formatMarkdown writes: its heading, then "consentry <version> checked the code".
const MARKDOWN_REPORT = new RegExp(
  `^# Consentry report\\r?\\n\\r?\\n${TOOL_NAME} \\S+ checked the code against \``,
);

// The last line formatPretty writes: the counts, then "N files, M functions analysed · policy F".
const PRETTY_SUMMARY =
  /(?:^|\n)(?:No findings|\d+ findings? \(\d+ errors?, \d+ warnings?, \d+ notes?\))(?: · [^\n]*)? · \d+ files?, \d+ functions? analysed · policy [^\n]+\n?$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
