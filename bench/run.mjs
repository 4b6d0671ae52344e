// `npm run bench`: generates a synthetic TypeScript project (default 1,000 files), then measures
// `tsc --noEmit` and `consentry check` on it in the same run: wall time, peak memory, and the
// ratio; then a pull-request run (`--changed-since` with three files changed).
// Usage: npm run bench -- [--files N] [--keep]
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject } from './generate.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const files = Number.parseInt(values.files, 10);
if (!Number.isInteger(files) || files < 20) {
  console.error('bench: --files must be an integer of at least 20');
  process.exit(2);
}

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

const dir = mkdtempSync(join(tmpdir(), 'consentry-bench-'));
const counts = generateProject(dir, files);
const lines = execFileSync('sh', ['-c', 'cat $(find src -name "*.ts") | wc -l'], { cwd: dir })
  .toString()
  .trim();
console.log(
  `bench: ${counts.total} files, ${lines} lines in ${values.keep ? dir : 'a temporary directory'} ` +
    `(${counts.entity} entities, ${counts.repository} repositories, ${counts.service} services, ` +
    `${counts.handler} handlers, ${counts.util} utilities, ${counts.training} training exports)`,
);

const peakPreload = pathToFileURL(join(repo, 'bench', 'peak-rss.mjs')).href;

/** Runs `node <args>` with the peak-memory preload; resolves to wall time (s) and peak RSS (MiB). */
function measure(args) {
  const peakFile = join(dir, `.peak-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, ['--import', peakPreload, ...args], {
      cwd: dir,
      env: { ...process.env, CONSENTRY_BENCH_PEAK_RSS_FILE: peakFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      let peak = Number.NaN;
      try {
        peak = Number(readFileSync(peakFile, 'utf8')) / 1024;
      } catch {
        // The process died before its exit hook ran; the peak stays unknown.
      }
      resolve({ seconds, peak, code, stderr });
    });
  });
}

const tsc = await measure([
  join(repo, 'node_modules', 'typescript', 'bin', 'tsc'),
  '--noEmit',
  '-p',
  join(dir, 'tsconfig.json'),
]);
const report = join(dir, 'report.json');
const consentry = await measure([
  join(repo, 'packages', 'analyzer', 'dist', 'cli.js'),
  'check',
  '.',
  '--format',
  'json',
  '--output',
  report,
  '--fail-on',
  'never',
]);

// Pull-request mode: commit the project, change three files, check only what changed.
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], {
    cwd: dir,
    stdio: 'ignore',
  });
git('init', '-q');
git('add', '.');
git('commit', '-q', '-m', 'synthetic project');
const changedFiles = execFileSync(
  'sh',
  ['-c', 'ls src/training/*.ts src/services/*.ts | head -3'],
  {
    cwd: dir,
  },
)
  .toString()
  .trim()
  .split('\n');
for (const file of changedFiles)
  appendFileSync(join(dir, file), '\nexport const touched = true;\n');
const pullRequest = await measure([
  join(repo, 'packages', 'analyzer', 'dist', 'cli.js'),
  'check',
  '.',
  '--changed-since',
  'HEAD',
  '--format',
  'json',
  '--output',
  join(dir, 'pr-report.json'),
  '--fail-on',
  'never',
]);

let summary = 'no report';
if (consentry.code === 0) {
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  const byRule = {};
  for (const finding of parsed.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  summary = `${parsed.summary.files} files and ${parsed.summary.functions} functions analysed; findings: ${
    Object.entries(byRule)
      .sort()
      .map(([rule, count]) => `${rule} ${count}`)
      .join(', ') || 'none'
  }`;
}

const row = (name, result) =>
  `${name.padEnd(16)} ${result.seconds.toFixed(2).padStart(8)} s ${result.peak.toFixed(0).padStart(8)} MiB   exit ${result.code}`;
console.log('');
console.log(`${'command'.padEnd(16)} ${'wall'.padStart(10)} ${'peak RSS'.padStart(12)}`);
console.log(row('tsc --noEmit', tsc));
console.log(row('consentry check', consentry));
console.log(row(`  3 files changed`, pullRequest));
console.log(
  `ratio (consentry / tsc): time ${(consentry.seconds / tsc.seconds).toFixed(2)}, ` +
    `memory ${(consentry.peak / tsc.peak).toFixed(2)} (target: time at most 0.50)`,
);
console.log(`consentry: ${summary}`);
if (tsc.code !== 0) console.log(`tsc reported errors:\n${tsc.stderr.slice(0, 2000)}`);
if (consentry.code !== 0) console.log(`consentry failed:\n${consentry.stderr.slice(0, 2000)}`);
if (pullRequest.code !== 0) {
  console.log(`consentry --changed-since failed:\n${pullRequest.stderr.slice(0, 2000)}`);
}

if (!values.keep) rmSync(dir, { recursive: true, force: true });
