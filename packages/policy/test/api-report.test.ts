import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_ENTRIES, extractApiReport, UPDATE_COMMAND } from '../../../scripts/api-report.mjs';

// A published package's declarations as tsc emits them: the check sees what users import.
const declarations = `/** Where a policy problem is. */
export interface Location {
  readonly file: string;
  readonly line: number;
}

/** Finds the policy file of a project. */
export declare function resolvePolicyFile(directory: string): Location | undefined;
`;

let folder: string | undefined;

afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function createPackage(): string {
  folder = mkdtempSync(join(tmpdir(), 'consentry-api-report-'));
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: '@consentry/example', version: '1.0.0', types: './index.d.ts' }),
  );
  writeFileSync(join(folder, 'index.d.ts'), declarations);
  return folder;
}

function extract(packageFolder: string, update: boolean): string[] {
  return extractApiReport({
    packageFolder,
    declarationEntry: join(packageFolder, 'index.d.ts'),
    reportFolder: join(packageFolder, 'etc'),
    report: 'example',
    update,
    tempFolder: join(packageFolder, 'temp'),
    types: [],
  });
}

// API Extractor loads its own TypeScript compiler for each run: seconds on a busy machine.
describe('public API report', { timeout: 60_000 }, () => {
  it('fails the check when an export is added without updating the report, naming the command', () => {
    const packageFolder = createPackage();
    expect(extract(packageFolder, true)).toEqual([]);
    const report = readFileSync(join(packageFolder, 'etc/example.api.md'), 'utf8');
    expect(report).toContain('export function resolvePolicyFile(directory: string)');
    expect(extract(packageFolder, false)).toEqual([]);

    writeFileSync(
      join(packageFolder, 'index.d.ts'),
      `${declarations}\n/** The policy file names, in the order they are looked for. */\nexport declare const POLICY_FILE_NAMES: readonly string[];\n`,
    );
    const problems = extract(packageFolder, false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('etc/example.api.md: the public API changed');
    expect(problems[0]).toContain(UPDATE_COMMAND);
    // The check leaves the committed report alone; only the update rewrites it.
    expect(readFileSync(join(packageFolder, 'etc/example.api.md'), 'utf8')).toBe(report);
  });

  it('reports a type the API names but the entry does not export', () => {
    const packageFolder = createPackage();
    writeFileSync(join(packageFolder, 'location.d.ts'), declarations);
    writeFileSync(
      join(packageFolder, 'index.d.ts'),
      "export { resolvePolicyFile } from './location.js';\n",
    );
    const problems = extract(packageFolder, true);
    expect(problems).toEqual([
      expect.stringMatching(/location\.d\.ts:8:1: .*"Location".*\(ae-forgotten-export\)$/),
    ]);
  });

  it('covers every entry point in the packages’ exports maps', () => {
    const entries = (packageFolder: string) =>
      API_ENTRIES.filter((entry) => entry.folder === packageFolder).map((entry) => entry.entry);
    for (const [packageFolder, exported] of [
      ['packages/sdk', ['src/index.ts', 'src/sqlite/index.ts', 'src/postgres/index.ts']],
      ['packages/policy', ['src/index.ts']],
      ['packages/analyzer', ['src/index.ts']],
    ] as const) {
      const manifest = JSON.parse(
        readFileSync(new URL(`../../../${packageFolder}/package.json`, import.meta.url), 'utf8'),
      ) as { exports: Record<string, { '@consentry/source'?: string }> };
      const sources = Object.values(manifest.exports)
        .map((target) => (typeof target === 'object' ? target['@consentry/source'] : undefined))
        .filter((source): source is string => source !== undefined)
        .map((source) => source.replace(/^\.\//, ''));
      expect(sources.sort()).toEqual([...exported].sort());
      expect(entries(packageFolder).sort()).toEqual([...exported].sort());
      for (const entry of API_ENTRIES.filter((candidate) => candidate.folder === packageFolder)) {
        const report = new URL(
          `../../../${packageFolder}/etc/${entry.report}.api.md`,
          import.meta.url,
        );
        expect(existsSync(report), `${entry.report}.api.md`).toBe(true);
      }
    }
  });
});
