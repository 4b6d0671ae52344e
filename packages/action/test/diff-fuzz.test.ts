import { afterEach, describe, expect, it } from 'vitest';
import { type LineRange, mergeRanges } from '../src/diff.js';
import { createGitRunner, readChanges } from '../src/git.js';
import { createTestRepository, type TestRepository } from './helpers/git-repo.js';

// A small seeded generator (mulberry32): the same seed makes the same names and edits.
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return { int, pick: <T>(items: readonly T[]): T => items[int(items.length)]! };
}

// Pieces git quotes, a diff header could be mistaken for, or a pathspec would read as magic.
const PIECES = [
  ' ',
  '\t',
  '"',
  "'",
  '\\',
  '\n',
  ':(glob)',
  ':!',
  '*',
  '?',
  '[a]',
  'é',
  '日本',
  '\u202e',
  '😀',
  '@@ -1 +1 @@',
  ' b/',
  '+++ ',
  '--- a/',
  'diff --git ',
  '=> ',
  '{a => b}',
  '%0A',
  '-',
  '~',
  'nightly export',
];

function hostileName(random: ReturnType<typeof createRandom>, taken: Set<string>): string {
  for (;;) {
    const parts = Array.from({ length: 1 + random.int(3) }, () => random.pick(PIECES));
    const dir = random.pick(['', 'src/', 'app/src/', 'lib dir/', 'ünï/']);
    const name = `${dir}${random.int(2) === 0 ? '-' : ''}${parts.join('')}${random.int(100)}.ts`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

// Every line is unique in the repository, so git's diff of an edit is the edit itself.
function fileLines(id: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `const ${id}_${index} = ${index};`);
}

interface Expected {
  readonly path: string;
  readonly previousPath?: string;
  readonly added: LineRange[];
  readonly lineCount: number;
}

// Context past the last line is no line at all: git stops there, and no finding can be there.
function withinFile(ranges: readonly LineRange[] | undefined, lineCount: number) {
  return (ranges ?? [])
    .filter((range) => range.start <= lineCount)
    .map((range) => ({ start: range.start, end: Math.min(range.end, lineCount) }));
}

// The lines a diff with three lines of context shows, read from git's own hunk headers.
function shownByGit(repository: TestRepository, base: string, paths: readonly string[]) {
  const output = repository.git(
    '--literal-pathspecs',
    'diff',
    '--find-renames',
    '--unified=3',
    `${base}...HEAD`,
    '--',
    ...paths,
  );
  const ranges: LineRange[] = [];
  for (const match of output.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count > 0) ranges.push({ start, end: start + count - 1 });
  }
  return mergeRanges(ranges);
}

describe('the diff reading, on hostile file names (seeded fuzz)', () => {
  let repository: TestRepository | undefined;
  afterEach(() => repository?.remove());

  for (const seed of [1414, 2026]) {
    it(`reads every added, edited and renamed file with its lines (seed ${seed})`, async () => {
      const random = createRandom(seed);
      repository = createTestRepository('consentry-diff-fuzz-');
      const taken = new Set<string>();
      const baseFiles = Array.from({ length: 18 }, (_, index) => ({
        path: hostileName(random, taken),
        lines: fileLines(`base${index}`, 20 + random.int(30)),
      }));
      repository.write(
        Object.fromEntries(baseFiles.map((file) => [file.path, `${file.lines.join('\n')}\n`])),
      );
      const base = repository.commit('base');

      const expected: Expected[] = [];
      const head: Record<string, string> = {};
      baseFiles.forEach((file, index) => {
        const action = random.pick(['keep', 'edit', 'rename', 'delete'] as const);
        if (action === 'keep') return;
        if (action === 'delete') {
          repository!.git('rm', '--quiet', '--', file.path);
          return;
        }
        // Two edits far apart: a replaced line and an inserted one (git sees both as added).
        const lines = [...file.lines];
        const replaced = random.int(5);
        lines[replaced] = `const edited${index} = true;`;
        const inserted = 10 + random.int(lines.length - 10);
        lines.splice(inserted, 0, `const inserted${index} = true;`);
        const added = mergeRanges([
          { start: replaced + 1, end: replaced + 1 },
          { start: inserted + 1, end: inserted + 1 },
        ]);
        let path = file.path;
        if (action === 'rename') {
          path = hostileName(random, taken);
          repository!.git('mv', '--', file.path, path);
        }
        head[path] = `${lines.join('\n')}\n`;
        expected.push({
          path,
          ...(action === 'rename' ? { previousPath: file.path } : {}),
          added,
          lineCount: lines.length,
        });
      });
      for (let index = 0; index < 8; index += 1) {
        const path = hostileName(random, taken);
        const lines = fileLines(`added${index}`, 1 + random.int(5));
        head[path] = `${lines.join('\n')}\n`;
        expected.push({ path, added: [{ start: 1, end: lines.length }], lineCount: lines.length });
      }
      repository.write(head);
      repository.commit('head');

      const changes = await readChanges(createGitRunner(), repository.dir, base);
      expect([...changes.keys()].sort()).toEqual(expected.map((file) => file.path).sort());
      for (const file of expected) {
        const read = changes.get(file.path);
        expect(read?.added, JSON.stringify(file.path)).toEqual(file.added);
        const paths =
          file.previousPath === undefined ? [file.path] : [file.previousPath, file.path];
        expect(withinFile(read?.hunks, file.lineCount), JSON.stringify(file.path)).toEqual(
          shownByGit(repository, base, paths),
        );
      }
    });
  }
});
