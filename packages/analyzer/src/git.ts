import { execFile } from 'node:child_process';
import { UsageError } from './errors.js';

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
  const base = await git(root, ['merge-base', ref, 'HEAD']).then(
    (stdout) => stdout.trim() || ref,
    () => ref,
  );
  const changed = await git(root, ['diff', '--name-only', '--relative', '-z', base, '--']);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set(
    `${changed}\0${untracked}`
      .split('\0')
      .filter(Boolean)
      .map((file) => file.replaceAll('\\', '/')),
  );
  return [...files].sort();
}

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().split('\n')[0] || error.message;
        reject(new UsageError(`--changed-since: git ${args[0]} failed: ${detail}`));
        return;
      }
      resolve(stdout);
    });
  });
}
