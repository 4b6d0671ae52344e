import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePrismaSchema } from '../src/catalogue/prisma-schema.js';
import { createDraft, renderDraftPolicy } from '../src/init/draft.js';
import { inferProject, isTierTypeName } from '../src/init/inference.js';
import { classifyFieldName, splitWords, toPolicyId } from '../src/init/personal-fields.js';
import { scanSourceFile } from '../src/init/scan-code.js';
import { toSourceMappings } from '../src/init/source-mappings.js';

const NEXT_APP = fileURLToPath(new URL('./fixtures/init-nextjs-app', import.meta.url));

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'consentry-init-'));
  temporary.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('parsePrismaSchema', () => {
  it('reads models with their table names, fields, enums and the generator output', () => {
    const schema = parsePrismaSchema(
      [
        'generator client {',
        '  provider = "prisma-client-js"',
        '  output   = "../src/generated/prisma" // custom output',
        '}',
        '',
        '/// Chat turns',
        'model ChatMessage {',
        '  id      Int      @id',
        '  body    String   @db.Text // "quoted // not a comment"',
        '  tags    String[]',
        '  note    String?',
        '  @@map("chat_messages")',
        '}',
        'enum Tier {',
        '  FREE',
        '  PRO @map("pro")',
        '}',
      ].join('\n'),
    );
    expect(schema.problems).toEqual([]);
    expect(schema.generators).toEqual([
      { name: 'client', provider: 'prisma-client-js', output: '../src/generated/prisma', line: 1 },
    ]);
    expect(schema.models).toEqual([
      {
        name: 'ChatMessage',
        table: 'chat_messages',
        line: 7,
        fields: [
          { name: 'id', type: 'Int', list: false, optional: false, line: 8 },
          { name: 'body', type: 'String', list: false, optional: false, line: 9 },
          { name: 'tags', type: 'String', list: true, optional: false, line: 10 },
          { name: 'note', type: 'String', list: false, optional: true, line: 11 },
        ],
      },
    ]);
    expect(schema.enums).toEqual([
      {
        name: 'Tier',
        line: 14,
        values: [
          { name: 'FREE', line: 15 },
          { name: 'PRO', line: 16 },
        ],
      },
    ]);
  });

  it('reports stray lines and unclosed blocks with their positions instead of throwing', () => {
    const schema = parsePrismaSchema('  garbage here\nmodel User {\n  email String\n');
    expect(schema.models).toEqual([]);
    expect(schema.problems).toEqual([
      {
        line: 1,
        column: 3,
        message: 'expected a block such as `model Name {`; the line is skipped',
      },
      { line: 2, column: 1, message: 'model User is not closed with `}`; it is skipped' },
    ]);
  });
});

describe('the personal-field heuristic', () => {
  it('splits identifiers into words', () => {
    expect(splitWords('firstName')).toEqual(['first', 'name']);
    expect(splitWords('EMAIL_ADDRESS')).toEqual(['email', 'address']);
    expect(splitWords('HTTPRequestBody')).toEqual(['http', 'request', 'body']);
  });

  it('matches whole words only, and says which word decided', () => {
    expect(classifyFieldName('lastName')).toEqual({ kind: 'names', word: 'name' });
    expect(classifyFieldName('promptText')).toEqual({
      kind: 'conversation-content',
      word: 'prompt',
    });
    expect(classifyFieldName('phone_number')).toEqual({ kind: 'contact-details', word: 'phone' });
    expect(classifyFieldName('filename')).toBeUndefined();
    expect(classifyFieldName('contentType')).toEqual({
      kind: 'conversation-content',
      word: 'content',
    });
  });

  it('turns plan names into policy ids', () => {
    expect(toPolicyId('FREE')).toBe('free');
    expect(toPolicyId('Team_Plus')).toBe('team-plus');
    expect(toPolicyId('teamPlus')).toBe('team-plus');
    expect(toPolicyId('2024')).toBeUndefined();
  });

  it('takes plan, tier and subscription names, but not a subscription status', () => {
    expect(isTierTypeName('Plan')).toBe(true);
    expect(isTierTypeName('PricingTier')).toBe(true);
    expect(isTierTypeName('SubscriptionStatus')).toBe(false);
    expect(isTierTypeName('Planet')).toBe(false);
  });
});

