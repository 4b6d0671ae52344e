// `npm run bench`: for each project shape and size, generates a TypeScript project and measures,
// in the same run, `tsc --noEmit`, a full `consentry check` (cold cache), the same check again
// (warm cache), and pull-request scans (`--changed-since HEAD`) after changing 1, 10 and 100
// files (and, in the app shape, one UI leaf component and one file that reaches a sink): wall
// time, CPU time (user + system) and peak memory of each, the ratios to tsc, and the time and
// memory per file across sizes. It also checks that each pull-request scan reports exactly the
// findings of the full scan that lie in (or flow through) the changed files.
// Shapes: `synthetic` (bench/generate.mjs: entities, repositories, services, handlers, training
// exports) and `app` (bench/generate-app.mjs: a Next.js-style app, mostly React components).
// Usage: npm run bench -- [--shapes synthetic,app] [--sizes 1000,4000] [--app-sizes 1000]
//        [--synthetic-sizes 250] [--quick] [--keep] [--no-build] [--record]
// `--sizes` sets the sizes of every shape; `--<shape>-sizes` those of one shape.
// `--record` also writes the tables and the summary into packages/analyzer/docs/performance.md,
// between its `<!-- results -->` markers (the prose around them stays as it is).
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject } from './generate.mjs';
import { generateAppProject } from './generate-app.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    shapes: { type: 'string', default: 'synthetic,app' },
    sizes: { type: 'string' },
    'synthetic-sizes': { type: 'string' },
    'app-sizes': { type: 'string' },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
  },
});
/** Each shape: its generator and the sizes it runs at unless `--sizes` or `--quick` says otherwise. */
const SHAPES = {
  synthetic: { generate: generateProject, sizes: '250,1000,4000' },
  app: { generate: generateAppProject, sizes: '1000,4000,10000' },
};
const shapes = values.shapes.split(',').map((s) => s.trim());
if (shapes.length === 0 || shapes.some((shape) => !(shape in SHAPES))) {
  console.error(
    `bench: --shapes takes ${Object.keys(SHAPES).join(' and/or ')}, separated by commas`,
  );
  process.exit(2);
}
const sizesOf = (shape) =>
  (values.quick ? '250' : (values[`${shape}-sizes`] ?? values.sizes ?? SHAPES[shape].sizes))
    .split(',')
    .map((s) => Number(s.trim()));
if (shapes.some((shape) => sizesOf(shape).some((size) => !Number.isInteger(size) || size < 100))) {
  console.error('bench: --sizes takes integers of at least 100, separated by commas');
  process.exit(2);
}
const CHANGES = [1, 10, 100];

if (!values['no-build']) {
  console.log('bench: building the analyzer and its dependencies…');
  try {
    execFileSync(
      'npx',
      ['turbo', 'run', 'build', '--filter=@consentry/analyzer...', '--output-logs=errors-only'],
      {
        cwd: repo,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      },
    );
  } catch {
    console.error('bench: the build failed (see above)');
    process.exit(1);
  }
}

const cli = join(repo, 'packages', 'analyzer', 'dist', 'cli.js');
const tscBin = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const peakPreload = pathToFileURL(join(repo, 'bench', 'peak-rss.mjs')).href;
const load = () =>
  readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') || 'unknown';

console.log(
  `bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} free), ` +
    `Node ${process.version}, load average ${load()}`,
);

/**
 * Runs `node <args>` in `cwd` with the usage preload; resolves to wall time (s), CPU time (s,
 * user + system of the whole process tree), peak RSS (MiB, summed over the tree) and exit code.
 */
