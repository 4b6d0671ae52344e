// One process of the store benchmark: runs `allows()` checks against a store and reports latencies.
// argv: <sqlite|postgres> <file or connection string> <checks> <subjects>
import { createConsent } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { benchPolicy } from './store-policy.js';

const [kind, location, checks, subjects] = process.argv.slice(2);
const store =
  kind === 'postgres'
    ? createPostgresStore({ connectionString: String(location) })
    : createSqliteStore({ file: String(location) });
const consent = createConsent({ policy: benchPolicy, store });
// The first call opens the store and verifies the chain; it is not a check's latency.
await consent.allows({ id: 'subject-0', tier: 'free' }, 'model-training');
const latencies: number[] = [];
const started = performance.now();
for (let index = 0; index < Number(checks); index += 1) {
  const before = performance.now();
  await consent.allows(
    { id: `subject-${(index * 7919) % Number(subjects)}`, tier: 'free' },
    'model-training',
  );
  latencies.push(performance.now() - before);
}
const elapsed = performance.now() - started;
await store.close();
process.send?.({ latencies, elapsed });
