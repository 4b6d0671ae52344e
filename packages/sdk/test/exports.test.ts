import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as sdk from '../src/index.js';
import * as postgres from '../src/postgres/index.js';
import * as sqlite from '../src/sqlite/index.js';
import { MAIN_ENTRY_VALUES } from './support/public-api.js';

const packageRoot = new URL('..', import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

function bareImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // Type-only imports are erased from the build: they load nothing at run time.
  return [...text.matchAll(/^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+'([^']+)'/gm)]
    .map((match) => match[1] ?? '')
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'));
}

describe('public API', () => {
  test('the main entry exports exactly these values', () => {
    expect(Object.keys(sdk).sort()).toEqual(MAIN_ENTRY_VALUES);
  });

  test('the sqlite entry exports exactly createSqliteStore', () => {
    expect(Object.keys(sqlite)).toEqual(['createSqliteStore']);
  });

  test('the postgres entry exports exactly createPostgresStore and migratePostgresStore', () => {
    expect(Object.keys(postgres).sort()).toEqual(['createPostgresStore', 'migratePostgresStore']);
  });

  test('the main entry has no runtime dependencies (Node built-ins aside); only the sqlite and postgres entries import their drivers', () => {
    const source = join(packageRoot, 'src');
    const imports = sourceFiles(source).flatMap((file) =>
      bareImports(file).map((specifier) => `${file.slice(source.length + 1)} -> ${specifier}`),
    );
    expect(imports.sort()).toEqual([
      'postgres/postgres-store.ts -> pg',
      'sqlite/sqlite-store.ts -> better-sqlite3',
    ]);
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.peerDependenciesMeta['better-sqlite3'].optional).toBe(true);
    expect(manifest.peerDependenciesMeta.pg.optional).toBe(true);
  });

  test('every export of each entry has a JSDoc at its declaration', () => {
    const entries = ['src/index.ts', 'src/sqlite/index.ts', 'src/postgres/index.ts'].map((entry) =>
      join(packageRoot, entry),
    );
    const program = ts.createProgram(entries, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      types: ['node'],
    });
    const checker = program.getTypeChecker();
    const undocumented: string[] = [];
    let exported = 0;
    for (const entry of entries) {
      const file = program.getSourceFile(entry);
      const moduleSymbol = file && checker.getSymbolAtLocation(file);
      expect(moduleSymbol).toBeDefined();
      for (const symbol of checker.getExportsOfModule(moduleSymbol as ts.Symbol)) {
        exported += 1;
        const target =
          symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        if (ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '') {
          undocumented.push(symbol.name);
        }
      }
    }
    expect(exported).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  }, 30_000);
});
