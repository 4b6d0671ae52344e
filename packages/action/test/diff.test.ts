import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MalformedDiffError, mergeRanges, overlaps, parseUnifiedDiff } from '../src/diff.js';
import { createGitRunner, GitError, readChanges } from '../src/git.js';
import { createTestRepository, type TestRepository } from './helpers/git-repo.js';

const lines = (count: number, label = 'line'): string =>
  Array.from({ length: count }, (_, index) => `${label} ${index + 1}\n`).join('');

describe('parseUnifiedDiff', () => {
  it('reads added lines and hunk ranges in the new file', () => {
    const diff = [
      'diff --git a/src/train.ts b/src/train.ts',
      'index 1111111..2222222 100644',
      '--- a/src/train.ts',
      '+++ b/src/train.ts',
      '@@ -8,6 +8,8 @@ export function train() {',
      ' const a = 1;',
      ' const b = 2;',
      ' const c = 3;',
      '+upload(rows);',
      '+upload(more);',
      ' const d = 4;',
      '-const e = 5;',
      '+const e = 6;',
      ' const f = 6;',
      '',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect([...changes.keys()]).toEqual(['src/train.ts']);
    expect(changes.get('src/train.ts')).toEqual({
      file: 'src/train.ts',
      added: [
        { start: 11, end: 12 },
        { start: 14, end: 14 },
      ],
      hunks: [{ start: 8, end: 15 }],
    });
  });

  it('reads a new file, a rename, a quoted path and skips a deleted file', () => {
    const diff = [
      'diff --git a/old.ts b/old.ts',
      'deleted file mode 100644',
      'index 1111111..0000000',
      '--- a/old.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-gone();',
      '-gone();',
      'diff --git a/src/a.ts b/src/b.ts',
      'similarity index 90%',
      'rename from src/a.ts',
      'rename to src/b.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/b.ts',
      '@@ -1 +1 @@',
      '-before();',
      '+after();',
      'diff --git "a/src/caf\\303\\251 \\"x\\".ts" "b/src/caf\\303\\251 \\"x\\".ts"',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ "b/src/caf\\303\\251 \\"x\\".ts"',
      '@@ -0,0 +1,2 @@',
      '+first();',
      '+second();',
      '\\ No newline at end of file',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect([...changes.keys()].sort()).toEqual(['src/b.ts', 'src/café "x".ts']);
    expect(changes.get('src/b.ts')?.added).toEqual([{ start: 1, end: 1 }]);
    expect(changes.get('src/café "x".ts')?.added).toEqual([{ start: 1, end: 2 }]);
  });

  it('keeps a file whose change has no hunk (a pure rename or a binary file) with no lines', () => {
    const diff = [
      'diff --git a/img/logo.png b/img/logo.png',
      'index 1111111..2222222 100644',
      'Binary files a/img/logo.png and b/img/logo.png differ',
      'diff --git a/src/x.ts b/src/y.ts',
      'similarity index 100%',
      'rename from src/x.ts',
      'rename to src/y.ts',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect(changes.get('img/logo.png')).toEqual({ file: 'img/logo.png', added: [], hunks: [] });
    expect(changes.get('src/y.ts')).toEqual({ file: 'src/y.ts', added: [], hunks: [] });
  });

  it('reads an empty diff as no changes', () => {
    expect(parseUnifiedDiff('').size).toBe(0);
  });

  it('rejects a header it cannot split into file names', () => {
    expect(() => parseUnifiedDiff('diff --git nonsense\n')).toThrow(MalformedDiffError);
  });
});

describe('mergeRanges and overlaps', () => {
  it('merges touching and overlapping ranges in order', () => {
    expect(
      mergeRanges([
        { start: 9, end: 9 },
        { start: 1, end: 3 },
        { start: 4, end: 5 },
        { start: 2, end: 2 },
      ]),
    ).toEqual([
      { start: 1, end: 5 },
      { start: 9, end: 9 },
    ]);
  });

  it('finds a span that crosses a range boundary and misses one beside it', () => {
    const ranges = [{ start: 10, end: 12 }];
    expect(overlaps(ranges, 12, 14)).toBe(true);
    expect(overlaps(ranges, 8, 10)).toBe(true);
    expect(overlaps(ranges, 13, 20)).toBe(false);
    expect(overlaps(ranges, 1, 9)).toBe(false);
  });
});

describe('readChanges', () => {
  let repository: TestRepository | undefined;
  afterEach(() => repository?.remove());

  it('reads the lines HEAD adds since the base commit from git', async () => {
    repository = createTestRepository();
    repository.write({ 'src/train.ts': lines(20), 'README.md': 'readme\n' });
    const base = repository.commit('base');
    repository.write({
      'src/train.ts': lines(20).replace('line 10\n', 'line 10\nexportTrainingRows();\n'),
      'src/new.ts': 'export const added = true;\n',
    });
    repository.commit('head');
    const changes = await readChanges(createGitRunner(), repository.dir, base);
    expect([...changes.keys()].sort()).toEqual(['src/new.ts', 'src/train.ts']);
    expect(changes.get('src/train.ts')).toEqual({
      file: 'src/train.ts',
      added: [{ start: 11, end: 11 }],
      hunks: [{ start: 8, end: 14 }],
    });
    expect(changes.get('src/new.ts')?.added).toEqual([{ start: 1, end: 1 }]);
  });

  it('reads repository paths whatever the repository configures for diffs', async () => {
    repository = createTestRepository();
    repository.write({ 'apps/chat/src/train.ts': lines(5) });
    const base = repository.commit('base');
    repository.write({ 'apps/chat/src/train.ts': `${lines(5)}uploadFineTune(rows);\n` });
    repository.commit('head');
    for (const [key, value] of [
      ['diff.relative', 'true'],
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['color.diff', 'always'],
    ] as const) {
      repository.git('config', key, value);
    }
    const changes = await readChanges(createGitRunner(), join(repository.dir, 'apps/chat'), base);
    expect([...changes.keys()]).toEqual(['apps/chat/src/train.ts']);
    expect(changes.get('apps/chat/src/train.ts')?.added).toEqual([{ start: 6, end: 6 }]);
  });

  it('names fetch-depth when the base commit is not in the checkout', async () => {
    repository = createTestRepository();
    repository.write({ 'a.ts': 'a\n' });
    repository.commit('only');
    await expect(readChanges(createGitRunner(), repository.dir, 'a'.repeat(40))).rejects.toThrow(
      /fetch-depth: 0/,
    );
  });

  it('refuses a base that is not a commit id', async () => {
    await expect(readChanges(createGitRunner(), '.', '--output=/tmp/x')).rejects.toThrow(GitError);
  });
});
