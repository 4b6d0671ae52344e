import { execFile } from 'node:child_process';
import { type DiffChanges, parseUnifiedDiff } from './diff.js';

/** Runs git with `args` in `cwd` and resolves with its standard output. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<string>;

/** git failed, or the checkout lacks what the action needs from it. */
export class GitError extends Error {
  override readonly name: string = 'GitError';
}

/** Lines of context around each change; `diff_context` counts them as changed. */
export const DIFF_CONTEXT_LINES = 3;

/** The real runner: the `git` on the PATH, without a shell. */
export function createGitRunner(): GitRunner {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      execFile(
        'git',
        [...args],
        { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error) {
            const detail = stderr.trim().split('\n')[0] || error.message;
            reject(new GitError(`git ${args[0]} failed: ${detail}`));
            return;
          }
          resolve(stdout);
        },
      );
    });
}

/** The top directory of the repository that holds `cwd`, or undefined outside a repository. */
export async function findRepositoryRoot(git: GitRunner, cwd: string): Promise<string | undefined> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What HEAD changed since it forked from `base` (`git diff base...HEAD`), by repository-relative
 * path; fails with advice when the base commit is not in the checkout.
 */
export async function readChanges(git: GitRunner, cwd: string, base: string): Promise<DiffChanges> {
  if (!/^[0-9a-f]{7,64}$/i.test(base)) {
    throw new GitError(`"${base}" is not a commit id`);
  }
  try {
    await git(['cat-file', '-e', `${base}^{commit}`], cwd);
  } catch {
    throw new GitError(
      `the base commit ${base} is not in the checkout, so the changed lines are unknown; give actions/checkout "fetch-depth: 0"`,
    );
  }
  const text = await git(
    [
      '-c',
      'core.quotePath=false',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      // Repository configuration must not change the paths (diff.relative, diff.noprefix).
      '--no-relative',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      `--unified=${DIFF_CONTEXT_LINES}`,
      `${base}...HEAD`,
      '--',
    ],
    cwd,
  );
  return parseUnifiedDiff(text);
}
