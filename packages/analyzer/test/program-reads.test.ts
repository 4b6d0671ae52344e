import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { type FileQueries, listedFileQueries } from '../src/code/listed-files.js';
import { copyExample } from './support/temp-project.js';

// How the program reads the project: module resolution's questions answered from directory
// listings, and the texts the run read to hash its files handed to the parser. Both must give
// the answers and positions the file system itself gives.

const EXAMPLE = 'examples/fine-tune-pipeline';
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** What `stat` says, as TypeScript's own host asks it. */
const statQueries: FileQueries = {
  fileExists: (path) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false,
  directoryExists: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
};

/**
 * What `stat` says on a mount that ignores case and Unicode normalization in file names (a
 * Windows drive under WSL, a bind mount from macOS): the last name of the path is matched to the
 * directory's entries as such a file system matches it.
 */
const insensitiveQueries: FileQueries = (() => {
  const fold = (name: string) => name.normalize('NFC').toLowerCase();
  const actual = (path: string) => {
    const slash = path.lastIndexOf('/');
    const directory = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (name === '.' || name === '..') return path;
    let entries: string[] = [];
    try {
      entries = readdirSync(directory);
    } catch {
      return path;
    }
    const match = entries.find((entry) => fold(entry) === fold(name));
    return match === undefined ? path : `${directory}/${match}`;
  };
  return {
    fileExists: (path) => statQueries.fileExists(actual(path)),
    directoryExists: (path) => statQueries.directoryExists(actual(path)),
  };
})();

/** `queries`, recording the questions that reach them. */
function counted(queries: FileQueries = statQueries): FileQueries & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fileExists: (path) => {
      asked.push(path);
      return queries.fileExists(path);
    },
    directoryExists: (path) => {
      asked.push(path);
      return queries.directoryExists(path);
    },
  };
}

describe('module resolution answered from directory listings', () => {
  // A project laid out as a Next.js app is: components beside their CSS module, a barrel, an
  // installed package with its own package.json, links a monorepo tool makes, and a module
  // whose name is not ASCII.
  const root = temporaryDir('consentry-listed-');
  const write = (path: string, text = 'export {};\n') => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('src/components/card.tsx');
  write('src/components/card.module.css', '.card {}\n');
  write('src/components/index.ts', "export * from './card';\n");
  write('src/lib/db.ts');
  write('src/lib/caf\u00e9.ts');
  write('node_modules/kysely/package.json', '{"name":"kysely","types":"dist/index.d.ts"}\n');
  write('node_modules/kysely/dist/index.d.ts');
  mkdirSync(join(root, 'packages/shared/src'), { recursive: true });
  write('packages/shared/src/index.ts');
  symlinkSync(join(root, 'packages/shared'), join(root, 'node_modules/shared'), 'dir');
  symlinkSync(join(root, 'src/lib/db.ts'), join(root, 'src/lib/database.ts'));
  symlinkSync(join(root, 'src/lib/gone.ts'), join(root, 'src/lib/dangling.ts'));

  // Names in directories that exist as written; only the last name varies.
  const lastNames = [
    'src/components/card.tsx',
    'src/components/card.ts',
    'src/components/card.d.ts',
    'src/components/card.module.css',
    'src/components/index.ts',
    'src/components/card',
    'src/components/Card.tsx',
    'src/components/CARD~1.TSX',
    'src/components/card.tsx.',
    'src/components/.',
    'src/components/..',
    'src/components',
    'src/missing',
    'src/lib/database.ts',
    'src/lib/dangling.ts',
    'src/lib/cafe\u0301.ts',
    'src/lib/CAF\u00c9.ts',
    'src/lib/db.js',
    'node_modules/kysely',
    'node_modules/kysely/package.json',
    'node_modules/@types',
    'node_modules/shared',
    'node_modules/shared/src/index.ts',
    'node_modules/shared/package.json',
  ].map((path) => `${root}/${path}`);
  const paths = [
    ...lastNames,
    ...['src/missing/index.ts', 'SRC/components/card.tsx', 'src/Components/card.tsx'].map((path) =>
      join(root, path),
    ),
  ];

  const agree = (listed: FileQueries, reference: FileQueries, asked: readonly string[]) => {
    for (const path of asked) {
      expect([path, listed.fileExists(path)]).toEqual([path, reference.fileExists(path)]);
      expect([path, listed.directoryExists(path)]).toEqual([path, reference.directoryExists(path)]);
    }
  };

  it('answers every question as stat does, on a case-sensitive file system', () => {
    agree(listedFileQueries(statQueries, true), statQueries, paths);
  });

  it('answers as stat does on a mount that ignores case and normalization', () => {
    // TypeScript finds such a mount case-sensitive on Linux (it tests its own path): a name
    // that a listing lacks but such a mount could still find is asked again.
    agree(listedFileQueries(insensitiveQueries, true), insensitiveQueries, lastNames);
  });

  it('asks the file system only about links and what no listing settles', () => {
    const fallback = counted();
    const listed = listedFileQueries(fallback, true);
    for (const path of paths) {
      listed.fileExists(path);
      listed.directoryExists(path);
    }
    // The linked files and package (a listing names a link, not what it points to); a name
    // another case or a short name could match; a trailing dot, `.` and `..`; every missing
    // name beside a name that is not ASCII. Paths under a linked directory are listed through
    // the link, and a directory that does not exist has nothing under it.
    expect(fallback.asked.map((path) => path.slice(root.length + 1)).sort()).toEqual(
      [
        'node_modules/shared',
        'src/components/.',
        'src/components/..',
        'src/components/CARD~1.TSX',
        'src/components/Card.tsx',
        'src/components/card.tsx.',
        'src/lib/CAF\u00c9.ts',
        'src/lib/cafe\u0301.ts',
        'src/lib/dangling.ts',
        'src/lib/database.ts',
        'src/lib/db.js',
      ]
        .flatMap((path) => [path, path])
        .sort(),
    );
  });

  it('settles nothing in a directory it may list but not enter', () => {
    // Read permission without search permission: `stat` reaches no entry of `generated`.
    const generated = join(root, 'generated');
    write('generated/schema.ts');
    const locked: FileQueries = {
      fileExists: (path) => !path.startsWith(`${generated}/`) && statQueries.fileExists(path),
      directoryExists: (path) =>
        !path.startsWith(`${generated}/`) && statQueries.directoryExists(path),
    };
    const listed = listedFileQueries(locked, true, (directory) => directory !== generated);
    agree(listed, locked, [join(generated, 'schema.ts'), join(generated, 'other.ts'), generated]);
  });

  it('leaves every question to the file system where case does not matter', () => {
    const fallback = counted();
    const listed = listedFileQueries(fallback, false);
    for (const path of paths) listed.fileExists(path);
    expect(fallback.asked).toEqual(paths);
  });
});

