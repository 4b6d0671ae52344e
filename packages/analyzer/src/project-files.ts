import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { runGit } from './git.js';

const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

/**
 * Lists the source files of a project (TypeScript and JavaScript), relative to `root` with
 * forward slashes and sorted. In a git repository these are the files git sees (tracked, or
 * new and not ignored); elsewhere, the files on disk less those a `.gitignore` names. Either way
 * dependencies, build output, hidden directories and declaration files are left out.
 */
export async function listProjectFiles(root: string): Promise<string[]> {
  const files = (await listGitFiles(root)) ?? (await listFilesOnDisk(root));
  return [...new Set(files)].filter(isProjectSource).sort();
}

function isProjectSource(file: string): boolean {
  if (!SOURCE.test(file) || file.endsWith('.d.ts')) return false;
  const directories = file.split('/').slice(0, -1);
  return directories.every((name) => !name.startsWith('.') && !SKIPPED.has(name));
}

/** The files git lists under `root`; undefined outside a work tree or when it lists none. */
async function listGitFiles(root: string): Promise<string[] | undefined> {
  try {
    if ((await runGit(root, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') {
      return undefined;
    }
    const split = (text: string) => text.split('\0').filter(Boolean);
    const [listed, deleted] = await Promise.all([
      runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).then(split),
      // Files deleted from the work tree are still in the index: the analysis cannot read them.
      runGit(root, ['ls-files', '-z', '--deleted']).then((text) => new Set(split(text))),
    ]);
    const files = listed.filter((file) => !deleted.has(file));
    // Nothing git sees: an ignored directory (a build folder, a temporary copy), read from disk.
    return files.length === 0 ? undefined : files;
  } catch {
    return undefined;
  }
}

/** Source files on disk under `root`, less those the `.gitignore` files on the way name. */
async function listFilesOnDisk(root: string): Promise<string[]> {
  const options = {
    cwd: root,
    dot: false,
    followSymbolicLinks: false,
    ignore: [...SKIPPED].map((name) => `**/${name}/**`),
  };
  const [files, ignoreFiles] = await Promise.all([
    glob(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], options),
    glob(['**/.gitignore'], { ...options, dot: true }),
  ]);
  const rules = new Map<string, Ignore>();
  for (const file of ignoreFiles) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    rules.set(posix.dirname(file), ignore().add(text));
  }
  return files.filter((file) => !isIgnored(file, rules));
}

// A .gitignore applies to the paths below its directory, relative to that directory.
function isIgnored(file: string, rules: ReadonlyMap<string, Ignore>): boolean {
  const parts = file.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const directory = depth === 0 ? '.' : parts.slice(0, depth).join('/');
    const rule = rules.get(directory);
    if (rule === undefined) continue;
    const rest = parts.slice(depth);
    // A directory the rule ignores hides everything in it, as git does.
    for (let end = 1; end <= rest.length; end++) {
      const path = rest.slice(0, end).join('/');
      if (rule.ignores(end < rest.length ? `${path}/` : path)) return true;
    }
  }
  return false;
}
