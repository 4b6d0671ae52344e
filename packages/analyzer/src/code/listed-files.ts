import { readdirSync } from 'node:fs';

/** What a directory entry is, as its listing says; symbolic links and the rest are asked again. */
type EntryKind = 'file' | 'directory' | 'other';

/** The two questions module resolution asks the file system thousands of times per program. */
export interface FileQueries {
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
}

/**
 * Answers `fileExists` and `directoryExists` from each directory's listing, read once per run,
 * instead of one `stat` per question. Module resolution asks both for every candidate of every
 * import (`./card.ts`, `./card.tsx`, `./card/`, each `node_modules` up the tree): on a project of
 * 4,000 files, about 45,000 questions about a few hundred directories. An entry the listing
 * cannot settle (a symbolic link, a directory that cannot be listed) goes to `fallback`. Only for
 * a case-sensitive file system, where a name in a listing and a path agree exactly; elsewhere
 * `fallback` answers every question.
 */
export function listedFileQueries(fallback: FileQueries, caseSensitive: boolean): FileQueries {
  if (!caseSensitive) return fallback;
  const listings = new Map<string, ReadonlyMap<string, EntryKind> | undefined>();
  const listing = (directory: string) => {
    if (listings.has(directory)) return listings.get(directory);
    let entries: Map<string, EntryKind> | undefined;
    try {
      entries = new Map(
        readdirSync(directory, { withFileTypes: true }).map((entry) => [
          entry.name,
          entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
        ]),
      );
    } catch (error) {
      // Nothing exists under a path that is missing or a file; a directory that cannot be
      // listed settles nothing.
      const code = (error as NodeJS.ErrnoException).code;
      entries = code === 'ENOENT' || code === 'ENOTDIR' ? new Map() : undefined;
    }
    listings.set(directory, entries);
    return entries;
  };
  const directories = new Map<string, boolean>();
  const kindOf = (path: string): EntryKind | 'missing' | undefined => {
    const slash = path.lastIndexOf('/');
    if (slash <= 0 || slash === path.length - 1) return undefined;
    const entries = listing(path.slice(0, slash));
    if (entries === undefined) return undefined;
    return entries.get(path.slice(slash + 1)) ?? 'missing';
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
