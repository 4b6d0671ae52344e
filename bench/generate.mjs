// Generates a realistic synthetic TypeScript project for `npm run bench`: entities with personal
// fields behind a barrel, repositories, services with consent helpers, classes, utilities, HTTP
// handlers and training exports (guarded, guarded for paying tiers only, and unguarded) that call
// a typed `openai` client. Deterministic: the same size gives the same files.
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const example = join(repo, 'examples', 'chat-assistant');

/** The share of each kind of module, out of 20. */
const KINDS = [
  ...Array(6).fill('entity'),
  ...Array(4).fill('repository'),
  ...Array(5).fill('service'),
  ...Array(2).fill('util'),
  ...Array(2).fill('handler'),
  'training',
];

/**
 * Writes a project of about `files` source files into `dir`; returns counts by kind. `sdkSource`
 * resolves the SDK to its TypeScript source (for tests, which run without a build).
 */
export function generateProject(dir, files, { sdkSource = false } = {}) {
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  copyFileSync(join(example, 'consentry.yaml'), join(dir, 'consentry.yaml'));
  copyFileSync(join(example, 'consentry.policy.ts'), join(dir, 'consentry.policy.ts'));
  write(
    'package.json',
    `${JSON.stringify({ name: 'bench-app', private: true, type: 'module' }, null, 2)}\n`,
  );
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          ...(sdkSource ? { customConditions: ['@consentry/source'] } : {}),
        },
        include: ['src', 'consentry.policy.ts'],
      },
      null,
      2,
    )}\n`,
  );
  // The SDK as installed in an app; the `openai` client as a typed package of its own.
  mkdirSync(join(dir, 'node_modules', '@consentry'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'sdk'), join(dir, 'node_modules', '@consentry', 'sdk'), 'dir');
  write('node_modules/openai/package.json', OPENAI_PACKAGE);
  write('node_modules/openai/index.d.ts', OPENAI_TYPES);

  write('src/consent.ts', CONSENT);
  write('src/user.ts', USER);
  write('src/openai-client.ts', CLIENT);

  const modules = { entity: [], repository: [], service: [], util: [], handler: [], training: [] };
  const fixed = 6; // consent, user, client, three barrels
  for (let index = 0; index < Math.max(files - fixed, KINDS.length); index += 1) {
    modules[KINDS[index % KINDS.length]].push(index);
  }
  const pick = (kind, index, salt = 0) => {
    const list = modules[kind];
    return list[(index * 7 + salt * 13) % list.length];
  };

  for (const index of modules.entity) write(`src/domain/entity-${index}.ts`, entity(index));
  write(
    'src/domain/index.ts',
    modules.entity.map((index) => `export * from './entity-${index}.js';\n`).join(''),
  );
  for (const index of modules.util) write(`src/util/util-${index}.ts`, util(index));
  write(
    'src/util/index.ts',
    modules.util.map((index) => `export * from './util-${index}.js';\n`).join(''),
  );
  for (const index of modules.repository) {
    write(`src/repositories/repository-${index}.ts`, repository(index, pick('entity', index)));
  }
  for (const index of modules.service) {
    const source = pick('repository', index);
    write(`src/services/service-${index}.ts`, service(index, source, pick('entity', source)));
  }
  write(
    'src/services/index.ts',
    modules.service.map((index) => `export * from './service-${index}.js';\n`).join(''),
  );
  for (const index of modules.handler) {
    write(`src/handlers/handler-${index}.ts`, handler(index, pick('service', index)));
  }
  modules.training.forEach((index, position) => {
    const variant = ['guarded', 'tier-gated', 'unguarded'][position % 3];
    const source = pick('repository', index, 2);
    write(
      `src/training/export-${index}.ts`,
      training(index, variant, source, pick('entity', source), pick('service', index, 3)),
    );
  });
  const counts = Object.fromEntries(
    Object.entries(modules).map(([kind, list]) => [kind, list.length]),
  );
  return { ...counts, total: fixed + Object.values(counts).reduce((a, b) => a + b, 0) };
}

const OPENAI_PACKAGE = `${JSON.stringify(
  {
    name: 'openai',
    version: '5.0.0',
    type: 'module',
    types: './index.d.ts',
    exports: { '.': { types: './index.d.ts' } },
  },
  null,
  2,
)}\n`;

const OPENAI_TYPES = `export type Uploadable = { readonly name: string; readonly text: string };
export declare function toFile(text: string, name: string): Uploadable;
export interface FileObject { readonly id: string; readonly bytes: number; readonly purpose: string }
export interface FineTuningJob { readonly id: string; readonly status: string }
declare class Files { create(params: { file: Uploadable; purpose: 'fine-tune' | 'batch' | 'assistants' }): Promise<FileObject>; }
declare class Jobs { create(params: { training_file: string; model: string }): Promise<FineTuningJob>; }
declare class FineTuning { readonly jobs: Jobs; }
export default class OpenAI {
  constructor(options?: { apiKey?: string });
  readonly files: Files;
  readonly fineTuning: FineTuning;
}
`;

const CONSENT = `import { type Consent, createConsent, createMarkers, createMemoryStore } from '@consentry/sdk';
import policy from '../consentry.policy.js';

