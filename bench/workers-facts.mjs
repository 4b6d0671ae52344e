#!/usr/bin/env node
// Measures whether reading, hashing and parsing files for their module facts gains anything in
// worker threads: the work `buildModuleGraph` does on a cold cache (a pull-request scan without
// `actions/cache`), on a project the bench kept (`npm run bench -- --shapes app --keep`).
//
//   node bench/workers-facts.mjs <kept project dir> [--workers 2,4] [--repeat 3]
//
// Each round runs the same work in this thread, then split over N worker threads (every worker
// loads its own TypeScript compiler, as the analyzer's would), and checks the outputs are
// byte-identical. It prints wall and CPU time (all threads of the process) per variant, best of
// the repeats.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** What the module facts need from one file: its hash and its top-level imports and exports. */
function factsOf(ts, file, text) {
  const source = ts.createSourceFile(file, text, {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  });
  const imports = [];
  const exports = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      imports.push(statement.moduleSpecifier.text);
    }
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) {
      const name = statement.name;
      if (name && ts.isIdentifier(name)) exports.push(name.text);
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) exports.push(declaration.name.text);
        }
      }
    }
  }
  return { hash: createHash('sha256').update(text).digest('hex'), imports, exports };
}

function work(files) {
  const ts = require('typescript');
  return files.map((file) => [file, factsOf(ts, file, readFileSync(file, 'utf8'))]);
}

if (!isMainThread) {
  if (workerData.warm) {
    // A pool started early: the compiler is loaded before the files are handed over.
    require('typescript');
    parentPort.postMessage('ready');
    parentPort.once('message', (files) => parentPort.postMessage(work(files)));
  } else {
    parentPort.postMessage(work(workerData.files));
  }
} else {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: node bench/workers-facts.mjs <project dir> [--workers 2,4] [--repeat 3]');
    process.exit(2);
  }
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index === -1 ? fallback : args[index + 1];
  };
  const counts = option('--workers', '2')
    .split(',')
    .map((value) => Number(value));
  const repeat = Number(option('--repeat', '3'));
  const files = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(child);
    }
  };
  walk(dir);
  files.sort();

  const measure = async (run) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const output = await run();
    const used = process.cpuUsage(cpu);
    return {
      wall: (performance.now() - start) / 1000,
      cpu: (used.user + used.system) / 1e6,
      text: JSON.stringify(output),
    };
  };
  const inWorkers = (count) => async () => {
    // Contiguous chunks keep each directory's files together, as a real split would.
    const size = Math.ceil(files.length / count);
    const chunks = Array.from({ length: count }, (_, index) =>
      files.slice(index * size, (index + 1) * size),
    );
    const parts = await Promise.all(
      chunks.map(
        (chunk) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(fileURLToPath(import.meta.url), {
              workerData: { files: chunk },
            });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    return parts.flat();
  };
  // The optimistic case: workers that loaded their compiler while the main thread did other
  // work; only handing the files over and back is measured.
  const warmWorkers = async (count) => {
    const size = Math.ceil(files.length / count);
    const pool = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker(fileURLToPath(import.meta.url), {
              workerData: { warm: true },
            });
            worker.once('message', () => resolve(worker));
            worker.once('error', reject);
          }),
      ),
    );
    const result = await measure(async () => {
      const parts = await Promise.all(
        pool.map(
          (worker, index) =>
            new Promise((resolve) => {
              worker.once('message', resolve);
              worker.postMessage(files.slice(index * size, (index + 1) * size));
            }),
        ),
      );
      return parts.flat();
    });
    await Promise.all(pool.map((worker) => worker.terminate()));
    return result;
  };
  const best = new Map();
  const keep = (name, result) => {
    const known = best.get(name);
    if (known === undefined || result.wall < known.wall) best.set(name, result);
  };
  let reference;
  for (let round = 0; round < repeat; round++) {
    // The main thread pays for loading the compiler once, as the analyzer does before the graph.
    const loaded = await measure(async () => require('typescript').version);
    if (round === 0) keep('load the compiler (main thread, once)', loaded);
    const sequential = await measure(async () => work(files));
    reference ??= sequential.text;
    keep('in this thread', sequential);
    for (const count of counts) {
      const parallel = await measure(inWorkers(count));
      if (parallel.text !== reference) {
        console.error(`${count} workers: the output differs from the sequential run`);
        process.exit(1);
      }
      keep(`${count} worker threads`, parallel);
      const warm = await warmWorkers(count);
      if (warm.text !== reference) {
        console.error(`${count} warm workers: the output differs from the sequential run`);
        process.exit(1);
      }
      keep(`${count} warm worker threads (work only)`, warm);
    }
  }
  const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2));
  console.log(
    `${files.length} files under ${relative(process.cwd(), dir) || '.'}; ${(await import('node:os')).availableParallelism()} CPUs; load ${load.join(' ')}; best of ${repeat}`,
  );
  for (const [name, { wall, cpu }] of best) {
    console.log(`${name.padEnd(40)} wall ${wall.toFixed(2)} s  CPU ${cpu.toFixed(2)} s`);
  }
  console.log('outputs: byte-identical in every variant');
}
