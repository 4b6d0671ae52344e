import { createHash, randomBytes } from 'node:crypto';
import {
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { preparePrivateDirectory, untrusted } from '../cache/private-dir.js';

/**
 * Keeps V8's compiled code of the TypeScript compiler between runs, so a run does not spend a
 * tenth of a second or more compiling its 9 MB of JavaScript again. Node 22.1 and later do this
 * for every module (`module.enableCompileCache`); on Node 20 the compiler module alone is
 * compiled with V8's cached data, when something first requires it (a run that reuses a stored
 * result never does). Either way the code lives in `consentry-compile-cache-<uid>` in the
 * temporary directory, created 0700 and refused (no cache) when it is a link, another user's,
 * or writable by everyone. The cache holds compiled code only, never analysis results, and a
 * cache that is missing, stale, refused or unwritable only costs the compile.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as for Node. Call before anything requires the
 * compiler.
 */
export function useCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    status = 'off';
    return;
  }
  try {
    const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown })
      .enableCompileCache;
    if (typeof enable === 'function') {
      if (preparePrivateDirectory(compileCacheDirectory(), { followLinks: false }) !== undefined) {
        status = 'unavailable';
        return;
      }
      enable(compileCacheDirectory());
      status = 'node';
      return;
    }
    interceptCompiler();
  } catch {
    // Only speed is at stake: the compiler then loads the usual way.
    status = 'unavailable';
  }
}

/**
 * What `useCompileCache` did: Node's own cache is on; the compiler will be compiled from the
 * cache when first required (pending), was (reused), or was compiled and its code is written at
 * exit (created); the cache is turned off; or it could not be used (the compiler was already
 * loaded, or is bundled into another file).
 */
export type CompileCacheStatus = 'node' | 'pending' | 'reused' | 'created' | 'off' | 'unavailable';

let status: CompileCacheStatus = 'unavailable';

/** What `useCompileCache` did so far (tests, the curious). */
export function compileCacheStatus(): CompileCacheStatus {
  return status;
}

/** What `Module` offers that the typings leave out. */
interface ModuleInternals {
  wrap(source: string): string;
  prototype: { _compile(this: NodeJS.Module, content: string, filename: string): unknown };
}

/**
 * Takes over the compilation of ts-morph's copy of TypeScript (which its common package requires
 * as `./typescript`) the one time Node compiles it, compiling it with the cached code instead.
 */
function interceptCompiler(): void {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@ts-morph/common')), 'typescript.js');
  if (require.cache[file]) return;
  const Module = nodeModule as unknown as ModuleInternals;
  const original = Module.prototype._compile;
  Module.prototype._compile = function compile(content, filename) {
    if (filename !== file) return original.call(this, content, filename);
    Module.prototype._compile = original;
    try {
      compileCompiler(this, content, file);
      return undefined;
    } catch {
      status = 'unavailable';
      return original.call(this, content, filename);
    }
  };
  status = 'pending';
}

function compileCompiler(module: NodeJS.Module, content: string, file: string): void {
  const info = statSync(file);
  const key = createHash('sha256')
    // V8 rejects code cached under other flags (`--max-old-space-size` of --max-memory, say).
    .update(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0`)
    .update(`${file}\0${info.size}\0${info.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = compileCacheDirectory();
  const cachePath = join(dir, `typescript-${key}.bin`);
  // Code another user could have written is never run: such a directory or file is not used.
  const usable = preparePrivateDirectory(dir, { followLinks: false }) === undefined;
  let cached: Buffer | undefined;
  try {
    cached =
      usable && untrusted(lstatSync(cachePath)) === undefined && lstatSync(cachePath).isFile()
        ? readFileSync(cachePath)
        : undefined;
  } catch {
    cached = undefined;
  }
  const script = new Script((nodeModule as unknown as ModuleInternals).wrap(content), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (cached && !script.cachedDataRejected) {
    status = 'reused';
    return;
  }
  status = 'created';
  if (!usable) return;
  // Written at exit, so the functions the run compiled (not only the top level) are in it.
  process.once('exit', () => {
    const temporary = `${cachePath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cachePath);
      pruneCaches(dir);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}

/** How many code caches `pruneCaches` keeps. */
const KEPT_CACHES = 3;

/** Keeps the most recent few code caches (other Node or compiler versions), so none pile up. */
function pruneCaches(dir: string): void {
  const caches = readdirSync(dir)
    .filter((name) => /^typescript-[0-9a-f]{16}\.bin$/.test(name))
    .map((name) => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const stale of caches.slice(KEPT_CACHES)) rmSync(stale.path, { force: true });
}

/** The compile cache's directory: one per user, in the temporary directory. */
export function compileCacheDirectory(): string {
  return join(tmpdir(), `consentry-compile-cache-${safeUser()}`);
}

function safeUser(): string {
  try {
    return String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username).replace(
      /[^\w.-]/g,
      '_',
    );
  } catch {
    return 'user';
  }
}