export type AppConsent = Consent<typeof policy>;
export const consent: AppConsent = createConsent({ policy, store: createMemoryStore() });
export const { personal, processes } = createMarkers(policy);
`;

const USER = `import type { TierId } from '@consentry/sdk';
import type policy from '../consentry.policy.js';
import { personal } from './consent.js';

export type Tier = TierId<typeof policy>;

export class User {
  readonly id: string;
  @personal('account-identity') readonly email: string;
  readonly tier: Tier;

  constructor(id: string, email: string, tier: Tier) {
    this.id = id;
    this.email = email;
    this.tier = tier;
  }
}
`;

const CLIENT = `import OpenAI from 'openai';

export const openai = new OpenAI({ apiKey: 'bench' });
`;

function entity(i) {
  return `import { personal } from '../consent.js';

export type Role${i} = 'user' | 'assistant';

export interface Message${i} {
  readonly id: string;
  readonly role: Role${i};
  readonly text: string;
  readonly sentAt: string;
}

export interface ConversationInit${i} {
  readonly id: string;
  readonly userId: string;
  readonly title: string;
  readonly messages: readonly Message${i}[];
}

export class Conversation${i} {
  readonly id: string;
  readonly userId: string;
  @personal('conversation-content') readonly title: string;
  @personal('conversation-content') readonly messages: readonly Message${i}[];

  constructor(init: ConversationInit${i}) {
    this.id = init.id;
    this.userId = init.userId;
    this.title = init.title;
    this.messages = init.messages;
  }

  get length(): number {
    return this.messages.length;
  }

  lastReply(): Message${i} | undefined {
    for (let index = this.messages.length - 1; index >= 0; index -= 1) {
      const message = this.messages[index];
      if (message !== undefined && message.role === 'assistant') return message;
    }
    return undefined;
  }

  wordCount(): number {
    return this.messages.reduce((total, message) => total + message.text.split(/\\s+/).length, 0);
  }
}

export interface TrainingRow${i} {
  readonly prompt: string;
  readonly completion: string;
}

export function toRows${i}(conversation: Conversation${i}): TrainingRow${i}[] {
  const rows: TrainingRow${i}[] = [];
  for (let index = 0; index + 1 < conversation.messages.length; index += 2) {
    const prompt = conversation.messages[index];
    const completion = conversation.messages[index + 1];
    if (prompt === undefined || completion === undefined) continue;
    rows.push({ prompt: prompt.text, completion: completion.text });
  }
  return rows;
}

export function isEmpty${i}(conversation: Conversation${i}): boolean {
  return conversation.length === 0;
}
`;
}

function util(i) {
  return `export function chunk${i}<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size));
  }
  return chunks;
}

export function groupBy${i}<T, K extends string>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const group = key(item);
    (groups[group] ??= []).push(item);
  }
  return groups;
}

export function toJsonl${i}(rows: readonly unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\\n');
}

export class Counter${i} {
  #counts = new Map<string, number>();

