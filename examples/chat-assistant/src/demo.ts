// Runs Parley for one day: users on every tier chat, some opt out of model training, then the
// nightly job exports conversations for fine-tuning. Prints what left the company, per tier.
import { createApp } from './app.js';
import { createSteppingClock } from './clock.js';
import { type Tier, User } from './domain.js';
import { FakeOpenAIClient } from './vendor/openai-client.js';

interface Seed {
  readonly id: string;
  readonly name: string;
  readonly tier: Tier;
  readonly optedOut: boolean;
}

const seeds: readonly Seed[] = [
  { id: 'usr-ada', name: 'Ada Lovelace', tier: 'free', optedOut: false },
  { id: 'usr-alan', name: 'Alan Turing', tier: 'free', optedOut: true },
  { id: 'usr-emmy', name: 'Emmy Noether', tier: 'free', optedOut: false },
  { id: 'usr-hedy', name: 'Hedy Lamarr', tier: 'free', optedOut: true },
  { id: 'usr-kurt', name: 'Kurt Gödel', tier: 'free', optedOut: false },
  { id: 'usr-grace', name: 'Grace Hopper', tier: 'pro', optedOut: false },
  { id: 'usr-john', name: 'John von Neumann', tier: 'pro', optedOut: true },
  { id: 'usr-katherine', name: 'Katherine Johnson', tier: 'pro', optedOut: false },
  { id: 'usr-barbara', name: 'Barbara Liskov', tier: 'enterprise', optedOut: false },
  { id: 'usr-edsger', name: 'Edsger Dijkstra', tier: 'enterprise', optedOut: false },
];

const prompts: readonly string[] = [
  'Hello there',
  'How do I split a long essay into sections?',
  'Draft a polite reminder about an unpaid invoice',
];

const openai = new FakeOpenAIClient();
const app = createApp({ openai, clock: createSteppingClock(new Date('2026-11-27T08:00:00Z')) });

for (const seed of seeds) {
  const email = `${seed.id.slice(4)}@mail.example`;
  await app.users.save(new User({ id: seed.id, name: seed.name, email, tier: seed.tier }));
}

let firstReply: unknown;
for (const [index, seed] of seeds.entries()) {
  const headers = { 'x-user-id': seed.id };
  const prompt = `${prompts[index % prompts.length]} (from ${seed.name})`;
  const reply = await app.api.handle({ method: 'POST', path: '/chat', headers, body: { prompt } });
  firstReply ??= reply;
  if (seed.optedOut) {
    const body = { included: false };
    await app.api.handle({ method: 'PUT', path: '/settings/model-training', headers, body });
  }
}

const report = await app.nightlyExport.run('2026-11-27');
const uploaded = openai.receivedFiles.map((file) => file.text).join('');
const leaked = seeds.filter((seed) => seed.optedOut && uploaded.includes(`(from ${seed.name})`));
const tiers: readonly Tier[] = ['free', 'pro', 'enterprise'];

const count = (tier: Tier, optedOut: boolean) =>
  seeds.filter((seed) => seed.tier === tier && seed.optedOut === optedOut).length;
console.log('Parley chat assistant: one day, then the nightly fine-tuning export\n');
console.log(
  `Users: ${tiers.map((tier) => `${count(tier, false) + count(tier, true)} ${tier} (${count(tier, true)} opted out of model training)`).join(', ')}.`,
);
console.log(`First chat: POST /chat answered ${JSON.stringify(firstReply)}\n`);
console.log(
  `Nightly export ${report.dataset}: ${report.rows} rows, uploaded as ${report.submission?.fileId ?? 'nothing'}, job ${report.submission?.jobId ?? 'none'}.`,
);
for (const tier of tiers) {
  console.log(`  ${tier.padEnd(10)} ${String(report.rowsByTier[tier]).padStart(2)} rows exported`);
}
console.log('');
if (leaked.length === 0) {
  console.log('Every opt-out was honoured.');
} else {
  const names = leaked.map((seed) => `${seed.id} (${seed.tier})`).join(', ');
  console.log(`FLAW: ${leaked.length} users who opted out were exported anyway: ${names}.`);
  console.log(
    'The job checks the opt-out only for paying tiers, but the policy promises every tier, free included, a free in-app opt-out.',
  );
  console.log(
    'Run `npx consentry check examples/chat-assistant` to see the tier-opt-out-gap finding.',
  );
}
