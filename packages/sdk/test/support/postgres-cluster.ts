// Starts a throwaway PostgreSQL cluster in a temporary directory, listening only on a Unix socket
// there, for the tests and the store benchmark. It never touches a system cluster.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a running throwaway cluster listens, as plain data that can cross process boundaries. */
export interface ClusterAddress {
  /** The socket directory. */
  readonly host: string;
  readonly port: number;
  /** The superuser (trust authentication, only through the socket). */
  readonly user: string;
}

/** A running throwaway cluster. */
export interface PostgresCluster extends ClusterAddress {
  /** Stops the server and removes its directory. */
  stop(): void;
}

/** A connection string for one database of the cluster, optionally as another role. */
export function connectionString(address: ClusterAddress, database: string, user = address.user) {
  return `postgresql://${encodeURIComponent(user)}@${encodeURIComponent(address.host)}:${address.port}/${encodeURIComponent(database)}`;
}

/** Finds initdb and pg_ctl: $CONSENTRY_PG_BINDIR, then Debian's /usr/lib/postgresql/<version>/bin (newest first), then PATH. */
function findBinDir(): string | undefined {
  const fromEnv = process.env.CONSENTRY_PG_BINDIR;
  if (fromEnv !== undefined && fromEnv !== '') {
    return fromEnv;
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) {
      return join(debian, versions[0], 'bin');
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? join(found, '..') : undefined;
}

/** Starts a cluster, or throws an Error that says why it could not. */
export function startPostgresCluster(): PostgresCluster {
  const binDir = findBinDir();
  if (binDir === undefined) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL 14 or later (Debian: apt-get install postgresql; .ci/run does this) or set CONSENTRY_PG_BINDIR to the directory that holds initdb.',
    );
  }
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(binDir, tool))) {
      throw new Error(
        `PostgreSQL test cluster: ${join(binDir, tool)} does not exist. Install PostgreSQL 14 or later (Debian: apt-get install postgresql) or point CONSENTRY_PG_BINDIR at the directory that holds initdb and pg_ctl.`,
      );
    }
  }
  // PostgreSQL refuses to run as root, so root runs it as the "postgres" user the package creates.
  const asRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) {
      throw new Error(
        'The tests run as root, and PostgreSQL refuses to; there is no "postgres" user to run it as. Install the Debian postgresql package (it creates the user) or run the tests as another user.',
      );
    }
    owner = { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const root = mkdtempSync(join(tmpdir(), 'consentry-pg-'));
  if (owner !== undefined) {
    chownSync(root, owner.uid, owner.gid);
  }
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  // The socket file's name carries the port; any port works since nothing listens on TCP.
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const user = 'postgres';
  const run = (command: string, args: string[], timeoutMs: number) => {
    const [file, ...rest] = [...prefix, join(binDir, command), ...args];
    return spawnSync(String(file), rest, { encoding: 'utf8', timeout: timeoutMs });
  };
  const fail = (step: string, result: ReturnType<typeof run>): never => {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    rmSync(root, { recursive: true, force: true });
    const why =
      result.error?.message ??
      (result.signal ? `killed by ${result.signal} (time limit)` : `exit ${result.status}`);
    throw new Error(
      `PostgreSQL test cluster: ${step} failed (${why}).\n${result.stderr ?? ''}${result.stdout ?? ''}${serverLog}`.trim(),
    );
  };
  const init = run(
    'initdb',
    [
      '-D',
      data,
      '-U',
      user,
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    120_000,
  );
  if (init.status !== 0) {
    fail('initdb', init);
  }
  const serverOptions = [
    `-k ${root}`,
    "-c listen_addresses=''",
    `-p ${port}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = run(
    'pg_ctl',
    ['-D', data, '-l', log, '-o', serverOptions, '-w', '-t', '60', 'start'],
    90_000,
  );
  if (start.status !== 0) {
    run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], 30_000);
    fail('starting the server', start);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    process.off('exit', stop);
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], 60_000);
    rmSync(root, { recursive: true, force: true });
  };
  // A run that ends without its teardown (an interrupted vitest) still stops the server.
  process.on('exit', stop);
  return { host: root, port, user, stop };
}
