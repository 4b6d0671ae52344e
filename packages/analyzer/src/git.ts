import { execFile } from 'node:child_process';
import { UsageError } from './errors.js';

/**
 * Lists the files under `root` that differ from git ref `ref` (committed, staged, unstaged or
 * untracked), relative to `root` with forward slashes, sorted.
 */
export async function listChangedFiles(root: string, ref: string): Promise<string[]> {
  if (ref === '' || ref.startsWith('-')) {
    throw new UsageError(`--changed-since: "${ref}" is not a git revision`);
  }
  const changed = await git(root, ['diff', '--name-only', '--relative', '-z', ref, '--']);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set([...changed, ...untracked].map((file) => file.replaceAll('\\', '/')));
  return [...files].sort();
}

function git(cwd: string, args: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().split('\n')[0] || error.message;
        reject(new UsageError(`--changed-since: git ${args[0]} failed: ${detail}`));
        return;
      }
      resolve(stdout.split('\0').filter(Boolean));
    });
  });
}
