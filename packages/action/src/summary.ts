import { countUnresolvedMappings, toSafeText } from '@consentry/analyzer';
import type { DiagnosticView, FindingView, RecordStatus } from './analyzer-port.js';
import type { FailOn, FilterMode } from './inputs.js';
import { compareSeverity, failsAt } from './severity.js';

/** Everything the job summary and the pull-request comment report. */
export interface SummaryInput {
  /** The findings that survived the diff filter, repository-relative, sorted by position. */
  readonly findings: readonly FindingView[];
  /** How many findings the whole project has, before the diff filter. */
  readonly totalFindings: number;
  readonly filterMode: FilterMode;
  readonly failOn: FailOn;
  readonly diagnostics: readonly DiagnosticView[];
  /** The record of processing, when the `record` input names one (path as the workflow gave it). */
  readonly record?: { readonly file: string; readonly status: RecordStatus };
  /** Where the SARIF file was written, relative to the workspace. */
  readonly sarifFile?: string;
  /** Remarks about this run (a fork's read-only token, a comment that could not be posted). */
  readonly notes: readonly string[];
  /** Turns locations into links to the commit the action checked. */
  readonly links?: {
    readonly serverUrl: string;
    readonly repository: string;
    readonly sha: string;
  };
}

/** GitHub rejects a step summary above 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

/** GitHub rejects a comment above 65,536 characters. */
export const COMMENT_LIMIT_CHARS = 65_000;

const FLOW_DETAILS_LIMIT = 100;
const RECORD_DIFF_LINE_LIMIT = 400;

/** Renders the job summary: headline, findings table, the flow of each finding, the record's diff. */
export function renderSummary(input: SummaryInput): string {
  const sections = [headline(input), ...notes(input)];
  if (input.findings.length > 0) {
    sections.push(findingsTable(input, input.findings.length));
    sections.push(flows(input));
  }
  sections.push(...recordSection(input), ...diagnosticsSection(input), footer(input));
  return fitBytes(joinSections(sections), SUMMARY_LIMIT_BYTES);
}

/**
 * Renders the pull-request comment: the summary without flows, cut to fit a comment; `marker`
 * (a hidden HTML comment) lets a later run find and edit it.
 */
export function renderComment(input: SummaryInput, marker: string, runUrl?: string): string {
  const sections = [marker, headline(input), ...notes(input)];
  if (input.findings.length > 0) {
    sections.push(findingsTable(input, 50));
  }
  if (input.record !== undefined) {
    const { file, status } = input.record;
    sections.push(
      ...recordSection({ ...input, record: { file, status: { ...status, diff: '' } } }),
    );
  }
  if (runUrl !== undefined) {
    sections.push(`The [job summary](${runUrl}) shows the flow of each finding.`);
  }
  return joinSections(sections).slice(0, COMMENT_LIMIT_CHARS);
}

/** Whether there is anything to tell a pull request: findings, or a stale record. */
export function hasNews(input: SummaryInput): boolean {
  return input.findings.length > 0 || input.record?.status.upToDate === false;
}

function headline(input: SummaryInput): string {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const finding of input.findings) counts[finding.severity] += 1;
  const scope =
    input.filterMode === 'nofilter'
      ? 'in the project'
      : input.filterMode === 'file'
        ? 'in the files this change touches'
        : input.filterMode === 'added'
          ? 'on the lines this change adds'
          : 'on the lines this change shows (added lines and their context)';
  const failing = input.findings.filter((finding) => failsAt(finding.severity, input.failOn));
  const parts = [
    '## Consentry',
    '',
    input.findings.length === 0
      ? `No findings ${scope}.`
      : `**${plural(input.findings.length, 'finding')}** ${scope}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}.`,
  ];
  const unresolved = countUnresolvedMappings(input.diagnostics);
  if (unresolved > 0) {
    parts.push(
      `${plural(unresolved, 'optional policy mapping')} ${unresolved === 1 ? 'names' : 'name'} nothing in the project; the diagnostics list ${unresolved === 1 ? 'it' : 'them'}.`,
    );
  }
  const outside = input.totalFindings - input.findings.length;
  if (outside > 0) {
    parts.push(
      `${plural(outside, 'other finding')} elsewhere in the project ${outside === 1 ? 'is' : 'are'} left out by \`filter-mode: ${input.filterMode}\`${input.sarifFile === undefined ? '' : '; the SARIF file has them all'}.`,
    );
  }
  if (input.failOn === 'never') {
    parts.push('`fail-on: never`: this step reports and never fails on findings.');
  } else if (failing.length > 0) {
    parts.push(
      `This step fails: ${plural(failing.length, 'finding')} at or above \`${input.failOn}\`.`,
    );
  }
  return parts.join('\n');
}

function notes(input: SummaryInput): string[] {
  return input.notes.map((note) => `> [!NOTE]\n> ${escapeText(note)}`);
}

