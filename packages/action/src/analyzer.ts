import { relative, sep } from 'node:path';
import {
  buildProjectRecord,
  check,
  checkRecord,
  formatSarif,
  type Report,
  recordFormatForFile,
  renderRecord,
  repositoryPath,
} from '@consentry/analyzer';
import type { Analyzer, RecordStatus } from './analyzer-port.js';

/**
 * The real analyzer: `@consentry/analyzer`'s library, bundled into the action. With `cacheDir`
 * (the runner's temporary directory), the record reuses the check's analysis of the same code
 * instead of analysing it a second time.
 */
export function createAnalyzer(options: { readonly cacheDir?: string } = {}): Analyzer<Report> {
  const cache = options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir };
  return {
    check: (target) => check({ ...target, ...cache }),
    formatSarif: (report, sarif) => formatSarif(report, sarif),
    repositoryPath: (report, file) => repositoryPath(report.directory, file),
    checkRecord: async ({ root, policyFile, tsconfig, limits, record }) => {
      // As `consentry ropa --check`: the record from the policy and the code, in the file's format.
      const built = await buildProjectRecord({
        root,
        ...(policyFile === undefined ? {} : { policyFile }),
        ...(tsconfig === undefined ? {} : { tsconfig }),
        ...(limits === undefined ? {} : { limits }),
        ...cache,
      });
      const expected = renderRecord(
        built.record,
        recordFormatForFile(record, undefined, 'input "record"'),
      );
      const result = await checkRecord(record, expected);
      return toStatus(result, record, relative(root, record).split(sep).join('/'));
    },
  };
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