describe('scanSourceFile', () => {
  it('reads Drizzle tables written inline or through a column callback', () => {
    const scan = scanSourceFile(
      'src/db/schema.ts',
      [
        "import { pgTable, text, serial, integer } from 'drizzle-orm/pg-core';",
        "import { sqliteTable } from 'drizzle-orm/sqlite-core';",
        "export const messages = pgTable('chat_messages', {",
        '  id: serial().primaryKey(),',
        "  content: text('content').notNull(),",
        "  tokenCount: integer('token_count'),",
        '});',
        "export const people = sqliteTable('people', (t) => ({",
        '  id: t.integer().primaryKey(),',
        '  displayName: t.text(),',
        '}));',
        "const internal = pgTable('internal', { body: text('body') });",
        "export const counters = pgTable('counters', { id: serial() });",
      ].join('\n'),
    );
    expect(scan.drizzleTables).toEqual([
      {
        orm: 'drizzle',
        name: 'messages',
        table: 'chat_messages',
        module: './src/db/schema',
        fields: [
          {
            name: 'content',
            kind: 'conversation-content',
            evidence: {
              file: 'src/db/schema.ts',
              line: 5,
              reason: 'Drizzle column messages.content (text): the name contains "content"',
            },
          },
        ],
        evidence: {
          file: 'src/db/schema.ts',
          line: 3,
          reason: 'Drizzle table messages (pgTable) has columns that look personal',
        },
      },
      {
        orm: 'drizzle',
        name: 'people',
        table: 'people',
        module: './src/db/schema',
        fields: [
          {
            name: 'displayName',
            kind: 'names',
            evidence: {
              file: 'src/db/schema.ts',
              line: 10,
              reason: 'Drizzle column people.displayName (text): the name contains "name"',
            },
          },
        ],
        evidence: {
          file: 'src/db/schema.ts',
          line: 8,
          reason: 'Drizzle table people (sqliteTable) has columns that look personal',
        },
      },
    ]);
  });

  it('reads the tables of a Kysely database interface: text columns whose names look personal', () => {
    const scan = scanSourceFile(
      'src/db/schema.ts',
      [
        "import type { ColumnType, Generated } from 'kysely';",
        'export interface LoggedRequestTable {',
        '  id: Generated<number>;',
        '  prompt: string;',
        '  completion: string | null;',
        '  prompt_tokens: number;',
        '  created_at: ColumnType<string, string | undefined, never>;',
        '}',
        'export interface CounterTable { id: string; hits: number }',
        'export interface DB {',
        '  logged_requests: LoggedRequestTable;',
        '  counters: CounterTable;',
        '}',
      ].join('\n'),
    );
    expect(scan.kyselyTables).toEqual([
      {
        orm: 'kysely',
        name: 'LoggedRequestTable',
        table: 'logged_requests',
        module: './src/db/schema',
        fields: [
          {
            name: 'prompt',
            kind: 'conversation-content',
            evidence: {
              file: 'src/db/schema.ts',
              line: 4,
              reason:
                'Kysely column logged_requests.prompt (LoggedRequestTable): the name contains "prompt"',
            },
          },
          {
            name: 'completion',
            kind: 'conversation-content',
            evidence: {
              file: 'src/db/schema.ts',
              line: 5,
              reason:
                'Kysely column logged_requests.completion (LoggedRequestTable): the name contains "completion"',
            },
          },
        ],
        evidence: {
          file: 'src/db/schema.ts',
          line: 11,
          reason:
            'Kysely table logged_requests (DB.logged_requests) has columns that look personal',
        },
      },
    ]);
  });

  it('reads no Kysely tables in a file that does not import kysely', () => {
    const scan = scanSourceFile(
      'src/types.ts',
      'export interface Note { body: string }\nexport interface Notes { notes: Note }\n',
    );
    expect(scan.kyselyTables).toEqual([]);
  });

  it('ignores a pgTable that does not come from drizzle-orm', () => {
    const scan = scanSourceFile(
      'src/tables.ts',
      "import { pgTable } from './my-tables.js';\nexport const notes = pgTable('notes', { text: text() });\n",
    );
    expect(scan.drizzleTables).toEqual([]);
  });

  it('reads Express POST handlers that use req.body, with the fields they read', () => {
    const scan = scanSourceFile(
      'src/server.ts',
      [
        "import express from 'express';",
        'const app = express();',
        "app.post('/api/messages', async (req, res) => {",
        '  const { prompt, threadId } = req.body;',
        '  res.json({ ok: req.body.email !== undefined, prompt, threadId });',
        '});',
        "app.post('/health', (_req, res) => res.send('ok'));",
      ].join('\n'),
    );
    expect(scan.routes).toEqual([
      {
        framework: 'express',
        method: 'POST',
        path: '/api/messages',
        chat: true,
        fields: ['email', 'prompt', 'threadId'],
        personalFields: [
          {
            name: 'prompt',
            kind: 'conversation-content',
            evidence: {
              file: 'src/server.ts',
              line: 4,
              reason: 'request body field prompt: the name contains "prompt"',
            },
          },
          {
            name: 'email',
            kind: 'contact-details',
            evidence: {
              file: 'src/server.ts',
              line: 5,
              reason: 'request body field email: the name contains "email"',
            },
          },
        ],
        evidence: {
          file: 'src/server.ts',
          line: 4,
          reason: 'Express POST handler of /api/messages reads `req.body`',
        },
      },
    ]);
  });

  it('reads a Next.js POST route held in a const, without route groups in its path', () => {
    const scan = scanSourceFile(
      'src/app/(app)/api/feedback/route.ts',
      [
        'export const POST = async (request: Request) => {',
        '  const body = await request.json();',
        '  return Response.json({ rating: body.rating });',
        '};',
        'export async function GET() { return new Response(); }',
      ].join('\n'),
    );
    expect(scan.routes).toMatchObject([
      {
        framework: 'nextjs',
        path: '/api/feedback',
        chat: false,
        fields: ['rating'],
        personalFields: [],
      },
    ]);
  });

  it('tells training calls from model calls, and checks literal options', () => {
    const scan = scanSourceFile(
      'src/jobs.ts',
      [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        "await client.files.create({ file, purpose: 'fine-tune' });",
        "await client.files.create({ file, purpose: 'assistants' });",
        'await client.files.create({ file, purpose });',
        "await client.chat.completions.create({ model: 'gpt-4o', messages });",
        'await this.ai.fineTuning.jobs.create({ training_file: id });',
        'await transaction.commit();',
      ].join('\n'),
    );
    expect(
      scan.calls.map((call) => [call.call.api, call.call.kind, call.call.evidence.line]),
    ).toEqual([
      ['files.create', 'training', 3],
      ['files.create', 'training', 5],
      ['chat.completions.create', 'inference', 6],
      ['fineTuning.jobs.create', 'training', 7],
    ]);
    expect(scan.calls[1]?.call.evidence.reason).toBe(
      '`client.files.create(…)` may be OpenAI file upload for fine-tuning: its purpose is not a literal',
    );
  });

  it('matches bare training functions only when they are imported from the vendor', () => {
    const imported = scanSourceFile(
      'src/publish.ts',
      "import { uploadFiles } from '@huggingface/hub';\nawait uploadFiles({ repo, files });\n",
    );
    expect(imported.calls.map((call) => call.call.catalogueId)).toEqual([
      'huggingface.uploadFiles',
    ]);
    const local = scanSourceFile(
      'src/publish.ts',
      'function uploadFiles(files: string[]) {}\nuploadFiles([]);\n',
    );
    expect(local.calls).toEqual([]);
  });

  it('prefers the vendor imported in the file when two vendors share an API path', () => {
    const scan = scanSourceFile(
      'src/together.ts',
      "import Together from 'together-ai';\nawait new Together().chat.completions.create({ model, messages });\n",
    );
    expect(scan.calls.map((call) => call.package)).toEqual(['together-ai']);
  });

  it('collects constant lists of plans: arrays, enum-like objects and zod enums', () => {
    const scan = scanSourceFile(
      'src/billing.ts',
      [
        "export const PLANS = ['free', 'plus'] as const;",
        "export const Tier = { Free: 'free', Team: 'team' } as const;",
        "export const PlanSchema = z.enum(['hobby', 'scale']);",
        "const plan = { id: 'p1', label: 'Plus' };",
        "const tiers = ['free'];",
      ].join('\n'),
    );
    expect(
      scan.tierCandidates.map((candidate) => [
        candidate.name,
        candidate.values.map((value) => value.value),
      ]),
    ).toEqual([
      ['PLANS', ['free', 'plus']],
      ['Tier', ['free', 'team']],
      ['Plan', ['hobby', 'scale']],
    ]);
    expect(scan.tierCandidates[0]?.values[0]?.evidence).toEqual({
      file: 'src/billing.ts',
      line: 1,
      reason: 'value of the constant PLANS',
    });
  });

  it('collects string unions and enums as plan candidates', () => {
    const scan = scanSourceFile(
      'src/plans.ts',
      [
        "export type Plan = 'free' | 'pro';",
        "export enum SubscriptionTier { Hobby = 'hobby', Business = 'business' }",
        "type Mode = 'dark';",
      ].join('\n'),
    );
    expect(
      scan.tierCandidates.map((candidate) => [
        candidate.name,
        candidate.values.map((v) => v.value),
      ]),
    ).toEqual([
      ['Plan', ['free', 'pro']],
      ['SubscriptionTier', ['hobby', 'business']],
    ]);
  });
});

