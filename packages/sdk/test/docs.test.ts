// The store docs' code is the fixture that runs here, against the test PostgreSQL server.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPostgresStore, migratePostgresStore } from '../src/postgres/index.js';
import { createDatabase } from './support/backends.js';

const packageRoot = new URL('..', import.meta.url).pathname;

describe('docs/stores.md', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;

  beforeEach(async () => {
    database = await createDatabase();
  });

  afterEach(async () => {
    delete process.env.CONSENTRY_OWNER_URL;
    delete process.env.CONSENTRY_APP_URL;
    delete process.env.CONSENTRY_CHAIN_KEY;
    delete process.env.CONSENTRY_MAINTAINER_URL;
    await database.drop();
  });

  test('every file-headed ts block is the fixture file of that name, verbatim', () => {
    const docs = readFileSync(`${packageRoot}docs/stores.md`, 'utf8');
    const blocks = [...docs.matchAll(/```ts\n(\/\/ ([\w-]+\.ts)\n[\s\S]*?)```/g)];
    expect(blocks.map((block) => block[2])).toEqual(['retention-job.ts', 'postgres-consent.ts']);
    for (const [, code, name] of blocks) {
      expect(code).toBe(readFileSync(`${packageRoot}test/fixtures/readme/${name}`, 'utf8'));
    }
  });

  test('the retention job purges decisions replaced more than three years ago and keeps an erased user’s proof of consent under a pseudonym', async () => {
    const key = 'a chain key of at least thirty-two bytes';
    process.env.CONSENTRY_MAINTAINER_URL = database.url;
    process.env.CONSENTRY_CHAIN_KEY = key;
    await migratePostgresStore(database.url);
    const app = createPostgresStore({ connectionString: database.url, key });
    const decided = (subjectId: string, decision: 'opt-in' | 'objection', at: string) =>
      app.append({ subjectId, purpose: 'newsletter', decision, at, tier: 'free' });
    const { maintenance, purgeExpiredDecisions, eraseUser } = await import(
      './fixtures/readme/retention-job.js'
    );
    try {
      await decided('ada', 'opt-in', '2020-01-10T09:00:00.000Z');
      await decided('ada', 'objection', '2021-01-10T09:00:00.000Z');
      await decided('lin', 'opt-in', '2021-01-10T09:00:00.000Z');
      await decided('lin', 'objection', new Date().toISOString());
      // Ada's opt-in was replaced more than three years ago; Lin's was replaced just now.
      expect(await purgeExpiredDecisions()).toBe(1);
      expect((await app.read('ada')).map((kept) => kept.decision)).toEqual(['objection']);
      expect(await app.read('lin')).toHaveLength(2);

      const pseudonym = await eraseUser('lin');
      expect(pseudonym).toBe(maintenance.pseudonymOf('lin'));
      expect(await app.read('lin')).toEqual([]);
      expect((await app.read(String(pseudonym))).map((kept) => kept.decision)).toEqual([
        'opt-in',
        'objection',
      ]);
      expect(await app.verify()).toMatchObject({ ok: true });
    } finally {
      await maintenance.close();
      await app.close();
    }
  });

  test('the PostgreSQL example migrates, records and denies after an objection', async () => {
    process.env.CONSENTRY_OWNER_URL = database.url;
    process.env.CONSENTRY_APP_URL = database.url;
    process.env.CONSENTRY_CHAIN_KEY = 'a chain key of at least thirty-two bytes';
    const { consent, store } = await import('./fixtures/readme/postgres-consent.js');
    try {
      const ada = { id: 'ada', tier: 'free' } as const;
      expect(await consent.allows(ada, 'model-training')).toBe(true);
      await consent.record(ada, 'model-training', 'objection', { mechanism: 'in-app-toggle' });
      expect(await consent.decide(ada, 'model-training')).toMatchObject({
        allowed: false,
        reason: 'objected',
      });
      expect(await store.verify()).toMatchObject({ ok: true, rows: 1 });
    } finally {
      await store.close();
    }
  });
});
