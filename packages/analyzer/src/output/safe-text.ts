import type { Report } from '../report/report.js';

/** How many characters a value keeps in human-readable output before it is cut with "…". */
export const SAFE_TEXT_LIMIT = 1000;

/** Options of `toSafeText`. */
export interface SafeTextOptions {
  /** The most characters kept, the ellipsis included (default `SAFE_TEXT_LIMIT`). */
  readonly limit?: number;
  /** Keep tab characters (a line of source code, whose caret line needs them). */
  readonly keepTabs?: boolean;
}

// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates (the "Trojan Source" characters).
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes text from the policy, the code or the file system safe to show: control and
 * bidirectional characters become visible escapes (`\n`, `\u{1b}`, `\u{202e}`), a long value is
 * cut with an ellipsis, and neither a leading `::` nor a `##[` anywhere can start a GitHub
 * Actions workflow command in a log.
 */
export function toSafeText(value: string, options: SafeTextOptions = {}): string {
  const limit = Math.max(1, options.limit ?? SAFE_TEXT_LIMIT);
  let text = value;
  if (text.length > limit) {
    text = text.slice(0, limit - 1);
    // Never leave half of a surrogate pair before the ellipsis.
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
    text = `${text}…`;
  }
  text = escapeUnsafe(text, options.keepTabs === true ? '\t' : '');
  // The runner reads `::command::` at the start of a line (after blanks), `##[command]` anywhere.
  return text.replace(/^(\s*):(?=:)/, '$1\\u{3a}').replaceAll('##[', '#\\u{23}[');
}

// Escapes every unsafe character but those in `keep`.
function escapeUnsafe(text: string, keep: string): string {
  return text.replace(UNSAFE, (char) =>
    keep.includes(char) ? char : (NAMED[char] ?? `\\u{${char.codePointAt(0)!.toString(16)}}`),
  );
}

/**
 * Makes control and bidirectional characters visible (`\u{1b}`, `\u{202e}`) without cutting the
 * text, for documents such as the record of processing, where a value is kept whole. The
 * characters in `keep` (by default tab and line breaks, which the document's format handles)
 * stay as they are.
 */
export function toVisibleText(value: string, keep = '\t\r\n'): string {
  return escapeUnsafe(value, keep);
}

// OWASP's list of characters that make a spreadsheet read a cell as a formula, with the
// full-width forms some spreadsheets normalise.
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Neutralises a CSV cell as OWASP's CSV-injection guidance says: a cell that starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
 * text. Control and bidirectional characters are escaped as in `toSafeText`, but for the tabs
 * and line breaks a quoted CSV field holds as they are.
 */
export function toSafeCsvCell(value: string): string {
  const cell = escapeUnsafe(value, '\t\r\n');
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Options of `toDisplayReport`. */
export interface DisplayReportOptions {
  /** Escape file paths too (text for people); SARIF keeps them, as URIs must name the file. */
  readonly paths?: boolean;
}

/**
 * The report with every value that comes from the policy, the code or the file system passed
 * through `toSafeText`: what the pretty, Markdown and SARIF formatters, and the Action, show.
 */
export function toDisplayReport(report: Report, options: DisplayReportOptions = {}): Report {
  const text = (value: string): string => toSafeText(value);
  const path = (value: string): string => (options.paths === false ? value : toSafeText(value));
  return {
    ...report,
    policyFile: path(report.policyFile),
    ...(report.changedSince === undefined ? {} : { changedSince: text(report.changedSince) }),
    findings: report.findings.map((finding) => ({
      ...finding,
      message: text(finding.message),
      file: path(finding.file),
      ...(finding.snippet === undefined
        ? {}
        : { snippet: toSafeText(finding.snippet, { keepTabs: true, limit: 400 }) }),
      ...(finding.purpose === undefined ? {} : { purpose: text(finding.purpose) }),
      ...(finding.tiers === undefined ? {} : { tiers: finding.tiers.map(text) }),
      ...(finding.flow === undefined
        ? {}
        : {
            flow: finding.flow.map((step) => ({
              ...step,
              file: path(step.file),
              note: text(step.note),
            })),
          }),
    })),
    diagnostics: report.diagnostics.map((diagnostic) => ({
      ...diagnostic,
      message: text(diagnostic.message),
      ...(diagnostic.file === undefined ? {} : { file: path(diagnostic.file) }),
    })),
    suppressions: report.suppressions.map((suppression) => ({
      ...suppression,
      file: path(suppression.file),
      reason: text(suppression.reason),
    })),
  };
}
