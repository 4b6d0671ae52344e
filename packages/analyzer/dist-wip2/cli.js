#!/usr/bin/env node

// src/cli/main.ts
import { spawnSync } from 'child_process';
// src/cli/compile-cache.ts
import { createHash, randomBytes } from 'crypto';
import {
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'fs';
import nodeModule, { createRequire } from 'module';
import { tmpdir, userInfo } from 'os';
import { dirname, join } from 'path';
import { createInterface } from 'readline/promises';
import { getHeapStatistics } from 'v8';
import { Script } from 'vm';
import { preparePrivateDirectory, untrusted } from './chunk-2FIN6ECR.js';

function useCompileCache() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    status = 'off';
    return;
  }
  try {
    const enable = nodeModule.enableCompileCache;
    if (typeof enable === 'function') {
      if (preparePrivateDirectory(compileCacheDirectory(), { followLinks: false }) !== void 0) {
        status = 'unavailable';
        return;
      }
      enable(compileCacheDirectory());
      status = 'node';
      return;
    }
    interceptCompiler();
  } catch {
    status = 'unavailable';
  }
}
var status = 'unavailable';
function interceptCompiler() {
  const require2 = createRequire(import.meta.url);
  const file = join(dirname(require2.resolve('@ts-morph/common')), 'typescript.js');
  if (require2.cache[file]) return;
  const Module = nodeModule;
  const original = Module.prototype._compile;
  Module.prototype._compile = function compile(content, filename) {
    if (filename !== file) return original.call(this, content, filename);
    Module.prototype._compile = original;
    try {
      compileCompiler(this, content, file);
      return void 0;
    } catch {
      status = 'unavailable';
      return original.call(this, content, filename);
    }
  };
  status = 'pending';
}
function compileCompiler(module, content, file) {
  const info = statSync(file);
  const key = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0`)
    .update(`${file}\0${info.size}\0${info.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = compileCacheDirectory();
  const cachePath = join(dir, `typescript-${key}.bin`);
  const usable = preparePrivateDirectory(dir, { followLinks: false }) === void 0;
  let cached;
  try {
    cached =
      usable && untrusted(lstatSync(cachePath)) === void 0 && lstatSync(cachePath).isFile()
        ? readFileSync(cachePath)
        : void 0;
  } catch {
    cached = void 0;
  }
  const script = new Script(nodeModule.wrap(content), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (cached && !script.cachedDataRejected) {
    status = 'reused';
    return;
  }
  status = 'created';
  if (!usable) return;
  process.once('exit', () => {
    const temporary = `${cachePath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, script.createCachedData(), { mode: 384 });
      renameSync(temporary, cachePath);
      pruneCaches(dir);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}
var KEPT_CACHES = 3;
function pruneCaches(dir) {
  const caches = readdirSync(dir)
    .filter((name) => /^typescript-[0-9a-f]{16}\.bin$/.test(name))
    .map((name) => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const stale of caches.slice(KEPT_CACHES)) rmSync(stale.path, { force: true });
}
function compileCacheDirectory() {
  return join(tmpdir(), `consentry-compile-cache-${safeUser()}`);
}
function safeUser() {
  try {
    return String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username).replace(
      /[^\w.-]/g,
      '_',
    );
  } catch {
    return 'user';
  }
}

// src/cli/main.ts
var argv = process.argv.slice(2);
var heapLimit = requestedHeapLimit(argv);
if (heapLimit !== void 0 && !hasHeapLimit(heapLimit)) {
  process.exitCode = reexecute(heapLimit);
} else {
  useCompileCache();
  const { run } = await import('./run-V4SY3IT4.js');
  const code = await run(argv, {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: {
      FORCE_COLOR: process.env.FORCE_COLOR,
      NO_COLOR: process.env.NO_COLOR,
      TERM: process.env.TERM,
    },
    ...(process.stdin.isTTY === true ? { prompt: ask } : {}),
  });
  process.exitCode = code;
}
async function ask(question) {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
function requestedHeapLimit(args) {
  const index = args.findIndex(
    (arg2) => arg2 === '--max-memory' || arg2.startsWith('--max-memory='),
  );
  if (index === -1) return void 0;
  const arg = args[index];
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const value = Number(text);
  return text !== void 0 && /^\d+$/.test(text) && value >= 1 ? value : void 0;
}
function hasHeapLimit(megabytes) {
  if (process.env.CONSENTRY_MAX_MEMORY === String(megabytes)) return true;
  const limit = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.abs(limit - megabytes) / megabytes < 0.1;
}
function reexecute(megabytes) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${megabytes}`, process.argv[1], ...argv],
    {
      stdio: ['inherit', 'inherit', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CONSENTRY_MAX_MEMORY: String(megabytes) },
    },
  );
  if (child.error) {
    process.stderr.write(
      `consentry: cannot start a process with --max-memory: ${child.error.message}
`,
    );
    return 2;
  }
  const stderr = child.stderr?.toString() ?? '';
  if (
    child.signal === 'SIGABRT' ||
    child.signal === 'SIGTRAP' ||
    child.status === 134 ||
    /JavaScript heap out of memory|Reached heap limit/.test(stderr)
  ) {
    process.stderr.write(
      `consentry: the run needed more than --max-memory ${megabytes} MB before it could stop cleanly (loading the TypeScript compiler alone takes about 100 MB); raise the limit or split the run with --shard
`,
    );
    return 2;
  }
  process.stderr.write(stderr);
  return child.status ?? 2;
}
//# sourceMappingURL=cli.js.map