describe('texts read once and handed to the parser', () => {
  /** A copy of the pipeline example, laid out as in the repository so its imports resolve. */
  const copy = () => copyExample(temporaryDir('consentry-program-reads-'), EXAMPLE);

  const places = (
    findings: readonly { ruleId: string; file: string; line: number; column: number }[],
  ) => findings.map(({ ruleId, file, line, column }) => ({ ruleId, file, line, column }));

  // A file saved by an editor that writes a byte-order mark, importing a module the change
  // removed: the diagnostic sits on the first line, where a mark left in the text would move it.
  const legacyExport = [
    "import { exportRows } from './legacy-rows';",
    '',
    'export async function exportLegacy(): Promise<number> {',
    '  return (await exportRows()).length;',
    '}',
    '',
  ].join('\n');

  it('reports the same places in files saved with a byte-order mark', {
    timeout: 60_000,
  }, async () => {
    const plain = copy();
    const marked = copy();
    writeFileSync(join(plain, 'src/training/legacy-export.ts'), legacyExport);
    const plainReport = await check({ root: plain });
    const want = {
      findings: places(plainReport.findings),
      diagnostics: plainReport.diagnostics.filter(
        (d) => d.file === 'src/training/legacy-export.ts',
      ),
    };
    expect(want.findings.length).toBeGreaterThan(0);
    expect(want.diagnostics).toMatchObject([{ code: 'module-unresolved', line: 1, column: 28 }]);
    writeFileSync(join(marked, 'src/training/legacy-export.ts'), `\uFEFF${legacyExport}`);
    for (const file of new Set(want.findings.map((finding) => finding.file))) {
      const path = join(marked, file);
      expect(existsSync(path)).toBe(true);
      writeFileSync(path, `\uFEFF${readFileSync(path, 'utf8')}`);
    }
    const seen = (report: Awaited<ReturnType<typeof check>>) => ({
      findings: places(report.findings),
      diagnostics: report.diagnostics.filter((d) => d.file === 'src/training/legacy-export.ts'),
    });
    // With and without a cache: the hashes and the program read the same texts either way.
    expect(seen(await check({ root: marked }))).toEqual(want);
    const cacheDir = temporaryDir('consentry-program-reads-cache-');
    await check({ root: marked, cacheDir });
    writeFileSync(join(marked, 'src/consent.ts'), '\n', { flag: 'a' });
    expect(seen(await check({ root: marked, cacheDir }))).toEqual(want);
  });
});