  add(key: string, by = 1): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  entries(): [string, number][] {
    return [...this.#counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
`;
}

function repository(i, e) {
  return `import { Conversation${e}, type ConversationInit${e} } from '../domain/index.js';

export class ConversationRepository${i} {
  readonly #rows = new Map<string, Conversation${e}>();

  async save(init: ConversationInit${e}): Promise<Conversation${e}> {
    const conversation = new Conversation${e}(init);
    this.#rows.set(conversation.id, conversation);
    return conversation;
  }

  async get(id: string): Promise<Conversation${e} | undefined> {
    return this.#rows.get(id);
  }

  async listByUser(userId: string): Promise<Conversation${e}[]> {
    return [...this.#rows.values()].filter((conversation) => conversation.userId === userId);
  }

  async count(): Promise<number> {
    return this.#rows.size;
  }

  async remove(id: string): Promise<boolean> {
    return this.#rows.delete(id);
  }
}
`;
}

function service(i, r, e) {
  return `import { consent } from '../consent.js';
import { isEmpty${e}, type Conversation${e} } from '../domain/index.js';
import { ConversationRepository${r} } from '../repositories/repository-${r}.js';
import type { User } from '../user.js';

/** True only when the user allows training: a guard other modules call. */
export async function mayTrainOn${i}(user: User): Promise<boolean> {
  return consent.allows(user, 'model-training');
}

export class ConversationService${i} {
  constructor(private readonly repository: ConversationRepository${r}) {}

  async history(user: User): Promise<Conversation${e}[]> {
    const all = await this.repository.listByUser(user.id);
    return all.filter((conversation) => !isEmpty${e}(conversation));
  }

  async summary(user: User): Promise<{ conversations: number; messages: number }> {
    const history = await this.history(user);
    return {
      conversations: history.length,
      messages: history.reduce((total, conversation) => total + conversation.length, 0),
    };
  }

  async forget(user: User): Promise<number> {
    let removed = 0;
    for (const conversation of await this.repository.listByUser(user.id)) {
      if (await this.repository.remove(conversation.id)) removed += 1;
    }
    return removed;
  }
}
`;
}

function handler(i, s) {
  return `import { ConversationService${s}, mayTrainOn${s} } from '../services/index.js';
import type { User } from '../user.js';

export interface Request${i} {
  readonly user: User;
  readonly params: Readonly<Record<string, string>>;
}

export interface Response${i} {
  readonly status: number;
  readonly body: unknown;
}

export async function handleSummary${i}(
  service: ConversationService${s},
  request: Request${i},
): Promise<Response${i}> {
  const summary = await service.summary(request.user);
  return { status: 200, body: summary };
}

export async function handleTrainingStatus${i}(request: Request${i}): Promise<Response${i}> {
  const allowed = await mayTrainOn${s}(request.user);
  return { status: 200, body: { training: allowed ? 'included' : 'excluded' } };
}
`;
}

function training(i, variant, r, e, s) {
  const lines = {
    guarded: [`if (!(await consent.allows(user, 'model-training'))) continue;`],
    'tier-gated': [
      `if (user.tier !== 'free') {`,
      `  if (!(await mayTrainOn${s}(user))) continue;`,
      '}',
    ],
    unguarded: ['// Every user is exported: no consent or opt-out check.'],
  }[variant];
  const guard = lines.map((line) => `      ${line}`).join('\n');
  return `import { toFile } from 'openai';
import { consent } from '../consent.js';
import { toRows${e} } from '../domain/index.js';
import { openai } from '../openai-client.js';
import { ConversationRepository${r} } from '../repositories/repository-${r}.js';
import { mayTrainOn${s} } from '../services/index.js';
import type { User } from '../user.js';

// Each variant uses one of the two guards.
void consent;
void mayTrainOn${s};

export class TrainingExport${i} {
  constructor(private readonly repository: ConversationRepository${r}) {}

  /** Uploads each conversation as it is read. */
  async run(users: readonly User[]): Promise<number> {
    let uploads = 0;
    for (const user of users) {
${guard}
      for (const conversation of await this.repository.listByUser(user.id)) {
        const file = toFile(JSON.stringify(conversation), 'conversation-${i}.jsonl');
        await openai.files.create({ file, purpose: 'fine-tune' });
        uploads += 1;
      }
    }
    return uploads;
  }

  /** Collects prompt/completion rows first, then uploads them in one file. */
  async collect(users: readonly User[]): Promise<string[]> {
    const rows: string[] = [];
    for (const user of users) {
${guard}
      for (const conversation of await this.repository.listByUser(user.id)) {
        for (const row of toRows${e}(conversation)) rows.push(JSON.stringify(row));
      }
    }
    return rows;
  }

  async runRows(users: readonly User[]): Promise<string | undefined> {
    const rows = await this.collect(users);
    if (rows.length === 0) return undefined;
    const file = toFile(rows.join('\\n'), 'export-${i}.jsonl');
    const uploaded = await openai.files.create({ file, purpose: 'fine-tune' });
    const job = await openai.fineTuning.jobs.create({ training_file: uploaded.id, model: 'base' });
    return job.id;
  }
}
`;
}
