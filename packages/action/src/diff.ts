/** An inclusive range of 1-based line numbers in the new version of a file. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** What a pull request changed in one file, in the lines of its new version. */
export interface FileChanges {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** Lines added or modified, merged into sorted, disjoint ranges. */
  readonly added: readonly LineRange[];
  /** Every line a hunk shows (added lines and their context), merged and sorted. */
  readonly hunks: readonly LineRange[];
}

/** The changes of a diff, by repository-relative path of the new file. */
export type DiffChanges = ReadonlyMap<string, FileChanges>;

/** A file the change added, modified or renamed, as `git diff --name-status -z` names it. */
export interface ChangedFile {
  /** Its path after the change, relative to the repository root. */
  readonly path: string;
  /** Its path before the change, when git saw a rename or a copy. */
  readonly previousPath?: string;
}

/** Output of git that does not have the shape its documentation gives. */
export class MalformedDiffError extends Error {
  override readonly name: string = 'MalformedDiffError';
}

/**
 * Reads the output of `git diff --name-status -z`: a status, then one path (two for a rename or
 * a copy), each ended by NUL. Paths come byte for byte, so no name needs unquoting. Deleted files
 * are left out: they have no lines left to report on.
 */
export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  const files: ChangedFile[] = [];
  let index = 0;
  while (index < fields.length) {
    const status = fields[index]!;
    const kind = status[0];
    const paths = kind === 'R' || kind === 'C' ? 2 : 1;
    if (!/^[ACDMRTUXB]\d*$/.test(status) || index + paths >= fields.length) {
      throw new MalformedDiffError(
        `git diff --name-status gave "${status}" where a status belongs`,
      );
    }
    const named = fields.slice(index + 1, index + 1 + paths);
    index += 1 + paths;
    if (kind === 'D') continue;
    files.push(paths === 2 ? { path: named[1]!, previousPath: named[0]! } : { path: named[0]! });
  }
  return files;
}

// `@@ -<old>[,<count>] +<new>[,<count>] @@`: only hunk headers start with "@@"; every other line
// of a diff starts with a header word or with the +, -, space or backslash of a body line.
const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads the hunk headers of `git diff --unified=0` for one file: the added lines, and the lines a
 * diff with `context` lines of context would show around them (git joins hunks whose context
 * touches, which merging the ranges does too).
 */
export function parseZeroContextHunks(
  output: string,
  context: number,
): { added: LineRange[]; hunks: LineRange[] } {
  const added: LineRange[] = [];
  const shown: LineRange[] = [];
  for (const line of output.split('\n')) {
    const header = hunkHeader.exec(line);
    if (header === null) continue;
    const start = Number(header[1]);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    if (count > 0) {
      added.push({ start, end: start + count - 1 });
      shown.push({ start: Math.max(1, start - context), end: start + count - 1 + context });
    } else {
      // A deletion after line `start`: git shows the lines around the gap it leaves.
      shown.push({ start: Math.max(1, start - context + 1), end: start + context });
    }
  }
  return { added: mergeRanges(added), hunks: mergeRanges(shown) };
}

/** Sorts ranges and merges those that overlap or touch. */
export function mergeRanges(ranges: readonly LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: LineRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end + 1) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    } else {
      merged.push({ start: range.start, end: range.end });
    }
  }
  return merged;
}

/** Whether any line from `start` to `end` (inclusive) lies in one of the sorted ranges. */
export function overlaps(ranges: readonly LineRange[], start: number, end: number): boolean {
  return ranges.some((range) => range.start <= end && start <= range.end);
}
