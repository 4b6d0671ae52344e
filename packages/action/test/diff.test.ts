import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MalformedDiffError,
  mergeRanges,
  overlaps,
  parseNameStatus,
  parseZeroContextHunks,
} from '../src/diff.js';
import { createGitRunner, GitError, readChanges } from '../src/git.js';
import { createTestRepository, type TestRepository } from './helpers/git-repo.js';

const lines = (count: number, label = 'line'): string =>
  Array.from({ length: count }, (_, index) => `${label} ${index + 1}\n`).join('');

describe('parseNameStatus', () => {
  it('reads each status with its path, both paths of a rename or copy, and leaves out deletions', () => {
    const output = [
      'M',
      'src/train.ts',
      'A',
      'src/nightly export.ts',
      'D',
      'src/gone.ts',
      'R087',
      'src/a.ts',
      'src/b "quoted"\tname.ts',
      'C100',
      'src/x.ts',
      'src/café.ts',
      'T',
      'link',
      '',
    ].join('\0');
    expect(parseNameStatus(output)).toEqual([
      { path: 'src/train.ts' },
      { path: 'src/nightly export.ts' },
      { path: 'src/b "quoted"\tname.ts', previousPath: 'src/a.ts' },
      { path: 'src/café.ts', previousPath: 'src/x.ts' },
      { path: 'link' },
    ]);
  });

  it('keeps a newline in a name, which only NUL separation can carry', () => {
    expect(parseNameStatus('A\0docs/two\nlines.ts\0')).toEqual([{ path: 'docs/two\nlines.ts' }]);
  });

  it('reads an empty diff as no changes', () => {
    expect(parseNameStatus('')).toEqual([]);
  });

  it('rejects output that is not name-status', () => {
    expect(() => parseNameStatus('diff --git a/x b/x\n')).toThrow(MalformedDiffError);
    expect(() => parseNameStatus('R100\0only-one-path\0')).toThrow(MalformedDiffError);
  });
});

describe('parseZeroContextHunks', () => {
  it('reads added lines, and the lines three lines of context would show', () => {
    const output = [
      'diff --git a/src/@@ odd.ts b/src/@@ odd.ts',
      '--- a/src/@@ odd.ts',
      '+++ b/src/@@ odd.ts',
      '@@ -10,0 +11,2 @@ export function train() {',
      '+upload(rows);',
      '+@@ -1 +1 @@ is text in a body line',
      '@@ -30 +32 @@',
      '-const e = 5;',
      '+const e = 6;',
      '@@ -50,2 +51,0 @@',
      '-gone();',
      '-gone();',
      '',
    ].join('\n');
    expect(parseZeroContextHunks(output, 3)).toEqual({
      added: [
        { start: 11, end: 12 },
        { start: 32, end: 32 },
      ],
      hunks: [
        { start: 8, end: 15 },
        { start: 29, end: 35 },
        { start: 49, end: 54 },
      ],
    });
  });

  it('joins hunks whose context touches, as git does', () => {
    const output = '@@ -1 +1 @@\n-a\n+b\n@@ -8 +8 @@\n-c\n+d\n';
    expect(parseZeroContextHunks(output, 3).hunks).toEqual([{ start: 1, end: 11 }]);
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

  it('reads names with spaces, tabs, quotes, non-ASCII characters and pathspec magic, and renames', async () => {
    repository = createTestRepository();
    const renamed = lines(30, 'kept');
    repository.write({ 'src/before rename.ts': renamed, 'src/untouched.ts': lines(3) });
    const base = repository.commit('base');
    repository.git('mv', 'src/before rename.ts', 'src/after "rename".ts');
    const hostile = [
      'app/src/nightly export.ts',
      'app/src/tab\there.ts',
      'app/src/"quoted" \'single\'.ts',
      'app/src/données-ñ-日本.ts',
      'app/src/:(glob)*.ts',
      'app/src/-n.ts',
      'app/src/back\\slash.ts',
    ];
    repository.write({
      ...Object.fromEntries(hostile.map((name) => [name, 'uploadFineTune(rows);\n'])),
      'src/after "rename".ts': renamed.replace('kept 20\n', 'kept 20\nsendForTraining(rows);\n'),
    });
    repository.commit('head');
    const changes = await readChanges(createGitRunner(), repository.dir, base);
    expect([...changes.keys()].sort()).toEqual([...hostile, 'src/after "rename".ts'].sort());
    for (const name of hostile) {
      expect(changes.get(name)?.added, name).toEqual([{ start: 1, end: 1 }]);
    }
    // A rename shows only the line it adds, not the whole file as new.
    expect(changes.get('src/after "rename".ts')).toEqual({
      file: 'src/after "rename".ts',
      added: [{ start: 21, end: 21 }],
      hunks: [{ start: 18, end: 24 }],
    });
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
