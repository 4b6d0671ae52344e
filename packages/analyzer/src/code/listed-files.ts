import { accessSync, constants, readdirSync } from 'node:fs';

/** What a directory entry is, as its listing says; symbolic links and the rest are asked again. */
type EntryKind = 'file' | 'directory' | 'other';

/** The two questions module resolution asks the file system thousands of times per program. */
export interface FileQueries {
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
}

/** A directory's entries, as its listing gives them. */
interface Listing {
  readonly entries: ReadonlyMap<string, EntryKind>;
  /** The names in lower case, when every name is ASCII; undefined otherwise. */
  readonly lowerCase: ReadonlySet<string> | undefined;
}

/**
 * Answers `fileExists` and `directoryExists` from each directory's listing, read once per run,
 * instead of one `stat` per question. Module resolution asks both for every candidate of every
 * import (`./card.ts`, `./card.tsx`, `./card/`, each `node_modules` up the tree): on a project of
 * 4,000 files, about 45,000 questions about a few hundred directories.
 *
 * A listing settles a name it holds as a file or a directory, and settles as missing a name it
 * does not hold when no file system could still find it: an ASCII name that no entry matches
 * even ignoring case, in a directory whose names are all ASCII, with no `~` (a short name) and
 * no trailing dot or space. Everything else goes to `fallback`: a symbolic link, an entry that is
 * neither file nor directory, a name a case- or normalization-insensitive mount (a Windows drive
 * under WSL, a bind mount from macOS) might still find, a `.` or `..`, and anything in a
 * directory that cannot be listed or entered. Where TypeScript finds the file system
 * case-insensitive, `fallback` answers every question.
 */
export function listedFileQueries(
  fallback: FileQueries,
  caseSensitive: boolean,
  canEnter: (directory: string) => boolean = searchable,
): FileQueries {
  if (!caseSensitive) return fallback;
  const listings = new Map<string, Listing | undefined>();
  const listing = (directory: string): Listing | undefined => {
    if (listings.has(directory)) return listings.get(directory);
    let found: Listing | undefined;
    try {
      const entries = new Map<string, EntryKind>(
        readdirSync(directory, { withFileTypes: true }).map((entry) => [
          entry.name,
          entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
        ]),
      );
      // A directory listed but not entered (read permission without search): `stat` reaches
      // none of its entries, so the listing settles nothing.
      if (!canEnter(directory)) {
        listings.set(directory, undefined);
        return undefined;
      }
      const names = [...entries.keys()];
      found = {
        entries,
        lowerCase: names.every(isAscii)
          ? new Set(names.map((name) => name.toLowerCase()))
          : undefined,
      };
    } catch (error) {
      // Nothing exists under a path that is missing or a file; a directory that cannot be
      // listed or entered settles nothing.
      const code = (error as NodeJS.ErrnoException).code;
      found =
        code === 'ENOENT' || code === 'ENOTDIR'
          ? { entries: new Map(), lowerCase: new Set() }
          : undefined;
    }
    listings.set(directory, found);
    return found;
  };
  const directories = new Map<string, boolean>();
  const kindOf = (path: string): EntryKind | 'missing' | undefined => {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (slash <= 0 || name === '' || name === '.' || name === '..') return undefined;
    const found = listing(path.slice(0, slash));
    if (found === undefined) return undefined;
    const kind = found.entries.get(name);
    if (kind !== undefined) return kind;
    const surelyMissing =
      found.lowerCase !== undefined &&
      isAscii(name) &&
      !found.lowerCase.has(name.toLowerCase()) &&
      !/~|[. ]$/.test(name);
    return surelyMissing ? 'missing' : undefined;
  };
  return {
    fileExists(path) {
      const kind = kindOf(path);
      if (kind === 'file') return true;
      if (kind === 'missing' || kind === 'directory') return false;
      return fallback.fileExists(path);
    },
    directoryExists(path) {
      const known = directories.get(path);
      if (known !== undefined) return known;
      const kind = kindOf(path);
      const exists =
        kind === 'directory'
          ? true
          : kind === 'missing' || kind === 'file'
            ? false
            : fallback.directoryExists(path);
      directories.set(path, exists);
      return exists;
    },
  };
}

/** Whether a name is ASCII only: case folds the same way on every file system. */
function isAscii(name: string): boolean {
  return /^[\x20-\x7e]*$/.test(name);
}

/** Whether the process may look up names in a directory (its search permission). */
function searchable(directory: string): boolean {
  try {
    accessSync(directory, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
