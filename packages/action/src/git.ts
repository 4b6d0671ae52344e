import { runGit } from '@consentry/analyzer';
import {
  type ChangedFile,
  type DiffChanges,
  type FileChanges,
  parseNameStatus,
  parseZeroContextHunks,
} from './diff.js';

/** Runs git with `args` in `cwd` and resolves with its standard output. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<string>;

/** git failed, or the checkout lacks what the action needs from it. */
export class GitError extends Error {
  override readonly name: string = 'GitError';
}

/** Lines of context around each change; `diff_context` counts them as changed. */
export const DIFF_CONTEXT_LINES = 3;

// How many `git diff` processes read line ranges at once.
const PARALLEL_DIFFS = 4;

// Repository configuration must not change what a diff says: paths from the repository root
// (diff.relative), renames found (diff.renames), no colour, drivers or text conversion.
const DIFF_OPTIONS = [
  'diff',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--find-renames',
];

/** The real runner: the analyzer's git helper (the `git` on the PATH, without a shell). */
export function createGitRunner(): GitRunner {
  return (args, cwd) =>
    runGit(cwd, args).catch((error: unknown) => {
      throw new GitError((error as Error).message);
    });
}

/** The top directory of the repository that holds `cwd`, or undefined outside a repository. */
export async function findRepositoryRoot(git: GitRunner, cwd: string): Promise<string | undefined> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).replace(/\n$/, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The files HEAD changed since it forked from a base commit, and where to ask git about them. */
export interface ChangeList {
  /** The repository's top directory; git reads the paths from there. */
  readonly root: string;
  readonly base: string;
  readonly files: readonly ChangedFile[];
}

/**
 * Lists what HEAD changed since it forked from `base` (`git diff -z --name-status base...HEAD`),
 * by repository-relative path; fails with advice when the base commit is not in the checkout.
 */
export async function listChanges(git: GitRunner, cwd: string, base: string): Promise<ChangeList> {
  if (!/^[0-9a-f]{7,64}$/i.test(base)) {
    throw new GitError(`"${base}" is not a commit id`);
  }
  const root = await findRepositoryRoot(git, cwd);
  if (root === undefined) {
    throw new GitError(`${cwd} is not in a git checkout; run actions/checkout first`);
  }
  try {
    await git(['cat-file', '-e', `${base}^{commit}`], root);
  } catch {
    throw new GitError(
      `the base commit ${base} is not in the checkout, so the changed lines are unknown; give actions/checkout "fetch-depth: 0"`,
    );
  }
  const output = await git([...DIFF_OPTIONS, '-z', '--name-status', `${base}...HEAD`, '--'], root);
  return { root, base, files: parseNameStatus(output) };
}

/**
 * Reads the changed lines of the listed files, one `git diff --unified=0` per file with its path
 * (and its path before a rename) given as literal pathspecs. With `wanted`, only the files it
 * accepts get their lines read; the others are listed with none, which is all `file` mode needs.
 */
export async function readChangedLines(
  git: GitRunner,
  changes: ChangeList,
  wanted: (path: string) => boolean = () => true,
): Promise<DiffChanges> {
  const result = new Map<string, FileChanges>();
  const queue = changes.files.filter((file) => wanted(file.path));
  for (const file of changes.files) {
    result.set(file.path, { file: file.path, added: [], hunks: [] });
  }
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const paths = file.previousPath === undefined ? [file.path] : [file.previousPath, file.path];
      const output = await git(
        [...DIFF_OPTIONS, '--unified=0', `${changes.base}...HEAD`, '--', ...paths],
        changes.root,
      );
      result.set(file.path, {
        file: file.path,
        ...parseZeroContextHunks(output, DIFF_CONTEXT_LINES),
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DIFFS }, worker));
  return result;
}

/** What HEAD changed since it forked from `base`, every file with its lines. */
export async function readChanges(git: GitRunner, cwd: string, base: string): Promise<DiffChanges> {
  return readChangedLines(git, await listChanges(git, cwd, base));
}
