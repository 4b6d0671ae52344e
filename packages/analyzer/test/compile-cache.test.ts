import { execFile } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('../src/cli/compile-cache.ts', import.meta.url));
const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist', 'loader.mjs')).href;
const nodeHasOwnCache =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs a fresh Node process that turns the cache on, then parses a file with the compiler. */
function start(temp: string, env: Record<string, string> = {}) {
  const script = join(temp, 'probe.mts');
  writeFileSync(
    script,
    `import { createRequire } from 'node:module';
import { compileCacheStatus, useCompileCache } from ${JSON.stringify(pathToFileURL(source).href)};
useCompileCache();
const before = compileCacheStatus();
const { ts } = createRequire(${JSON.stringify(source)})('@ts-morph/common');
const file = ts.createSourceFile('a.ts', 'export const a = 1;\\nexport function b() {}\\n', 99);
console.log(before, compileCacheStatus(), file.statements.length);
`,
  );
  return new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, script],
      { env: { ...process.env, TMPDIR: temp, ...env } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

describe('compile cache', { timeout: 60_000 }, () => {
  it('keeps the compiled TypeScript compiler for the next run, and recovers from a corrupt cache', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'consentry-cc-'));
    dirs.push(temp);
    if (nodeHasOwnCache) {
      // Node 22.1 and later keep compiled code themselves.
      expect(await start(temp)).toBe('node node 2');
      return;
    }
    expect(await start(temp)).toBe('pending created 2');
    const [cacheDir] = readdirSync(temp).filter((name) => name.startsWith('consentry-compile'));
    expect(cacheDir).toBeDefined();
    const files = readdirSync(join(temp, cacheDir!));
    expect(files).toHaveLength(1);
    expect(await start(temp)).toBe('pending reused 2');

    // A cache V8 rejects is compiled anew and replaced, never an error; caches of other Node or
    // compiler versions do not pile up.
    const old = Date.now() / 1000 - 3600;
    for (const stale of ['0000000000000001', '0000000000000002', '0000000000000003']) {
      const path = join(temp, cacheDir!, `typescript-${stale}.bin`);
      writeFileSync(path, 'compiled by another version');
      utimesSync(path, old, old);
    }
    writeFileSync(join(temp, cacheDir!, files[0]!), 'not compiled code');
    expect(await start(temp)).toBe('pending created 2');
    const kept = readdirSync(join(temp, cacheDir!));
    expect(kept).toHaveLength(3);
    expect(kept).toContain(files[0]);
    expect(await start(temp)).toBe('pending reused 2');
  });

  it('neither reads nor writes a cache directory another user could have written', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'consentry-cc-'));
    dirs.push(temp);
    const cacheDir = join(temp, `consentry-compile-cache-${userInfo().uid}`);
    // Writable by every user: anyone could have planted compiled code in it.
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    expect(await start(temp)).toBe(
      nodeHasOwnCache ? 'unavailable unavailable 2' : 'pending created 2',
    );
    expect(readdirSync(cacheDir)).toEqual([]);
    // A link planted in the shared temporary directory, to a directory of the attacker's choosing.
    rmSync(cacheDir, { recursive: true });
    const elsewhere = join(temp, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, cacheDir, 'dir');
    expect(await start(temp)).toBe(
      nodeHasOwnCache ? 'unavailable unavailable 2' : 'pending created 2',
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('creates its directory private to the user', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'consentry-cc-'));
    dirs.push(temp);
    await start(temp);
    const cacheDir = join(temp, `consentry-compile-cache-${userInfo().uid}`);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and writes nothing', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'consentry-cc-'));
    dirs.push(temp);
    expect(await start(temp, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('off off 2');
    expect(readdirSync(temp).filter((name) => name.startsWith('consentry-compile'))).toEqual([]);
  });
});