describe('inferProject', () => {
  it('finds the models, chat route, vendor, calls and plans of the Next.js fixture, each with evidence', async () => {
    const inference = await inferProject(NEXT_APP);
    expect(inference.problems).toEqual([]);
    expect(
      inference.models.map((model) => [
        model.orm,
        model.name,
        model.module,
        model.fields.map((field) => `${field.name}:${field.kind}:${field.evidence.line}`),
      ]),
    ).toEqual([
      ['prisma', 'User', '@prisma/client', ['email:contact-details:20', 'name:names:21']],
      ['prisma', 'Message', '@prisma/client', ['content:conversation-content:41']],
    ]);
    expect(inference.routes).toMatchObject([
      {
        framework: 'nextjs',
        path: '/api/chat',
        chat: true,
        fields: ['conversationId', 'message', 'userId'],
        evidence: { file: 'app/api/chat/route.ts', line: 6 },
      },
    ]);
    expect(inference.routes[0]?.bodyExport).toBeUndefined();
    expect(inference.vendors).toEqual([
      {
        package: 'openai',
        vendor: 'OpenAI',
        imports: [
          { file: 'src/lib/ai.ts', line: 1, reason: "imports openai (OpenAI's SDK)" },
          {
            file: 'src/training/export-conversations.ts',
            line: 1,
            reason: "imports openai (OpenAI's SDK)",
          },
        ],
      },
    ]);
    expect(
      inference.calls.map(
        (call) => `${call.kind} ${call.api} ${call.evidence.file}:${call.evidence.line}`,
      ),
    ).toEqual([
      'inference chat.completions.create app/api/chat/route.ts:12',
      'training files.create src/training/export-conversations.ts:11',
      'training fineTuning.jobs.create src/training/export-conversations.ts:15',
    ]);
    expect(
      inference.tiers.map((tier) => `${tier.id} ${tier.evidence.file}:${tier.evidence.line}`),
    ).toEqual([
      'free prisma/schema.prisma:13',
      'pro prisma/schema.prisma:14',
      'team prisma/schema.prisma:15',
    ]);
  });

  it('uses the Prisma generator output as the module and keeps going past a broken schema line', async () => {
    const root = project({
      'prisma/schema.prisma':
        'generator client {\n  output = "../src/generated/db"\n}\nmodel Note {\n  text String\n  %%%\n}\n',
    });
    const inference = await inferProject(root);
    expect(inference.models.map((model) => [model.name, model.module])).toEqual([
      ['Note', './src/generated/db'],
    ]);
    expect(inference.problems).toEqual([
      {
        file: 'prisma/schema.prisma',
        line: 6,
        column: 1,
        message: 'cannot read this field of model Note; it is skipped',
      },
    ]);
  });

  it('reads every file of a Prisma schema folder, with the generator output relative to its file', async () => {
    const root = project({
      'prisma/schema/base.prisma':
        'generator client {\n  provider = "prisma-client"\n  output = "../../src/generated/prisma"\n}\n',
      'prisma/schema/chat.prisma': 'model Prompt {\n  id Int @id\n  text String\n}\n',
      'prisma/schema/users.prisma': 'model Person {\n  id Int @id\n  phone String?\n}\n',
    });
    const inference = await inferProject(root);
    expect(
      inference.models.map((model) => [model.name, model.module, model.fields[0]?.evidence.file]),
    ).toEqual([
      ['Prompt', './src/generated/prisma', 'prisma/schema/chat.prisma'],
      ['Person', './src/generated/prisma', 'prisma/schema/users.prisma'],
    ]);
  });

  it('calls a vendor API in use only when the vendor is imported somewhere in the project', async () => {
    const root = project({
      'src/queue.ts': "await queue.files.create({ purpose: 'fine-tune', file });\n",
    });
    expect((await inferProject(root)).calls).toEqual([]);
  });

  it('finds nothing in an empty project', async () => {
    expect(await inferProject(project({}))).toEqual({
      models: [],
      routes: [],
      vendors: [],
      chatSdks: [],
      calls: [],
      tiers: [],
      problems: [],
    });
  });

  it('never runs project code', async () => {
    const marker = join(tmpdir(), `consentry-ran-${process.pid}`);
    const root = project({
      'src/evil.ts': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport type Plan = 'free' | 'pro';\n`,
    });
    const inference = await inferProject(root);
    expect(inference.tiers.map((tier) => tier.id)).toEqual(['free', 'pro']);
    expect(() => rmSync(marker)).toThrow();
  });
});

describe('toSourceMappings', () => {
  it('maps Prisma fields, Drizzle columns and Express bodies, each labelled inferred with its evidence', async () => {
    const root = project({
      'prisma/schema.prisma': 'model Message {\n  id Int @id\n  content String\n}\n',
      'src/schema.ts':
        "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const notes = pgTable('notes', { body: text() });\n",
      'src/server.ts':
        "import express from 'express';\nconst app = express();\napp.post('/chat', (req, res) => res.json(req.body.message));\n",
      'node_modules/@types/express-serve-static-core/index.d.ts': 'export {};\n',
    });
    const mappings = toSourceMappings(await inferProject(root), { categoryPrefix: 'inferred-' });
    expect(
      mappings.map((mapping) => [mapping.source, mapping.inferred, mapping.evidence.file]),
    ).toEqual([
      [
        {
          module: './src/schema',
          export: 'notes.body',
          category: 'inferred-conversation-content',
        },
        true,
        'src/schema.ts',
      ],
      [
        {
          module: '@prisma/client',
          export: 'Message.content',
          category: 'inferred-conversation-content',
        },
        true,
        'prisma/schema.prisma',
      ],
      [
        {
          module: 'express-serve-static-core',
          export: 'Request.body',
          category: 'inferred-conversation-content',
        },
        true,
        'src/server.ts',
      ],
    ]);
  });

  it('leaves Express bodies out when the Express types are not installed', async () => {
    const root = project({
      'src/server.ts':
        "import express from 'express';\nconst app = express();\napp.post('/chat', (req, res) => res.json(req.body.message));\n",
    });
    expect(toSourceMappings(await inferProject(root))).toEqual([]);
  });
});

describe('tiers come from billing and plan code only', () => {
  const tiersOf = async (files: Record<string, string>) =>
    (await inferProject(project(files))).tiers.map((tier) =>
      tier.paid === undefined ? tier.id : `${tier.id} paid=${tier.paid.value}`,
    );

  it('ignores a support form’s plan list and takes paid from the Stripe prices', async () => {
    const tiers = await tiersOf({
      'src/components/support-form.tsx': [
        "const plans = ['Starter', 'Business', 'Enterprise'];",
        'export function SupportForm() {',
        '  return <select name="plan">{plans.map((plan) => <option key={plan}>{plan}</option>)}</select>;',
        '}',
        '',
      ].join('\n'),
      'src/lib/plans.ts': "export type Plan = 'free' | 'pro' | 'team';\n",
      'src/lib/billing.ts': [
        'export const STRIPE_PRICES = {',
        "  pro: 'price_1PzQrLKpro0Monthly',",
        '  team: process.env.STRIPE_TEAM_PRICE_ID,',
        '} as const;',
        '',
      ].join('\n'),
    });
    expect(tiers).toEqual(['free', 'pro paid=true', 'team paid=true']);
  });

  it('reads plans and their price from an entitlement map', async () => {
    const tiers = await tiersOf({
      'src/entitlements.ts': [
        'export const PLAN_LIMITS = {',
        '  hobby: { price: 0, messagesPerDay: 50 },',
        '  studio: { price: 20, messagesPerDay: 5000 },',
        '} as const;',
        '',
      ].join('\n'),
    });
    expect(tiers).toEqual(['hobby paid=false', 'studio paid=true']);
  });

  it('reads a plan field’s values, and leaves paid unknown without a price', async () => {
    const tiers = await tiersOf({
      'src/account.ts': [
        'export interface Account {',
        '  id: string;',
        "  plan: 'starter' | 'scale';",
        "  theme: 'light' | 'dark';",
        '}',
        "export const AccountSchema = z.object({ tier: z.enum(['starter', 'scale', 'enterprise']) });",
        '',
      ].join('\n'),
    });
    expect(tiers).toEqual(['starter', 'scale', 'enterprise']);
  });

  it('takes a constant list only when a plan type is derived from it', async () => {
    const derived = await tiersOf({
      'src/plans.ts':
        "export const PLANS = ['free', 'plus'] as const;\nexport type Plan = (typeof PLANS)[number];\n",
    });
    expect(derived).toEqual(['free', 'plus']);
    const alone = await tiersOf({
      'src/pricing-page.ts': "export const PLANS = ['Starter', 'Growth', 'Scale'];\n",
    });
    expect(alone).toEqual([]);
  });

  it('falls back to the Stripe price map when nothing else names plans', async () => {
    const tiers = await tiersOf({
      'src/stripe.ts':
        "export const prices = { pro: 'price_1Pro', business: 'price_1Business' };\n",
    });
    expect(tiers).toEqual(['pro paid=true', 'business paid=true']);
  });
});

describe('a Vercel AI SDK app', () => {
  it('is recognised by its imports of ai and @ai-sdk/*, with its model calls', async () => {
    const root = project({
      'package.json': JSON.stringify({
        name: 'scribe-chat',
        dependencies: { ai: '^5.0.0', '@ai-sdk/openai': '^2.0.0', next: '^15.0.0' },
      }),
      'app/api/chat/route.ts': [
        "import { openai } from '@ai-sdk/openai';",
        "import { streamText } from 'ai';",
        '',
        'export async function POST(req: Request) {',
        '  const { messages } = await req.json();',
        "  const result = streamText({ model: openai('gpt-4o'), messages });",
        '  return result.toUIMessageStreamResponse();',
        '}',
        '',
      ].join('\n'),
    });
    const inference = await inferProject(root);
    expect(inference.vendors.map((vendor) => [vendor.package, vendor.vendor])).toEqual([
      ['@ai-sdk/openai', 'OpenAI'],
      ['ai', 'the model provider chosen with the Vercel AI SDK'],
    ]);
    expect(
      inference.calls.map(
        (call) => `${call.kind} ${call.api} ${call.evidence.file}:${call.evidence.line}`,
      ),
    ).toEqual(['inference streamText app/api/chat/route.ts:6']);
    expect(inference.routes.map((route) => [route.path, route.chat])).toEqual([
      ['/api/chat', true],
    ]);
    const policy = renderDraftPolicy(createDraft(inference, 'scribe-chat'));
    expect(parse(policy).purposes['service-delivery'].recipients).toEqual([
      { name: 'the model provider chosen with the Vercel AI SDK', role: 'processor' },
    ]);
  });
});
