import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty, type PrettyOptions } from './pretty.js';
import type { Report } from './report.js';
import { formatSarif } from './sarif.js';

/** The output formats of `consentry check`. */
export const REPORT_FORMATS = ['pretty', 'json', 'sarif', 'markdown'] as const;

/** One of `REPORT_FORMATS`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whether a string names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Options of `formatReport`: each format reads the ones that concern it. */
export interface FormatOptions extends PrettyOptions {
  /** For `sarif`: the run's category (`automationDetails.id`). */
  readonly sarifCategory?: string;
}

/** Renders a report in a format. */
export function formatReport(
  report: Report,
  format: ReportFormat,
  options: FormatOptions = {},
): string {
  switch (format) {
    case 'pretty':
      return formatPretty(report, {
        ...(options.color === undefined ? {} : { color: options.color }),
        ...(options.directory === undefined ? {} : { directory: options.directory }),
      });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(
        report,
        options.sarifCategory === undefined ? {} : { category: options.sarifCategory },
      );
    case 'markdown':
      return formatMarkdown(report);
  }
}
