import { extname, relative, sep } from 'node:path';
import {
  buildProjectRecord,
  check,
  checkRecord,
  formatSarif,
  RECORD_FILE_EXTENSIONS,
  type RecordFormat,
  type Report,
  renderRecord,
} from '@consentry/analyzer';
import type { Analyzer, RecordStatus } from './analyzer-port.js';

/** The real analyzer: `@consentry/analyzer`'s library, bundled into the action. */
export function createAnalyzer(): Analyzer<Report> {
  return {
    check: (options) => check(options),
    formatSarif: (report) => formatSarif(report),
    checkRecord: async ({ root, policyFile, tsconfig, record }) => {
      // As `consentry ropa --check`: the record from the policy and the code, in the file's format.
      const built = await buildProjectRecord({
        root,
        ...(policyFile === undefined ? {} : { policyFile }),
        ...(tsconfig === undefined ? {} : { tsconfig }),
      });
      const expected = renderRecord(built.record, recordFormatOf(record));
      const result = await checkRecord(record, expected);
      return toStatus(result, record, relative(root, record).split(sep).join('/'));
    },
  };
}

/** The record format a file's extension names; Markdown, the default, for any other. */
export function recordFormatOf(file: string): RecordFormat {
  const extension = extname(file).slice(1).toLowerCase();
  const entry = Object.entries(RECORD_FILE_EXTENSIONS).find(([, known]) => known === extension);
  return (entry?.[0] as RecordFormat | undefined) ?? 'markdown';
}

// The diff's header names the file by the absolute path it was read from; reports show it
// relative to the checked directory.
function toStatus(
  result: { readonly upToDate: boolean; readonly missing: boolean; readonly diff: string },
  absolute: string,
  shown: string,
): RecordStatus {
  const lines = result.diff.split('\n');
  const header = lines.slice(0, 2).map((line) => line.split(absolute).join(shown));
  return {
    upToDate: result.upToDate,
    missing: result.missing,
    diff: [...header, ...lines.slice(2)].join('\n'),
  };
}
