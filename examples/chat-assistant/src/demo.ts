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

let firstChat = '';
for (const [index, seed] of seeds.entries()) {
  const headers = { 'x-user-id': seed.id };
  const prompt = `${prompts[index % prompts.length]} (from ${seed.name})`;
  const reply = await app.api.handle({ method: 'POST', path: '/chat', headers, body: { prompt } });
  firstChat ||= `POST /chat as ${seed.id} → ${reply.status} ${JSON.stringify(reply.body)}`;
  if (seed.optedOut) {
    const body = { included: false };
    await app.api.handle({ method: 'PUT', path: '/settings/model-training', headers, body });
  }
}

const report = await app.nightlyExport.run('2026-11-27');
const uploaded = openai.receivedFiles.map((file) => file.text).join('');
const leaked = seeds.filter((seed) => seed.optedOut && uploaded.includes(`(from ${seed.name})`));

const tiers: readonly Tier[] = ['free', 'pro', 'enterprise'];
const count = (tier: Tier, optedOut?: boolean) =>
  seeds.filter(
    (seed) => seed.tier === tier && (optedOut === undefined || seed.optedOut === optedOut),
  ).length;
const row = (label: string, values: readonly (number | string)[]) =>
  `  ${label.padEnd(16)}${values.map((value) => String(value).padStart(12)).join('')}`;

console.log('Parley chat assistant: one day of chats, then the nightly fine-tuning export\n');
console.log(firstChat);
console.log('');
console.log(row('', tiers));
console.log(
  row(
    'users',
    tiers.map((tier) => count(tier)),
  ),
);
console.log(
  row(
    'opted out',
    tiers.map((tier) => count(tier, true)),
  ),
);
console.log(
  row(
    'rows exported',
    tiers.map((tier) => report.rowsByTier[tier]),
  ),
);
console.log('');
console.log(
  `Dataset ${report.dataset}.jsonl: ${report.rows} rows, uploaded as ${report.submission?.fileId ?? 'nothing'}, fine-tuning job ${report.submission?.jobId ?? 'none'} ${report.submission?.status ?? ''}.`,
);
const honoured = seeds.filter((seed) => seed.optedOut && !leaked.includes(seed));
console.log(
  `Opt-outs honoured: ${honoured.map((seed) => `${seed.id} (${seed.tier})`).join(', ') || 'none'}. Enterprise rows: ${report.rowsByTier.enterprise} (the policy excludes that tier).\n`,
);
if (leaked.length === 0) {
  console.log('Every opt-out was honoured.');
} else {
  const names = leaked.map((seed) => `${seed.id} (${seed.tier})`).join(', ');
  console.log(
    `FLAW: ${leaked.length} users opted out of model training and were exported anyway: ${names}.`,
  );
  console.log(
    'The job checks the opt-out only for paying tiers; the policy promises every tier, free included,',
  );
  console.log('a free in-app opt-out. `npx consentry check examples/chat-assistant` reports it as');
  console.log('tier-opt-out-gap at src/training/nightly-training-export.ts.');
}
