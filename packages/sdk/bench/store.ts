// `npm run bench:store`: measures the SQLite and PostgreSQL stores in the same run: append
// throughput, and `allows()` latency (p50/p99) and throughput from 1 process and from 8 concurrent
// processes. PostgreSQL is a throwaway local cluster on a Unix socket (fsync off), as in the tests.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ConsentStore } from '../src/index.js';
import { createPostgresStore, migratePostgresStore } from '../src/postgres/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { connectionString, startPostgresCluster } from '../test/support/postgres-cluster.js';

const subjects = 1000;
const appends = 2000;
const checksPerProcess = 2000;

type Kind = 'sqlite' | 'postgres';

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function seed(store: ConsentStore): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < appends; index += 1) {
    await store.append({
      subjectId: `subject-${index % subjects}`,
      purpose: 'model-training',
      decision: index % 3 === 0 ? 'objection' : 'opt-in',
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      tier: 'free',
    });
  }
  return appends / ((performance.now() - started) / 1000);
}

async function checks(kind: Kind, location: string, processes: number) {
  const worker = new URL('./store-worker.ts', import.meta.url).pathname;
  const started = performance.now();
  const results = await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<{ latencies: number[] }>((resolve, reject) => {
          const child = fork(worker, [kind, location, String(checksPerProcess), String(subjects)], {
            execArgv: ['--conditions=@consentry/source', '--import', 'tsx'],
          });
          child.on('message', (message) => resolve(message as { latencies: number[] }));
          child.on('exit', (code) => {
            if (code !== 0) {
              reject(new Error(`a ${kind} benchmark process exited with ${code}`));
            }
          });
        }),
    ),
  );
  // Wall time includes process start-up, so throughput is computed from the checks' own time.
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const busy = Math.max(...results.map((result) => result.latencies.reduce((a, b) => a + b, 0)));
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: latencies.length / (busy / 1000),
    wall: performance.now() - started,
  };
}

const directory = mkdtempSync(join(tmpdir(), 'consentry-bench-store-'));
const cluster = startPostgresCluster();
try {
  const file = join(directory, 'consent.sqlite');
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: connectionString(cluster, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = connectionString(cluster, name);
  await migratePostgresStore(url);

  const rows: string[] = [];
  for (const kind of ['sqlite', 'postgres'] as const) {
    const location = kind === 'sqlite' ? file : url;
    const store =
      kind === 'sqlite'
        ? createSqliteStore({ file, create: true })
        : createPostgresStore({ connectionString: url });
    const appendRate = await seed(store);
    await store.close();
    const one = await checks(kind, location, 1);
    const eight = await checks(kind, location, 8);
    const ms = (value: number) => value.toFixed(2);
    const rate = (value: number) => Math.round(value).toLocaleString('en-US');
    rows.push(
      `| ${kind} | ${rate(appendRate)} | ${ms(one.p50)} / ${ms(one.p99)} | ${rate(one.perSecond)} | ${ms(eight.p50)} / ${ms(eight.p99)} | ${rate(eight.perSecond)} |`,
    );
  }
  process.stdout.write(
    [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${appends} appends over ${subjects} subjects, ${checksPerProcess} checks per process; no read cache.`,
      '',
      '| store | appends/s (1 process) | allows() p50 / p99 ms, 1 process | checks/s, 1 process | allows() p50 / p99 ms, 8 processes | checks/s, 8 processes |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  cluster.stop();
  rmSync(directory, { recursive: true, force: true });
}
