import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
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

/**
 * Keeps V8's compiled code of the TypeScript compiler between runs, so a run does not spend a
 * tenth of a second or more compiling its 9 MB of JavaScript again. Node 22.1 and later do this
 * for every module (`module.enableCompileCache`, in the same default directory Node uses); on
 * Node 20 the compiler module alone is loaded through a `vm.Script` with its cached data. The
 * cache holds compiled code only, never analysis results, and a cache that is missing, stale or
 * unwritable only costs the compile. `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as for Node.
 * Call before anything imports the compiler.
 */
export function useCompileCache(): CompileCacheStatus {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return 'off';
  try {
    const enable = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
    if (typeof enable === 'function') {
      enable();
      return 'node';
    }
    return preloadCompiler();
  } catch {
    // Only speed is at stake: the compiler then loads the usual way.
    return 'unavailable';
  }
}

/**
 * What `useCompileCache` did: Node's own cache is on; the compiler was loaded from cached code;
 * it was compiled and its code is written at exit; the cache is turned off; or it could not be
 * used (the compiler was already loaded, or is bundled into another file).
 */
export type CompileCacheStatus = 'node' | 'reused' | 'created' | 'off' | 'unavailable';

/** What `Module` offers that the typings leave out. */
interface ModuleInternals {
  new (id: string, parent?: unknown): NodeJS.Module & { paths: string[]; loaded: boolean };
  wrap(source: string): string;
}

function preloadCompiler(): CompileCacheStatus {
  const require = createRequire(import.meta.url);
  // ts-morph's own copy of TypeScript, which its common package requires as `./typescript`.
  const file = join(dirname(require.resolve('@ts-morph/common')), 'typescript.js');
  if (require.cache[file]) return 'unavailable';
  const info = statSync(file);
  const key = createHash('sha256')
    // V8 rejects code cached under other flags (`--max-old-space-size` of --max-memory, say).
    .update(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0`)
    .update(`${file}\0${info.size}\0${info.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `consentry-compile-cache-${safeUser()}`);
  const cachePath = join(dir, `typescript-${key}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cachePath);
  } catch {
    cached = undefined;
  }
  const Module = nodeModule as unknown as ModuleInternals;
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const loaded = new Module(file);
  loaded.filename = file;
  loaded.paths = [];
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dirname(file));
  loaded.loaded = true;
  require.cache[file] = loaded;
  if (cached && !script.cachedDataRejected) return 'reused';
  // Written at exit, so the functions the run compiled (not only the top level) are in it.
  process.once('exit', () => {
    const temporary = `${cachePath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cachePath);
      pruneCaches(dir);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
  return 'created';
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
