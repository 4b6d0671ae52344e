import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { UsageError } from './errors.js';

/** git exited with an error; the message holds the first line git printed about it. */
export class GitCommandError extends Error {
  override readonly name: string = 'GitCommandError';
}

/** Options of `runGit`. */
export interface RunGitOptions {
  /** The largest output accepted, in bytes (default 512 MiB). */
  readonly maxBuffer?: number;
}

/**
 * Runs the `git` on the PATH in `cwd` with `args`, never through a shell, and resolves with its
 * standard output; rejects with a `GitCommandError` naming the subcommand and git's first line.
 * Pathspecs are literal (`--literal-pathspecs`), so a file named `:(glob)*` is just a file.
 */
export function runGit(
  cwd: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--literal-pathspecs', ...args],
      { cwd, maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const subcommand = args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? '';
          const detail = stderr.trim().split('\n')[0] || error.message;
          reject(new GitCommandError(`git ${subcommand} failed: ${detail}`));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/**
 * Lists the files under `root` that a branch changed since git ref `ref` (committed, staged,
 * unstaged or untracked), relative to `root` with forward slashes, sorted. Changes are counted
 * from the merge base of `ref` and HEAD, so commits that landed on `ref` after the branch forked
 * are not the branch's changes; without a merge base (a shallow clone), from `ref` itself.
 */
export async function listChangedFiles(root: string, ref: string): Promise<string[]> {
  if (ref === '' || ref.startsWith('-')) {
    throw new UsageError(`--changed-since: "${ref}" is not a git revision`);
  }
  const git = (args: readonly string[]): Promise<string> =>
    runGit(root, args).catch((error: unknown) => {
      throw new UsageError(`--changed-since: ${(error as Error).message}`);
    });
  const base = await runGit(root, ['merge-base', ref, 'HEAD']).then(
    (stdout) => stdout.trim() || ref,
    () => ref,
  );
  const changed = await git(['diff', '--name-only', '--relative', '-z', base, '--']);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set(
    `${changed}\0${untracked}`
      .split('\0')
      .filter(Boolean)
      .map((file) => file.replaceAll('\\', '/')),
  );
  return [...files].sort();
}

/**
 * The directory `dir` as a path from the root of the git repository it is in (forward slashes,
 * `.` for the root itself); `.` when it is in no repository or git is missing.
 */
export async function repositoryDirectory(dir: string, repositoryRoot?: string): Promise<string> {
  const top =
    repositoryRoot ??
    (await runGit(dir, ['rev-parse', '--show-toplevel']).then(
      (stdout) => stdout.trim(),
      () => undefined,
    ));
  if (top === undefined || top === '') return '.';
  const [from, to] = await Promise.all([top, dir].map((path) => realpath(path).catch(() => path)));
  const path = relative(from!, to!);
  if (path === '') return '.';
  // A directory outside the given root has no place in the repository's paths.
  if (path === '..' || path.startsWith(`..${sep}`)) return '.';
  return sep === '/' ? path : path.split(sep).join('/');
}
