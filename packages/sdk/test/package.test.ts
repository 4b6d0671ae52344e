import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import config from '../tsup.config.js';
import { MAIN_ENTRY_VALUES } from './support/public-api.js';

const run = promisify(execFile);
const packageRoot = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};

/** Every file an `exports` entry points at, for the conditions an installed package meets. */
function exportedFiles(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry.replace(/^\.\//, '')];
  return Object.entries(entry as Record<string, unknown>)
    .filter(([condition]) => condition !== '@consentry/source')
    .flatMap(([, target]) => exportedFiles(target));
}

// The package is built as npm would ship it, under node_modules of a scratch app, then packed,
// required, imported and compiled against: the app sees what a user installing it would.
describe('the package as an app installs it', { timeout: 240_000 }, () => {
  const cacheRoot = join(packageRoot, 'node_modules', '.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const app = mkdtempSync(join(cacheRoot, 'package-test-'));
  const installed = join(app, 'node_modules', '@consentry', 'sdk');

  beforeAll(async () => {
    mkdirSync(installed, { recursive: true });
    // The app's own manifest: without it the app would sit in the SDK's package scope, and
    // TypeScript would resolve `@consentry/sdk` to the SDK itself (a self-reference) once built.
    writeFileSync(join(app, 'package.json'), '{ "name": "package-test-app", "private": true }\n');
    for (const file of ['package.json', 'README.md']) {
      cpSync(join(packageRoot, file), join(installed, file));
    }
    await build({
      ...(config as Options),
      entry: ((config as Options).entry as string[]).map((entry) => join(packageRoot, entry)),
      outDir: join(installed, 'dist'),
      silent: true,
      sourcemap: false,
    });
  }, 240_000);
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  test('npm pack ships every file the exports map names, and the README', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: installed });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = packed.files.map((file) => file.path);
    for (const file of Object.values(manifest.exports).flatMap(exportedFiles)) {
      expect(files, file).toContain(file);
    }
    expect(files).toContain('README.md');
    expect(files.filter((file) => file.startsWith('src/'))).toEqual([]);
  });

  test('require() loads both entries, which share one error class', async () => {
    writeFileSync(
      join(app, 'check.cjs'),
      `const sdk = require('@consentry/sdk');
const { createSqliteStore } = require('@consentry/sdk/sqlite');
const store = createSqliteStore({ file: ${JSON.stringify(join(app, 'missing', 'dir', 'consent.sqlite'))} });
store.read('ada').catch((error) => {
  console.log(JSON.stringify({
    exports: Object.keys(sdk).sort(),
    sharedError: error instanceof sdk.ConsentStoreError,
    code: error.code,
  }));
});
`,
    );
    const { stdout } = await run(process.execPath, ['check.cjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      exports: MAIN_ENTRY_VALUES,
      sharedError: true,
      code: 'store-not-found',
    });
  });

  test('import loads the ESM build', async () => {
    writeFileSync(
      join(app, 'check.mjs'),
      `import { createConsent, createMemoryStore, definePolicy } from '@consentry/sdk';
const policy = definePolicy({
  version: 1,
  controller: { name: 'Parrot Labs' },
  tiers: { free: { name: 'Free' } },
  subjects: { users: { name: 'Users' } },
  categories: { chats: { name: 'Chats' } },
  purposes: { training: { description: 'Train.', kind: 'training', legalBasis: 'consent', categories: ['chats'], subjects: ['users'] } },
});
const consent = createConsent({ policy, store: createMemoryStore() });
console.log(await consent.allows({ id: 'ada', tier: 'free' }, 'training'));
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app });
    expect(stdout).toBe('false\n');
  });

  test('the declarations compile without @types/better-sqlite3 and without skipLibCheck', () => {
    for (const file of ['index.d.ts', 'index.d.cts', 'sqlite/index.d.ts', 'sqlite/index.d.cts']) {
      expect(readFileSync(join(installed, 'dist', file), 'utf8')).not.toMatch(
        /['"]better-sqlite3['"]/,
      );
    }
    const source = `import { createConsent, type ConsentStore } from '@consentry/sdk';
import { createSqliteStore, type SqliteDatabase } from '@consentry/sdk/sqlite';
export const store: ConsentStore = createSqliteStore({ file: 'consent.sqlite' });
export declare const connection: SqliteDatabase;
export const shared = createSqliteStore({ database: connection, busyTimeoutMs: 100 });
export type Checks = ReturnType<typeof createConsent>;
`;
    writeFileSync(join(app, 'app.mts'), source);
    writeFileSync(join(app, 'app.cts'), source.replace(/^import type|^import/gm, 'import'));
    const program = ts.createProgram([join(app, 'app.mts'), join(app, 'app.cts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      typeRoots: [],
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(errors).toEqual([]);
    const resolved = program
      .getSourceFiles()
      .map((file) => file.fileName)
      .filter((name) => name.includes('/node_modules/'));
    expect(resolved.some((name) => name.endsWith('/dist/index.d.cts'))).toBe(true);
    expect(resolved.some((name) => name.endsWith('/dist/index.d.ts'))).toBe(true);
    expect(resolved.filter((name) => name.includes('better-sqlite3'))).toEqual([]);
  });
});
