// Vitest global setup: one throwaway PostgreSQL cluster for the whole run, stopped at the end.
// It is never optional: if the server cannot start, the run fails with the reason.
import type { TestProject } from 'vitest/node';
import { type ClusterAddress, startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ClusterAddress;
  }
}

export default function setup(project: TestProject): () => void {
  const cluster = startPostgresCluster();
  project.provide('postgres', { host: cluster.host, port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
