// `npm run bench`: for each project size, generates a synthetic TypeScript project and measures,
// in the same run, `tsc --noEmit`, a full `consentry check` (cold cache), the same check again
// (warm cache), and pull-request scans (`--changed-since HEAD`) after changing 1, 10 and 100
// files: wall time, CPU time (user + system) and peak memory of each, the ratios to tsc, and the
// time per file across sizes. It also checks that each pull-request scan reports exactly the
// findings of the full scan that lie in (or flow through) the changed files.
// Usage: npm run bench -- [--sizes 250,1000,4000] [--quick] [--keep] [--no-build] [--record]
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

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '250,1000,4000' },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
  },
});
const sizes = (values.quick ? '250' : values.sizes).split(',').map((s) => Number(s.trim()));
if (sizes.some((size) => !Number.isInteger(size) || size < 40)) {
  console.error('bench: --sizes takes integers of at least 40, separated by commas');
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
      else if (entry.name.endsWith('.ts')) found.push(relative(dir, full));
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
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-bench-'));
  const counts = generateProject(dir, size);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'synthetic project');
  const files = sourceFiles(dir);
  const lines = files.reduce(
    (sum, file) => sum + readFileSync(join(dir, file), 'utf8').split('\n').length,
    0,
  );
  const startLoad = load();
  console.log(
    `\nbench: ${counts.total} files, ${lines} lines (${counts.entity} entities, ` +
      `${counts.repository} repositories, ${counts.service} services, ${counts.handler} handlers, ` +
      `${counts.util} utilities, ${counts.training} training exports); load ${startLoad}`,
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
  let fullFindings = [];
  if (full.code === 0)
    fullFindings = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')).findings;
  const mismatches = [];
  for (const count of CHANGES.filter((n) => n <= files.length / 2)) {
    const changed = spread(files, count);
    for (const file of changed) appendFileSync(join(dir, file), '\nexport const touched = true;\n');
    const output = `pr-${count}.json`;
    const result = await measure(dir, check(output, '--changed-since', 'HEAD'));
    rows.push([`PR, ${count} changed`, result]);
    if (result.code === 0 && full.code === 0) {
      const got = JSON.parse(readFileSync(join(dir, output), 'utf8'))
        .findings.map(findingKey)
        .sort();
      const want = expectedKeys(fullFindings, new Set(changed));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(
          `${count} changed: ${got.length} findings, the full scan has ${want.length}`,
        );
      }
    }
    git(dir, 'checkout', '-q', '--', '.');
  }
  const summary =
    full.code === 0 ? JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) : undefined;
  results.push({ size: counts.total, lines, load: startLoad, rows, mismatches, summary });
  printSize(results.at(-1));
  if (values.keep) console.log(`bench: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
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
    const byRule = {};
    for (const f of summary.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    console.log(
      `consentry: ${summary.summary.files} files, ${summary.summary.functions} functions; findings: ${
        Object.entries(byRule)
          .sort()
          .map(([rule, n]) => `${rule} ${n}`)
          .join(', ') || 'none'
      }`,
    );
  }
  console.log(
    mismatches.length === 0
      ? 'pull-request scans: same findings as the full scan restricted to the changed files'
      : `pull-request scans DIFFER from the full scan: ${mismatches.join('; ')}`,
  );
}

/** The closing summary: printed, and kept for `--record`. */
const summaryLines = [];
const say = (line) => {
  console.log(line);
  summaryLines.push(line.replace(/^\n/, ''));
};

if (results.length > 1) {
  say('\ntime per file (full check, cold cache)');
  const base = results[0];
  const perFile = (r) => (r.rows[1][1].seconds / r.size) * 1000;
  const cpuPerFile = (r) => (r.rows[1][1].cpu / r.size) * 1000;
  const tscPerFile = (r) => (r.rows[0][1].seconds / r.size) * 1000;
  for (const r of results) {
    say(
      `${String(r.size).padStart(6)} files: consentry ${perFile(r).toFixed(2)} ms/file wall ` +
        `(${(perFile(r) / perFile(base)).toFixed(2)}× of ${base.size}), ${cpuPerFile(r).toFixed(2)} ms/file CPU ` +
        `(${(cpuPerFile(r) / cpuPerFile(base)).toFixed(2)}×); tsc ${tscPerFile(r).toFixed(2)} ms/file wall`,
    );
  }
}

const last = results.at(-1);
say('\ntargets');
for (const r of results.filter((x) => x.size >= 1000)) {
  const [tsc, full] = [r.rows[0][1], r.rows[1][1]];
  const time = full.seconds / tsc.seconds;
  const memory = full.peak / tsc.peak;
  say(
    `${r.size} files: full scan ${time.toFixed(2)}× tsc wall, ${(full.cpu / tsc.cpu).toFixed(2)}× tsc CPU (target ≤ 0.50: ${time <= 0.5 ? 'met' : 'NOT met'}), ` +
      `${memory.toFixed(2)}× tsc memory (target ≤ 0.70: ${memory <= 0.7 ? 'met' : 'NOT met'})`,
  );
}
if (last) {
  const pr = last.rows.find(([name]) => name === 'PR, 1 changed')?.[1];
  if (pr) {
    const ratio = pr.seconds / last.rows[1][1].seconds;
    const cpu = pr.cpu / last.rows[1][1].cpu;
    say(
      `${last.size} files: one-file pull-request scan ${ratio.toFixed(2)}× the full scan's wall, ${cpu.toFixed(2)}× its CPU (target ≤ 0.15${last.size >= 4000 ? `: ${ratio <= 0.15 ? 'met' : 'NOT met'}` : ', set at 4,000 files: not judged here'})`,
    );
  }
  if (results.length > 1) {
    const perFile = (r) => r.rows[1][1].seconds / r.size;
    const ratio = perFile(last) / perFile(results[0]);
    say(
      `time per file at ${last.size} is ${ratio.toFixed(2)}× that at ${results[0].size} (target ≤ 1.20: ${ratio <= 1.2 ? 'met' : 'NOT met'})`,
    );
  }
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
  const block = [...results.map(markdownSize), '```text', ...summaryLines, '```'].join('\n');
  writeFileSync(doc, `${text.slice(0, start)}<!-- results -->\n${block}\n${text.slice(end)}`);
  console.log(`bench: recorded the results in ${relative(repo, doc)}`);
}

/** One size's results as the Markdown table of docs/performance.md. */
function markdownSize({ size, lines, load: startLoad, rows, mismatches, summary }) {
  const [tsc, full] = [rows[0][1], rows[1][1]];
  const cell = (value, width) => String(value).padStart(width);
  const out = [
    `**${size.toLocaleString('en-US')} files, ${lines.toLocaleString('en-US')} lines** (load average at the start: ${startLoad})`,
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
    const byRule = {};
    for (const f of summary.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    const findings = Object.entries(byRule)
      .sort()
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    out.push(
      `Analysed: ${summary.summary.files} files, ${summary.summary.functions} functions; findings: ${findings || 'none'}.`,
    );
  }
  out.push(
    mismatches.length === 0
      ? 'The pull-request scans: same findings as the full scan restricted to the changed files.'
      : `The pull-request scans DIFFER from the full scan: ${mismatches.join('; ')}.`,
    '',
  );
  return out.join('\n');
}
