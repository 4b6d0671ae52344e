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

/** A diff that does not follow the unified format git writes. */
export class MalformedDiffError extends Error {
  override readonly name: string = 'MalformedDiffError';
}

const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

interface FileBuilder {
  file: string | undefined;
  added: number[];
  hunks: LineRange[];
}

/**
 * Parses the output of `git diff --unified=<n>` into the added lines and the hunk ranges of every
 * file that still exists after the change (deleted files have no lines to report on).
 */
export function parseUnifiedDiff(text: string): DiffChanges {
  const files = new Map<string, FileChanges>();
  const lines = text.split('\n');
  let current: FileBuilder | undefined;
  let index = 0;

  const finish = (): void => {
    if (current?.file !== undefined) {
      files.set(current.file, {
        file: current.file,
        added: mergeRanges(current.added.map((line) => ({ start: line, end: line }))),
        hunks: mergeRanges(current.hunks),
      });
    }
    current = undefined;
  };

  while (index < lines.length) {
    const line = lines[index]!;
    if (line.startsWith('diff --git ')) {
      finish();
      current = { file: pathFromGitHeader(line), added: [], hunks: [] };
      index += 1;
      continue;
    }
    if (current === undefined) {
      index += 1;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current.file = target === '/dev/null' ? undefined : stripPrefix(unquote(target), 'b/');
      index += 1;
      continue;
    }
    if (line.startsWith('rename to ')) {
      current.file = unquote(line.slice('rename to '.length));
      index += 1;
      continue;
    }
    if (line.startsWith('deleted file mode')) {
      current.file = undefined;
      index += 1;
      continue;
    }
    const header = hunkHeader.exec(line);
    if (header === null) {
      index += 1;
      continue;
    }
    index = readHunk(lines, index, Number(header[1]), current);
  }
  finish();
  return files;
}

// Reads one hunk's body and returns the index of the first line after it.
function readHunk(lines: readonly string[], headerIndex: number, start: number, into: FileBuilder) {
  let newLine = start;
  let index = headerIndex + 1;
  while (index < lines.length) {
    const line = lines[index]!;
    const marker = line[0];
    if (marker === '+') {
      into.added.push(newLine);
      newLine += 1;
    } else if (marker === ' ') {
      newLine += 1;
    } else if (marker !== '-' && marker !== '\\') {
      // A blank line ends the diff text; any other line starts the next header.
      break;
    }
    index += 1;
  }
  if (newLine > start) {
    into.hunks.push({ start, end: newLine - 1 });
  }
  return index;
}

// `diff --git a/x b/x`: the new path, used until `+++` or `rename to` names it precisely.
function pathFromGitHeader(line: string): string | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const quoted = /^"(?:[^"\\]|\\.)*" (.+)$/.exec(rest);
    return quoted === null ? undefined : stripPrefix(unquote(quoted[1]!), 'b/');
  }
  const separator = rest.lastIndexOf(' b/');
  if (separator < 0) {
    throw new MalformedDiffError(`cannot read the file names of "${line}"`);
  }
  return rest.slice(separator + 3);
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const escapes: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

// Git quotes paths with unusual bytes C-style, with octal escapes for each UTF-8 byte.
function unquote(path: string): string {
  if (!(path.startsWith('"') && path.endsWith('"') && path.length >= 2)) {
    return path;
  }
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else if (next in escapes) {
      bytes.push(escapes[next]!);
      i += 1;
    } else {
      throw new MalformedDiffError(`unknown escape "\\${next}" in the path ${path}`);
    }
  }
  return Buffer.from(bytes).toString('utf8');
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
