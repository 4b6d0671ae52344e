import { toDocument } from './document.js';
import type { ProcessingRecord } from './record.js';
import { RECORD_MARKER } from './record.js';
import { type CsvTemplate, renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJsonLd } from './render-jsonld.js';
import { renderMarkdown } from './render-markdown.js';

/** The formats a record renders to; Markdown is the default, meant to be committed. */
export type RecordFormat = 'markdown' | 'html' | 'csv' | 'json' | 'jsonld';

/** Every record format, the default first. */
export const RECORD_FORMATS: readonly RecordFormat[] = [
  'markdown',
  'html',
  'csv',
  'json',
  'jsonld',
];

/** The usual file extension of each record format. */
export const RECORD_FILE_EXTENSIONS: Readonly<Record<RecordFormat, string>> = {
  markdown: 'md',
  html: 'html',
  csv: 'csv',
  json: 'json',
  jsonld: 'jsonld',
};

/** Options of `renderRecord`. */
export interface RenderRecordOptions {
  /** For `csv`: the columns of the CNIL register (default) or of the ICO documentation template. */
  readonly csvTemplate?: CsvTemplate;
}

/** Whether a string names a record format. */
export function isRecordFormat(value: string): value is RecordFormat {
  return (RECORD_FORMATS as readonly string[]).includes(value);
}

/** Renders a record; the same record always gives the same bytes. */
export function renderRecord(
  record: ProcessingRecord,
  format: RecordFormat = 'markdown',
  options: RenderRecordOptions = {},
): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(record, toDocument(record));
    case 'html':
      return renderHtml(record, toDocument(record));
    case 'csv':
      return renderCsv(record, options.csvTemplate ?? 'cnil');
    case 'json':
      return renderJson(record);
    case 'jsonld':
      return renderJsonLd(record);
  }
}

/** How far into a file the generator marker must appear for it to count as a previous record. */
const MARKER_WINDOW = 65536;

/** Whether text is a record Consentry rendered (in any format), judged by the marker near its start. */
export function isGeneratedRecord(content: string): boolean {
  return content.slice(0, MARKER_WINDOW).includes(RECORD_MARKER);
}
