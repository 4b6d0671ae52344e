import { posix } from 'node:path';
import { styleText } from 'node:util';
import type { ReportFinding } from '../baseline.js';
import type { Severity } from '../findings.js';
import { toDisplayReport } from '../output/safe-text.js';
import { countBySeverity, countUnresolvedMappings, type Report, shardVoteNote } from './report.js';

/** Options of the human-readable formatter. */
export interface PrettyOptions {
  /** Colour with ANSI escapes; the shell decides (a terminal, `FORCE_COLOR`, `NO_COLOR`, `--color`). */
  readonly color?: boolean;
  /**
   * Where to show paths from: the analysed directory as a path from the reader's working
   * directory (`apps/chat`, `..`), so each path opens from there, as tsc prints them. Paths stay
   * relative to the analysed directory when absent.
   */
  readonly directory?: string;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'cyan' | 'green' | 'underline';

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', note: 'blue' };

/**
 * Renders a report for people: findings grouped by file, each with a code frame, the flow from
 * source to sink as numbered steps, and a summary line.
 */
export function formatPretty(input: Report, options: PrettyOptions = {}): string {
  const report = toDisplayReport(input);
  // The shell has decided: styleText's own check of process.stdout is not the formatter's business.
  const paint = (style: Style, text: string): string =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const directory = options.directory;
  const shown = (file: string): string =>
    directory === undefined || directory === '' || directory === '.'
      ? file
      : posix.join(directory, file);
  const out: string[] = [];

  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    const file = shown(finding.file);
    const list = byFile.get(file) ?? [];
    list.push(finding);
    byFile.set(file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint('underline', file));
    for (const finding of findings) {
      const where = paint('dim', `${finding.line}:${finding.column}`);
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity);
      out.push(`  ${where}  ${severity}  ${finding.message}  ${paint('dim', finding.ruleId)}`);
      if (finding.detail !== undefined) out.push(`    ${finding.detail}`);
      const facts: string[] = [];
      if (finding.purpose !== undefined) facts.push(`purpose: ${finding.purpose}`);
      if (finding.tiers !== undefined && finding.tiers.length > 0) {
        facts.push(`tiers left unguarded: ${finding.tiers.join(', ')}`);
      }
      if (finding.shardVote !== undefined) facts.push(shardVoteNote(finding.shardVote));
      if (facts.length > 0) out.push(`    ${paint('cyan', facts.join(' · '))}`);
      out.push(...codeFrame(finding, paint));
      if (finding.flow !== undefined && finding.flow.length > 0) {
        out.push(`    ${paint('bold', 'flow:')}`);
        finding.flow.forEach((step, index) => {
          const at = `${shown(step.file)}:${step.line}:${step.column}`;
          out.push(`      ${index + 1}. ${paint('dim', at)}  ${step.note}`);
        });
      }
      out.push('');
    }
  }

  if (report.diagnostics.length > 0) {
    out.push(paint('bold', 'diagnostics'));
    for (const diagnostic of report.diagnostics) {
      const at =
        diagnostic.file === undefined
          ? ''
          : `${shown(diagnostic.file)}${diagnostic.line === undefined ? '' : `:${diagnostic.line}`}${
              diagnostic.column === undefined ? '' : `:${diagnostic.column}`
            }  `;
      out.push(`  ${paint('dim', at)}${diagnostic.message}  ${paint('dim', diagnostic.code)}`);
    }
    out.push('');
  }

  out.push(summaryLine(report, paint, shown));
  return `${out.join('\n')}\n`;
}

function codeFrame(
  finding: ReportFinding,
  paint: (style: Style, text: string) => string,
): string[] {
  if (finding.snippet === undefined) return [];
  const number = String(finding.line);
  const gutter = ' '.repeat(number.length);
  const text = finding.snippet.replace(/\s+$/, '');
  const start = Math.max(1, Math.min(finding.column, text.length + 1));
  const sameLine = finding.endLine === undefined || finding.endLine === finding.line;
  const end =
    sameLine && finding.endColumn !== undefined && finding.endColumn > start
      ? Math.min(finding.endColumn, text.length + 1)
      : text.length + 1;
  // Keep tabs so the caret lines up under the code the way the terminal shows it.
  const lead = text.slice(0, start - 1).replace(/[^\t]/g, ' ');
  const carets = '^'.repeat(Math.max(1, end - start));
  return [
    `    ${paint('dim', `${number} |`)} ${text}`,
    `    ${paint('dim', `${gutter} |`)} ${lead}${paint(SEVERITY_STYLE[finding.severity], carets)}`,
  ];
}

function summaryLine(
  report: Report,
  paint: (style: Style, text: string) => string,
  shown: (file: string) => string,
): string {
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const parts: string[] = [];
  if (total === 0) {
    parts.push(paint('green', 'No findings'));
  } else {
    const style: Style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'blue';
    parts.push(
      paint(
        style,
        `${plural(total, 'finding')} (${plural(counts.error, 'error')}, ${plural(
          counts.warning,
          'warning',
        )}, ${plural(counts.note, 'note')})`,
      ),
    );
  }
  const { stats } = report;
  if (stats.suppressed > 0) parts.push(`${stats.suppressed} suppressed`);
  if (stats.baselined > 0) parts.push(`${stats.baselined} in the baseline`);
  if (report.changedSince !== undefined) {
    parts.push(`${stats.unchanged} outside the files changed since ${report.changedSince}`);
  }
  const unresolved = countUnresolvedMappings(report.diagnostics);
  if (unresolved > 0) {
    parts.push(paint('yellow', `${plural(unresolved, 'optional mapping')} unresolved`));
  }
  parts.push(
    // A pull request whose changes no flow can pass through (see docs/performance.md).
    report.changedSince !== undefined && stats.files === 0
      ? 'no changed file can take part in a flow, so no code was analysed'
      : `${plural(stats.files, 'file')}, ${plural(stats.functions, 'function')} analysed`,
  );
  parts.push(
    `policy ${report.defaultPolicy === true ? report.policyFile : shown(report.policyFile)}`,
  );
  return parts.join(' · ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