function findingsTable(input: SummaryInput, limit: number): string {
  const rows = [...input.findings]
    .sort((a, b) => compareSeverity(a.severity, b.severity))
    .slice(0, limit)
    .map(
      (finding) =>
        `| ${finding.severity} | \`${finding.ruleId}\` | ${location(input, finding.file, finding.line, finding.column)} | ${cell(finding.message)} | ${cell(finding.tiers?.join(', ') ?? '')} |`,
    );
  const rest = input.findings.length - rows.length;
  return [
    '| Severity | Rule | Location | Message | Tiers left unguarded |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(rest > 0 ? ['', `…and ${plural(rest, 'more finding')}, listed in the job summary.`] : []),
  ].join('\n');
}

function flows(input: SummaryInput): string {
  const withFlow = input.findings.filter((finding) => (finding.flow ?? []).length > 0);
  if (withFlow.length === 0) {
    return '';
  }
  const blocks = withFlow.slice(0, FLOW_DETAILS_LIMIT).map((finding) => {
    const steps = (finding.flow ?? []).map(
      (step, index) =>
        `${index + 1}. ${location(input, step.file, step.line, step.column)} ${escapeText(step.note)}`,
    );
    const purpose =
      finding.purpose === undefined ? '' : ` (purpose <code>${escapeHtml(finding.purpose)}</code>)`;
    return [
      '<details>',
      `<summary><code>${escapeHtml(finding.ruleId)}</code> at <code>${escapeHtml(finding.file)}:${finding.line}</code>${purpose}</summary>`,
      '',
      ...steps,
      '',
      '</details>',
    ].join('\n');
  });
  const rest = withFlow.length - blocks.length;
  return [
    '### Flows',
    '',
    'How personal data reaches each sink, from source to sink:',
    '',
    ...blocks,
    ...(rest > 0
      ? ['', `…and the flows of ${plural(rest, 'more finding')}, in the SARIF file.`]
      : []),
  ].join('\n');
}

function recordSection(input: SummaryInput): string[] {
  const record = input.record;
  if (record === undefined) {
    return [];
  }
  if (record.status.upToDate) {
    return [`### Record of processing\n\n\`${record.file}\` is up to date with the policy.`];
  }
  const text = [
    '### Record of processing',
    '',
    record.status.missing === true
      ? `\`${record.file}\` does not exist. Generate it with \`consentry ropa --output <file>\` and commit it.`
      : `\`${record.file}\` is out of date: it no longer matches the policy. Regenerate it with \`consentry ropa --output <file>\` and commit it.`,
  ];
  if (record.status.diff !== '') {
    const lines = record.status.diff.replace(/\n$/, '').split('\n');
    const shown = lines
      .slice(0, RECORD_DIFF_LINE_LIMIT)
      .map((line) => toSafeText(line, { keepTabs: true }));
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(shown) + 1));
    text.push('', `${fence}diff`, ...shown, fence);
    if (lines.length > shown.length) {
      text.push('', `…${lines.length - shown.length} more lines of the diff.`);
    }
  }
  return [text.join('\n')];
}

function diagnosticsSection(input: SummaryInput): string[] {
  if (input.diagnostics.length === 0) {
    return [];
  }
  const items = input.diagnostics.slice(0, 50).map((diagnostic) => {
    const where =
      diagnostic.file === undefined
        ? ''
        : `${location(input, diagnostic.file, diagnostic.line ?? 1, diagnostic.column ?? 1)} `;
    const kind = diagnostic.code ?? diagnostic.severity;
    return `- ${kind === undefined ? '' : `${escapeText(kind)}: `}${where}${escapeText(diagnostic.message)}`;
  });
  const rest = input.diagnostics.length - items.length;
  return [
    [
      '<details>',
      `<summary>${plural(input.diagnostics.length, 'thing')} the analysis could not do</summary>`,
      '',
      ...items,
      ...(rest > 0 ? [`- …and ${rest} more`] : []),
      '',
      '</details>',
    ].join('\n'),
  ];
}

function footer(input: SummaryInput): string {
  return input.sarifFile === undefined
    ? ''
    : `SARIF for code scanning: \`${input.sarifFile}\` (upload it with \`github/codeql-action/upload-sarif\`).`;
}

function location(input: SummaryInput, file: string, line: number, column: number): string {
  const label = `\`${toSafeText(file).replaceAll('`', "'")}:${line}:${column}\``;
  if (input.links === undefined) {
    return label;
  }
  const { serverUrl, repository, sha } = input.links;
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `[${label}](${serverUrl}/${repository}/blob/${sha}/${path}#L${line})`;
}

function cell(text: string): string {
  return escapeText(text).replaceAll('|', '\\|');
}

function escapeText(text: string): string {
  return escapeHtml(text.replace(/\s*\n\s*/g, ' '));
}

// Every value shown passes here: escaped controls and bidirectional marks, cut when long, then
// HTML-escaped.
function escapeHtml(text: string): string {
  return toSafeText(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function longestBacktickRun(lines: readonly string[]): number {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  return longest;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function joinSections(sections: readonly string[]): string {
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function fitBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text, 'utf8') <= limit) {
    return text;
  }
  const note = '\n\n…the summary is cut here: GitHub takes at most 1 MiB per step.\n';
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, limit - Buffer.byteLength(note))
    .toString('utf8');
  // A cut inside a multi-byte character leaves a replacement character; drop it.
  cut = cut.replace(/\uFFFD$/, '');
  return `${cut}${note}`;
}
