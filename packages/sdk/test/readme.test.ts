import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConsentDeniedError, type ConsentMiddleware } from '../src/index.js';

const packageRoot = new URL('..', import.meta.url).pathname;
const fixtures = join(packageRoot, 'test', 'fixtures', 'readme');

describe('README worked example', () => {
  test('every file-headed ts block is the fixture file of that name, verbatim', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n(\/\/ ([\w-]+\.ts)\n[\s\S]*?)```/g)];
    expect(blocks.map((block) => block[2])).toEqual([
      'policy.ts',
      'consent.ts',
      'training-export.ts',
      'settings.ts',
      'routes.ts',
      'api.ts',
    ]);
    for (const [, code, name] of blocks) {
      expect(code).toBe(readFileSync(join(fixtures, String(name)), 'utf8'));
    }
  });

  describe('runs', () => {
    let directory: string;
    let close: () => void = () => {};

    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'consentry-readme-'));
      process.env.CONSENT_DB = join(directory, 'consent.sqlite');
    });

    afterAll(() => {
      close();
      delete process.env.CONSENT_DB;
      rmSync(directory, { recursive: true, force: true });
    });

    test('a one-click opt-out keeps a free user’s conversations out of training', async () => {
      const { consent, store } = await import('./fixtures/readme/consent.js');
      close = () => store.close();
      const { Conversation, TrainingExport } = await import('./fixtures/readme/training-export.js');
      const { setTrainingOptOut, newsletterRecipient } = await import(
        './fixtures/readme/settings.js'
      );
      const ada = { id: 'ada', tier: 'free', email: 'ada@example.com' } as const;
      const lin = { id: 'lin', tier: 'pro', email: 'lin@example.com' } as const;

      await setTrainingOptOut(ada, true);
      const exporter = new TrainingExport();
      const exported = await exporter.exportAll([
        new Conversation(ada, 'my medical question'),
        new Conversation(lin, 'a haiku about rain'),
      ]);
      expect(exported).toBe(1);
      expect(exporter.rows).toEqual(['{"text":"a haiku about rain"}']);
      await expect(exporter.add(new Conversation(ada, 'again'))).rejects.toBeInstanceOf(
        ConsentDeniedError,
      );

      await setTrainingOptOut(ada, false);
      await exporter.add(new Conversation(ada, 'fine now'));
      expect(exporter.rows).toHaveLength(2);
      expect((await store.read('ada')).map((event) => event.decision)).toEqual([
        'objection',
        'opt-in',
      ]);

      expect(await newsletterRecipient(lin)).toBeUndefined();
      await consent.record(lin, 'newsletter', 'opt-in', { noticeVersion: 'news-2026-01' });
      expect(await newsletterRecipient(lin)).toBe('lin@example.com');

      const { addShareRoute } = await import('./fixtures/readme/api.js');
      const routes = new Map<string, unknown[]>();
      const app = {
        post: (path: string, ...handlers: unknown[]) => routes.set(path, handlers),
      } as unknown as Express;
      const share = () => {};
      addShareRoute(app, share);
      const [guard, handler] = routes.get('/conversations/:id/share-for-training') ?? [];
      expect(handler).toBe(share);
      const run = (user: unknown) =>
        new Promise<unknown>((resolve) => {
          void (guard as ConsentMiddleware)({ user }, {}, resolve);
        });
      expect(await run(lin)).toBeUndefined();
      await setTrainingOptOut(lin, true);
      expect(await run(lin)).toMatchObject({ reason: 'objected', status: 403 });
      expect(await run(undefined)).toMatchObject({ reason: 'invalid-subject', status: 403 });
    });
  });
});
