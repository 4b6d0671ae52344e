import {
  existsSync,
  mkdirSync,
  mkdtempSync,
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

/** `statQueries`, counting the questions that reach it. */
function counted(): FileQueries & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fileExists: (path) => {
      asked.push(path);
      return statQueries.fileExists(path);
    },
    directoryExists: (path) => {
      asked.push(path);
      return statQueries.directoryExists(path);
    },
  };
}

describe('module resolution answered from directory listings', () => {
  // A project laid out as a Next.js app is: components beside their CSS module, a barrel, an
  // installed package with its own package.json, and links a monorepo tool makes.
  const root = temporaryDir('consentry-listed-');
  const write = (path: string, text = 'export {};\n') => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('src/components/card.tsx');
  write('src/components/card.module.css', '.card {}\n');
  write('src/components/index.ts', "export * from './card';\n");
  write('src/lib/db.ts');
  write('node_modules/kysely/package.json', '{"name":"kysely","types":"dist/index.d.ts"}\n');
  write('node_modules/kysely/dist/index.d.ts');
  mkdirSync(join(root, 'packages/shared/src'), { recursive: true });
  write('packages/shared/src/index.ts');
  symlinkSync(join(root, 'packages/shared'), join(root, 'node_modules/shared'), 'dir');
  symlinkSync(join(root, 'src/lib/db.ts'), join(root, 'src/lib/database.ts'));
  symlinkSync(join(root, 'src/lib/gone.ts'), join(root, 'src/lib/dangling.ts'));

  const paths = [
    'src/components/card.tsx',
    'src/components/card.ts',
    'src/components/card.d.ts',
    'src/components/card.module.css',
    'src/components/index.ts',
    'src/components',
    'src/components/card',
    'src/missing/index.ts',
    'src/missing',
    'src/lib/database.ts',
    'src/lib/dangling.ts',
    'node_modules/kysely',
    'node_modules/kysely/package.json',
    'node_modules/@types',
    'node_modules/shared',
    'node_modules/shared/src/index.ts',
    'node_modules/shared/package.json',
    'SRC/components/card.tsx',
    'src/Components/card.tsx',
  ].map((path) => join(root, path));

  it('answers every question as stat does, on a case-sensitive file system', () => {
    const listed = listedFileQueries(statQueries, true);
    for (const path of paths) {
      expect([path, listed.fileExists(path)]).toEqual([path, statQueries.fileExists(path)]);
      expect([path, listed.directoryExists(path)]).toEqual([
        path,
        statQueries.directoryExists(path),
      ]);
    }
  });

  it('asks the file system only about links and what no listing settles', () => {
    const fallback = counted();
    const listed = listedFileQueries(fallback, true);
    for (const path of paths) {
      listed.fileExists(path);
      listed.directoryExists(path);
    }
    // The two linked files and the linked package are asked again (a listing names a link, not
    // what it points to); paths under a linked directory are listed through the link.
    expect(fallback.asked.map((path) => path.slice(root.length + 1)).sort()).toEqual([
      'node_modules/shared',
      'node_modules/shared',
      'src/lib/dangling.ts',
      'src/lib/dangling.ts',
      'src/lib/database.ts',
      'src/lib/database.ts',
    ]);
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

  it('reports the same places in files saved with a byte-order mark', async () => {
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
