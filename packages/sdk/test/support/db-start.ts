// `npm run db:start -w @consentry/sdk`: starts the same throwaway PostgreSQL cluster the tests use,
// prints its connection string, and stops it on Ctrl-C (for the benchmark or manual checks).
import { connectionString, startPostgresCluster } from './postgres-cluster.js';

const cluster = startPostgresCluster();
process.stdout.write(
  `PostgreSQL is running. Connection string (superuser, Unix socket):\n  ${connectionString(cluster, 'postgres')}\nPress Ctrl-C to stop it and remove its directory.\n`,
);
const stop = () => {
  cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