function measure(cwd, args) {
  const usageFile = join(cwd, `.usage-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, ['--import', peakPreload, ...args], {
      cwd,
      env: { ...process.env, CONSENTRY_BENCH_PEAK_RSS_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      let peak = Number.NaN;
      let cpu = Number.NaN;
      try {
        const rows = readFileSync(usageFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split(' ').map(Number));
        peak = rows.reduce((sum, row) => sum + row[1], 0) / 1024;
        cpu = rows.reduce((sum, row) => sum + row[2] + row[3], 0) / 1e6;
        rmSync(usageFile);
      } catch {
        // The process died before its exit hook ran; its usage stays unknown.
      }
      resolve({ seconds, cpu, peak, code, stderr });
    });
  });
}

const git = (dir, ...args) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], {
    cwd: dir,
    stdio: 'ignore',
  });

function sourceFiles(dir) {
  const found = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) found.push(relative(dir, full));
    }
  };
  walk(join(dir, 'src'));
  return found.sort();
}

/**
 * `count` files spread evenly over the sorted source files, each at the middle of its stretch,
 * so one changed file is a repository in the middle of the project rather than the first file
 * (`src/consent.ts`, which every module imports).
 */
function spread(files, count) {
  const step = files.length / count;
  return Array.from({ length: count }, (_, index) => files[Math.floor((index + 0.5) * step)]);
}

/** Findings of a full report in (or flowing through) one of `changed`, as comparable keys. */
function expectedKeys(findings, changed) {
  return findings
    .filter(
      (finding) =>
        changed.has(finding.file) || (finding.flow ?? []).some((step) => changed.has(step.file)),
    )
    .map(findingKey)
    .sort();
}
const findingKey = (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.purpose ?? ''}`;

const results = [];
for (const shape of shapes) {
  for (const size of sizesOf(shape)) results.push(await benchOne(shape, size));
}

/** Generates one project, measures every run on it, and prints its table. */
async function benchOne(shape, size) {
  const dir = mkdtempSync(join(tmpdir(), `consentry-bench-${shape}-`));
  const counts = SHAPES[shape].generate(dir, size);
  git(dir, 'init', '-q');
  writeFileSync(
    join(dir, '.gitignore'),
    '/full.json\n/warm.json\n/facts.json\n/pr-*.json\n.usage-*\n',
  );
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'generated project');
  const files = sourceFiles(dir);
  const lines = files.reduce(
    (sum, file) => sum + readFileSync(join(dir, file), 'utf8').split('\n').length,
    0,
  );
  const startLoad = load();
  const kinds = Object.entries(counts)
    .filter(([kind, value]) => typeof value === 'number' && kind !== 'total')
    .map(([kind, value]) => `${value} ${kind}`)
    .join(', ');
  console.log(
    `\nbench: ${shape} shape, ${counts.total} files, ${lines} lines (${kinds}); load ${startLoad}`,
  );
  const check = (output, ...extra) => [
    cli,
    'check',
    '.',
    '--format',
    'json',
    '--output',
    output,
    '--fail-on',
    'never',
    ...extra,
  ];
  const rows = [];
  rows.push(['tsc --noEmit', await measure(dir, [tscBin, '--noEmit', '-p', 'tsconfig.json'])]);
  const full = await measure(dir, check('full.json'));
  rows.push(['check (cold cache)', full]);
  rows.push(['check (warm cache)', await measure(dir, check('warm.json'))]);
  const report = (output) => JSON.parse(readFileSync(join(dir, output), 'utf8'));
  const fullFindings = full.code === 0 ? report('full.json').findings : [];
  const mismatches = [];
  // A full scan after an edit that changes no finding (a comment at the end of a file): the
  // stored result no longer applies, the module facts of every other file still do.
  const [edited] = spread(files, 1);
  appendFileSync(join(dir, edited), '\n// edited\n');
  const facts = await measure(dir, check('facts.json'));
  rows.push(['check (facts cached)', facts]);
  if (facts.code === 0 && full.code === 0) {
    const got = report('facts.json').findings.map(findingKey).sort();
    const want = fullFindings.map(findingKey).sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      mismatches.push(
        `check (facts cached): ${got.length} findings, the full scan has ${want.length}`,
      );
    }
  }
  git(dir, 'checkout', '-q', '--', '.');
  const scans = CHANGES.filter((n) => n <= files.length / 2).map((count) => ({
    name: `PR, ${count} changed`,
    changed: spread(files, count),
  }));
  if (counts.leaf) scans.push({ name: 'PR, UI leaf', changed: [counts.leaf] });
  if (counts.sinkFile) scans.push({ name: 'PR, sink file', changed: [counts.sinkFile] });
  for (const [index, { name, changed }] of scans.entries()) {
    for (const file of changed) appendFileSync(join(dir, file), '\nexport const touched = true;\n');
    const output = `pr-${index}.json`;
    const result = await measure(dir, check(output, '--changed-since', 'HEAD'));
    rows.push([name, result]);
    if (result.code === 0 && full.code === 0) {
      const got = report(output).findings.map(findingKey).sort();
      const want = expectedKeys(fullFindings, new Set(changed));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${name}: ${got.length} findings, the full scan has ${want.length}`);
      }
    }
    git(dir, 'checkout', '-q', '--', '.');
  }
  const summary = full.code === 0 ? report('full.json') : undefined;
  const result = { shape, size: counts.total, lines, load: startLoad, rows, mismatches, summary };
  printSize(result);
  if (values.keep) console.log(`bench: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  return result;
}

/** The findings of a full report, counted by rule: `rule n, rule n`. */
function findingCounts(summary) {
  const byRule = {};
  for (const f of summary.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return (
    Object.entries(byRule)
      .sort()
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ') || 'none'
  );
}

function sameFindings(mismatches) {
  return mismatches.length === 0
    ? 'same findings as the full scan (restricted to the changed files for a pull request)'
    : `DIFFER from the full scan: ${mismatches.join('; ')}`;
}

function printSize({ rows, mismatches, summary }) {
  const tsc = rows[0][1];
  const full = rows[1][1];
  console.log(
    `${'command'.padEnd(20)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'peak MiB'.padStart(9)} ` +
      `${'wall/tsc'.padStart(9)} ${'cpu/tsc'.padStart(8)} ${'mem/tsc'.padStart(8)} ${'wall/full'.padStart(9)} ${'cpu/full'.padStart(9)}  exit`,
  );
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(20)} ${r.seconds.toFixed(2).padStart(8)} ${r.cpu.toFixed(2).padStart(8)} ` +
        `${r.peak.toFixed(0).padStart(9)} ${(r.seconds / tsc.seconds).toFixed(2).padStart(9)} ` +
        `${(r.cpu / tsc.cpu).toFixed(2).padStart(8)} ${(r.peak / tsc.peak).toFixed(2).padStart(8)} ` +
        `${(r.seconds / full.seconds).toFixed(2).padStart(9)} ${(r.cpu / full.cpu).toFixed(2).padStart(9)}  ${r.code}`,
    );
    if (r.code !== 0) console.log(`  ${name} failed:\n${r.stderr.slice(0, 2000)}`);
  }
  if (summary) {
    console.log(
      `consentry: ${summary.summary.files} files, ${summary.summary.functions} functions; findings: ${findingCounts(summary)}`,
    );
  }
  console.log(`pull-request scans and the scan with cached facts: ${sameFindings(mismatches)}`);
}

/** The closing summary: printed, and kept for `--record`. */
const summaryLines = [];
const say = (line) => {
  console.log(line);
  summaryLines.push(line.replace(/^\n/, ''));
};
const verdict = (ratio, target) =>
  `${ratio.toFixed(2)}× (target ≤ ${target.toFixed(2)}: ${ratio <= target ? 'met' : 'NOT met'})`;
const row = (r, name) => r.rows.find(([label]) => label === name)?.[1];

/** The issue's targets for each shape; memory is judged only on the app shape. */
const TARGETS = {
  synthetic: { wall: 0.5, memory: undefined, changedFile: 'PR, 1 changed' },
  app: { wall: 0.3, memory: 0.5, changedFile: 'PR, sink file' },
};

for (const shape of shapes) {
  const of = results.filter((r) => r.shape === shape);
  if (of.length === 0) continue;
  const target = TARGETS[shape];
  say(`\n${shape} shape: time and memory per file (full check, cold cache)`);
  const base = of.find((r) => r.size >= 1000) ?? of[0];
  const perFile = (r) => (row(r, 'check (cold cache)').seconds / r.size) * 1000;
  const memoryPerFile = (r) => (row(r, 'check (cold cache)').peak / r.size) * 1024;
  const tscPerFile = (r) => (row(r, 'tsc --noEmit').seconds / r.size) * 1000;
  for (const r of of) {
    say(
      `${String(r.size).padStart(6)} files: consentry ${perFile(r).toFixed(2)} ms/file wall ` +
        `(${(perFile(r) / perFile(base)).toFixed(2)}× of ${base.size}), ${memoryPerFile(r).toFixed(0)} KiB/file peak ` +
        `(${(memoryPerFile(r) / memoryPerFile(base)).toFixed(2)}×); tsc ${tscPerFile(r).toFixed(2)} ms/file wall`,
    );
  }
  say(`${shape} shape: targets`);
  for (const r of of.filter((x) => x.size >= 1000)) {
    const [tsc, full] = [row(r, 'tsc --noEmit'), row(r, 'check (cold cache)')];
    const memory = full.peak / tsc.peak;
    say(
      `${r.size} files: full scan ${verdict(full.seconds / tsc.seconds, target.wall)} tsc's wall; ` +
        `${target.memory === undefined ? `${memory.toFixed(2)}× its peak memory (no target for this shape)` : `${verdict(memory, target.memory)} its peak memory`}`,
    );
    const leaf = row(r, 'PR, UI leaf');
    if (leaf) {
      say(
        `${r.size} files: one-file pull-request scan of a UI leaf ${verdict(leaf.seconds / full.seconds, 0.05)} the full scan's wall`,
      );
    }
    const reaching = row(r, target.changedFile);
    if (reaching) {
      say(
        `${r.size} files: one-file pull-request scan of a file that reaches a sink or source ${verdict(reaching.seconds / full.seconds, 0.15)} the full scan's wall`,
      );
    }
  }
  const last = of.at(-1);
  if (last !== base && last.size > base.size) {
    say(
      `time per file at ${last.size} files ${verdict(perFile(last) / perFile(base), 1.2)} that at ${base.size}; ` +
        `memory per file ${verdict(memoryPerFile(last) / memoryPerFile(base), 1.2)}`,
    );
  }
  const differing = of.filter((r) => r.mismatches.length > 0);
  say(
    differing.length === 0
      ? 'pull-request scans and the scan with cached facts: the same findings as the full scan (restricted to their files for a pull request), at every size (met)'
      : `pull-request scans or the scan with cached facts DIFFER from the full scan at ${differing.map((r) => r.size).join(', ')} files (NOT met)`,
  );
}
say(`load average at the end: ${load()}`);

