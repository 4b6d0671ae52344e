import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { listChangedFiles } from '../src/git.js';

const repositories: string[] = [];
afterEach(() => {
  for (const dir of repositories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repository() {
  const root = mkdtempSync(join(tmpdir(), 'consentry-git-'));
  repositories.push(root);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], {
      cwd: root,
      stdio: 'pipe',
    });
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  git('init', '-q', '-b', 'main');
  write('app/src/a.ts', 'a\n');
  write('app/src/b.ts', 'b\n');
  write('other/c.ts', 'c\n');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  return { root, git, write };
}

describe('listChangedFiles', () => {
  it("lists a branch's own changes, not later commits on the base branch", async () => {
    const { root, git, write } = repository();
    git('checkout', '-q', '-b', 'feature');
    write('app/src/a.ts', 'a changed\n');
    git('commit', '-qam', 'feature change');
    git('checkout', '-q', 'main');
    write('app/src/b.ts', 'b changed on main\n');
    git('commit', '-qam', 'main moves on');
    git('checkout', '-q', 'feature');
    expect(await listChangedFiles(root, 'main')).toEqual(['app/src/a.ts']);
  });

  it('counts uncommitted and untracked files, relative to a subdirectory', async () => {
    const { root, write } = repository();
    write('app/src/b.ts', 'b edited\n');
    write('app/src/new.ts', 'new\n');
    write('other/c.ts', 'c edited\n');
    expect(await listChangedFiles(join(root, 'app'), 'HEAD')).toEqual(['src/b.ts', 'src/new.ts']);
  });

  it('rejects a ref that is not a revision, or looks like an option', async () => {
    const { root } = repository();
    await expect(listChangedFiles(root, 'no-such-branch')).rejects.toThrow(UsageError);
    await expect(listChangedFiles(root, '--output=x')).rejects.toThrow(/not a git revision/);
  });
});
