#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { getHeapStatistics } from 'node:v8';
import { useCompileCache } from './compile-cache.js';

// The only place that touches the process: argv in, text out, exit code set.
const argv = process.argv.slice(2);
const heapLimit = requestedHeapLimit(argv);
if (heapLimit !== undefined && !hasHeapLimit(heapLimit)) {
  process.exitCode = reexecute(heapLimit);
} else {
  // Before the rest of the CLI is loaded: it brings the TypeScript compiler.
  useCompileCache();
  const { run } = await import('./run.js');
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

async function ask(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/** The megabytes of `--max-memory MB` (or `--max-memory=MB`), when given as a whole number. */
function requestedHeapLimit(args: readonly string[]): number | undefined {
  const index = args.findIndex((arg) => arg === '--max-memory' || arg.startsWith('--max-memory='));
  if (index === -1) return undefined;
  const arg = args[index]!;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const value = Number(text);
  return text !== undefined && /^\d+$/.test(text) && value >= 1 ? value : undefined;
}

/** Whether V8's heap limit is already the one asked for (this process is the re-executed one). */
function hasHeapLimit(megabytes: number): boolean {
  if (process.env.CONSENTRY_MAX_MEMORY === String(megabytes)) return true;
  const limit = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.abs(limit - megabytes) / megabytes < 0.1;
}

/**
 * Runs this CLI again under `--max-old-space-size`, so the limit binds the whole run; the child
 * stops itself near the limit between phases, and a child that still dies of it is explained.
 */
function reexecute(megabytes: number): number {
  // stderr is held back: a process killed by V8 at its heap limit prints a native stack trace.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${megabytes}`, process.argv[1]!, ...argv],
    {
      stdio: ['inherit', 'inherit', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CONSENTRY_MAX_MEMORY: String(megabytes) },
    },
  );
  if (child.error) {
    process.stderr.write(
      `consentry: cannot start a process with --max-memory: ${child.error.message}\n`,
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
      `consentry: the run needed more than --max-memory ${megabytes} MB before it could stop ` +
        'cleanly (loading the TypeScript compiler alone takes about 100 MB); raise the limit or ' +
        'split the run with --shard\n',
    );
    return 2;
  }
  process.stderr.write(stderr);
  return child.status ?? 2;
}
