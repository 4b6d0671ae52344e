import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway git repository for tests, isolated from the user's git configuration. */
export interface TestRepository {
  readonly dir: string;
  /** Writes files (path → content) relative to the repository. */
  write(files: Readonly<Record<string, string>>): void;
  /** Stages everything and commits; returns the new commit's id. */
  commit(message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

/** Environment that keeps git from reading the machine's or the user's configuration. */
export const isolatedGitEnv: Readonly<Record<string, string>> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Consentry Test',
  GIT_AUTHOR_EMAIL: 'test@consentry.invalid',
  GIT_COMMITTER_NAME: 'Consentry Test',
  GIT_COMMITTER_EMAIL: 'test@consentry.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** Creates an empty repository on branch main in a new temporary directory. */
export function createTestRepository(prefix = 'consentry-action-'): TestRepository {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, ...isolatedGitEnv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git('init', '--quiet', '--initial-branch=main');
  return {
    dir,
    git,
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    },
    commit(message) {
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