if (values.record) {
  const doc = join(repo, 'packages', 'analyzer', 'docs', 'performance.md');
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf('<!-- results -->');
  const end = text.indexOf('<!-- /results -->');
  if (start === -1 || end < start) {
    console.error(`bench: ${relative(repo, doc)} has no <!-- results --> block; nothing recorded`);
    process.exit(1);
  }
  const machine =
    `Measured on ${cpus().length} vCPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}, ` +
    `on ${new Date().toISOString().slice(0, 10)}.`;
  const block = [machine, '', ...results.map(markdownSize), '```text', ...summaryLines, '```'].join(
    '\n',
  );
  writeFileSync(doc, `${text.slice(0, start)}<!-- results -->\n${block}\n${text.slice(end)}`);
  // The tables are padded as the repository's formatter pads them, so `npm run lint` stays green.
  execFileSync(join(repo, 'node_modules', '.bin', 'biome'), ['format', '--write', doc], {
    stdio: 'ignore',
  });
  console.log(`bench: recorded the results in ${relative(repo, doc)}`);
}

/** One size's results as the Markdown table of docs/performance.md. */
function markdownSize({ shape, size, lines, load: startLoad, rows, mismatches, summary }) {
  const [tsc, full] = [rows[0][1], rows[1][1]];
  const cell = (value, width) => String(value).padStart(width);
  const out = [
    `**${shape} shape, ${size.toLocaleString('en-US')} files, ${lines.toLocaleString('en-US')} lines** (load average at the start: ${startLoad})`,
    '',
    '| run                       | wall s | CPU s | peak MiB | wall / tsc | CPU / tsc | memory / tsc | wall / full | CPU / full |',
    '| ------------------------- | -----: | ----: | -------: | ---------: | --------: | -----------: | ----------: | ---------: |',
  ];
  for (const [name, r] of rows) {
    const label = name.replace(/^PR, /, 'pull request, ');
    out.push(
      `| ${label.padEnd(25)} | ${cell(r.seconds.toFixed(2), 6)} | ${cell(r.cpu.toFixed(2), 5)} | ${cell(r.peak.toFixed(0), 8)} | ` +
        `${cell((r.seconds / tsc.seconds).toFixed(2), 10)} | ${cell((r.cpu / tsc.cpu).toFixed(2), 9)} | ${cell((r.peak / tsc.peak).toFixed(2), 12)} | ` +
        `${cell((r.seconds / full.seconds).toFixed(2), 11)} | ${cell((r.cpu / full.cpu).toFixed(2), 10)} |`,
    );
  }
  out.push('');
  if (summary) {
    out.push(
      `Analysed: ${summary.summary.files} files, ${summary.summary.functions} functions; findings: ${findingCounts(summary)}.`,
    );
  }
  out.push(
    `The pull-request scans and the scan with cached facts: ${sameFindings(mismatches)}.`,
    '',
  );
  return out.join('\n');
}
