// The store docs' code is the fixture that runs here, against the test PostgreSQL server.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
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
    await database.drop();
  });

  test('every file-headed ts block is the fixture file of that name, verbatim', () => {
    const docs = readFileSync(`${packageRoot}docs/stores.md`, 'utf8');
    const blocks = [...docs.matchAll(/```ts\n(\/\/ ([\w-]+\.ts)\n[\s\S]*?)```/g)];
    expect(blocks.map((block) => block[2])).toEqual(['postgres-consent.ts']);
    for (const [, code, name] of blocks) {
      expect(code).toBe(readFileSync(`${packageRoot}test/fixtures/readme/${name}`, 'utf8'));
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
