import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
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

/** Renders a report in a format; only `pretty` uses `color`. */
export function formatReport(
  report: Report,
  format: ReportFormat,
  options: { readonly color?: boolean } = {},
): string {
  switch (format) {
    case 'pretty':
      return formatPretty(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
  }
}
