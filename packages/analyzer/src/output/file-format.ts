import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import type { ReportFormat } from '../report/format.js';
import { RECORD_FILE_EXTENSIONS, type RecordFormat } from '../ropa/render.js';

/** The file extensions each report format is written to, the usual one first. */
export const REPORT_FILE_EXTENSIONS: Readonly<Record<ReportFormat, readonly string[]>> = {
  pretty: ['txt', 'log'],
  json: ['json'],
  sarif: ['sarif', 'json'],
  markdown: ['md', 'markdown'],
};

const RECORD_EXTENSION_LISTS: Readonly<Record<RecordFormat, readonly string[]>> = {
  markdown: [RECORD_FILE_EXTENSIONS.markdown],
  html: [RECORD_FILE_EXTENSIONS.html],
  csv: [RECORD_FILE_EXTENSIONS.csv],
  json: [RECORD_FILE_EXTENSIONS.json],
  jsonld: [RECORD_FILE_EXTENSIONS.jsonld],
};

/**
 * The format a report is written in to `file`: `format` when given, else the one its extension
 * names. Throws a `UsageError` (naming `option`) when the extension names no report format, or
 * another format than `format`, so a `.sarif` file never holds Markdown.
 */
export function reportFormatForFile(
  file: string,
  format: ReportFormat | undefined,
  option = '--output',
): ReportFormat {
  return formatForFile(file, format, REPORT_FILE_EXTENSIONS, option);
}

/** As `reportFormatForFile`, for a record of processing (`.md`, `.html`, `.csv`, `.json`, `.jsonld`). */
export function recordFormatForFile(
  file: string,
  format: RecordFormat | undefined,
  option = '--output',
): RecordFormat {
  return formatForFile(file, format, RECORD_EXTENSION_LISTS, option);
}

function formatForFile<F extends string>(
  file: string,
  format: F | undefined,
  table: Readonly<Record<F, readonly string[]>>,
  option: string,
): F {
  const extension = extname(file).slice(1).toLowerCase();
  const formats = Object.keys(table) as F[];
  const named = formats.filter((candidate) => table[candidate].includes(extension));
  if (format !== undefined) {
    if (named.includes(format)) return format;
    throw new UsageError(
      `${option} ${basename(file)}: a ${format} file ends in ${table[format].map((e) => `.${e}`).join(' or ')}; ` +
        `make the file name and the format agree`,
    );
  }
  const [first] = named;
  if (first !== undefined) return first;
  const known = formats.map((candidate) => `.${table[candidate][0]} (${candidate})`).join(', ');
  throw new UsageError(
    `${option} ${basename(file)}: ${extension === '' ? 'the name has no extension' : `".${extension}" names no format`}; use ${known}`,
  );
}
