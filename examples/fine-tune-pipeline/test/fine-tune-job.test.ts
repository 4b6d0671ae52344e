import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { type AppConsent, createAppConsent } from '../src/consent.js';
import { openDatabase } from '../src/db/database.js';
import type { DB, Tier } from '../src/db/schema.js';
import { RequestLog } from '../src/gateway/request-log.js';
import { FineTuneJob, type FineTuneOptions } from '../src/training/fine-tune-job.js';
import { createFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { FixedFineTuneJob } from './fixed-fine-tune-job.js';

const options: FineTuneOptions = {
  baseModel: 'gpt-4o-mini-2024-07-18',
  systemPrompt: 'You are Switchboard, a concise assistant.',
  since: '2026-01-01',
};

/** The accounts of the scenario: who they are, their plan, and whether they opted out. */
const accounts: readonly { id: string; tier: Tier; optedOut: boolean }[] = [
  { id: 'acct-free-out', tier: 'free', optedOut: true },
  { id: 'acct-free-in', tier: 'free', optedOut: false },
  { id: 'acct-team-out', tier: 'team', optedOut: true },
  { id: 'acct-team-in', tier: 'team', optedOut: false },
  { id: 'acct-enterprise', tier: 'enterprise', optedOut: false },
];

let db: Kysely<DB>;
let consent: AppConsent;
let openai: FakeOpenAI;

beforeEach(async () => {
  db = await openDatabase();
  consent = createAppConsent();
  openai = createFakeOpenAI();
  const log = new RequestLog(db);
  for (const account of accounts) {
    await db
      .insertInto('accounts')
      .values({ id: account.id, email: `${account.id}@mail.example`, tier: account.tier })
      .execute();
    if (account.optedOut) await consent.record(account, 'model-training', 'opt-out');
    await log.record({
      accountId: account.id,
      model: 'gpt-4o',
      prompt: `Prompt from ${account.id}`,
      completion: `Answer for ${account.id}`,
      latencyMs: 420,
    });
  }
  // Too short to teach anything: skipped.
  await log.record({
    accountId: 'acct-team-in',
    model: 'gpt-4o',
    prompt: '   ',
    completion: 'Hello!',
    latencyMs: 80,
  });
});

/** The accounts whose prompts reached the vendor in the uploaded training file. */
function uploadedAccounts(): string[] {
  const text = openai.files[0]?.text ?? '';
  return accounts.map((account) => account.id).filter((id) => text.includes(`Prompt from ${id}`));
}

async function switchboardTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('switchboard-'));
}

describe('the fine-tuning job', () => {
  it('uploads a JSONL file of chat examples and starts a job on the returned file id', async () => {
    const before = await switchboardTempDirs();
    const run = await new FixedFineTuneJob(db, openai.client, consent, options).run();

    expect(openai.files).toHaveLength(1);
    expect(openai.files[0]).toMatchObject({ purpose: 'fine-tune', filename: 'train.jsonl' });
    const lines = openai.files[0]!.text.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toContainEqual({
      messages: [
        { role: 'system', content: options.systemPrompt },
        { role: 'user', content: 'Prompt from acct-team-in' },
        { role: 'assistant', content: 'Answer for acct-team-in' },
      ],
    });
    expect(openai.jobs).toEqual([
      {
        id: run.jobId,
        model: options.baseModel,
        training_file: run.fileId,
        suffix: 'switchboard',
      },
    ]);
    expect(run.examples).toBe(lines.length);
    expect(await switchboardTempDirs()).toEqual(before);
  });

  it('shows the flaw at run time: a free account that opted out is still uploaded', async () => {
    const run = await new FineTuneJob(db, openai.client, consent, options).run();

    expect(uploadedAccounts()).toEqual(['acct-free-out', 'acct-free-in', 'acct-team-in']);
    expect(run.examplesByTier).toEqual({ free: 2, team: 1, enterprise: 0 });
  });

  it('honours every opt-out, free included, once fixed; enterprise is excluded by default', async () => {
    const run = await new FixedFineTuneJob(db, openai.client, consent, options).run();

    expect(uploadedAccounts()).toEqual(['acct-free-in', 'acct-team-in']);
    expect(run.examplesByTier).toEqual({ free: 1, team: 1, enterprise: 0 });
  });

  it('uploads nothing and starts no job when no account may be used', async () => {
    for (const account of accounts) await consent.record(account, 'model-training', 'opt-out');
    const run = await new FixedFineTuneJob(db, openai.client, consent, options).run();

    expect(run).toEqual({
      examples: 0,
      examplesByTier: { free: 0, team: 0, enterprise: 0 },
      fileId: undefined,
      jobId: undefined,
    });
    expect(openai.files).toEqual([]);
    expect(openai.jobs).toEqual([]);
  });
});
