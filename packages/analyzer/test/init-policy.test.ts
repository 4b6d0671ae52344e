import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  createDefaultPolicy,
  DEFAULT_POLICY_NAME,
  describeDefaultPolicy,
  labelInferredSources,
  loadDefaultPolicy,
  loadPolicyOrDefault,
} from '../src/default-policy.js';
import type { Finding } from '../src/findings.js';
import {
  createDraft,
  installedSchemaPath,
  POLICY_SCHEMA_PATH,
  planInit,
  renderDraftPolicy,
} from '../src/init/draft.js';
import type { Inference } from '../src/init/inference.js';

const NEXT_APP = fileURLToPath(new URL('./fixtures/init-nextjs-app', import.meta.url));

const EMPTY: Inference = {
  models: [],
  routes: [],
  vendors: [],
  chatSdks: [],
  calls: [],
  tiers: [],
  problems: [],
};

describe('createDefaultPolicy', () => {
  it('is a valid policy: one training purpose on legitimate interests, a free opt-out for every inferred tier', async () => {
    const { inference } = await loadDefaultPolicy(NEXT_APP);
    const policy = createDefaultPolicy(inference);
    const loaded = parsePolicy(stringify(policy), 'default.yaml');
    expect(Object.keys(loaded.policy.purposes)).toEqual(['model-training']);
    const training = loaded.policy.purposes['model-training']!;
    expect(training.kind).toBe('training');
    expect(training.legalBasis).toBe('legitimate-interests');
    expect(Object.keys(loaded.policy.tiers)).toEqual(['free', 'pro', 'team']);
    for (const tier of ['free', 'pro', 'team']) {
      expect(training.tiers?.[tier]).toEqual({
        control: 'opt-out',
        mechanism: 'settings-page',
        default: 'included',
        freeOfCharge: true,
        reasonsRequired: false,
      });
    }
    expect(loaded.policy.code?.sources).toEqual([
      {
        module: '@prisma/client',
        export: 'Message.content',
        category: 'inferred-conversation-content',
      },
      { module: '@prisma/client', export: 'User.email', category: 'inferred-contact-details' },
      { module: '@prisma/client', export: 'User.name', category: 'inferred-names' },
    ]);
    expect(Object.keys(loaded.policy.categories)).toEqual([
      'inferred-conversation-content',
      'inferred-contact-details',
      'inferred-names',
    ]);
  });

  it('is valid for a project where nothing was inferred: one tier for all users, one category', () => {
    const policy = createDefaultPolicy(EMPTY);
    const loaded = parsePolicy(stringify(policy), 'default.yaml');
    expect(loaded.policy.tiers).toEqual({ all: { name: 'All users' } });
    expect(Object.keys(loaded.policy.categories)).toEqual(['inferred-personal-data']);
    expect(loaded.policy.code).toBeUndefined();
  });

  it('loads as a policy named after the project root, so relative mappings resolve there', async () => {
    const { loaded, sources } = await loadDefaultPolicy(NEXT_APP);
    expect(loaded.file).toBe(`${NEXT_APP}/${DEFAULT_POLICY_NAME}`);
    expect(sources.every((mapping) => mapping.inferred)).toBe(true);
  });

  it('is used only when the project has no policy file and none is given', async () => {
    const root = mkdtempSync(join(tmpdir(), 'consentry-default-'));
    try {
      cpSync(NEXT_APP, root, { recursive: true });
      const fallback = await loadPolicyOrDefault(root);
      expect(fallback.defaults?.loaded.file).toBe(join(root, DEFAULT_POLICY_NAME));
      expect(fallback.loaded).toBe(fallback.defaults?.loaded);
      writeFileSync(join(root, 'custom.yaml'), renderDraftPolicy(await planInit(root)));
      const explicit = await loadPolicyOrDefault(root, join(root, 'custom.yaml'));
      expect([explicit.loaded.file, explicit.defaults]).toEqual([
        join(root, 'custom.yaml'),
        undefined,
      ]);
      writeFileSync(join(root, 'consentry.yaml'), renderDraftPolicy(await planInit(root)));
      const found = await loadPolicyOrDefault(root);
      expect([found.loaded.file, found.defaults]).toEqual([
        join(root, 'consentry.yaml'),
        undefined,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('has a notice that says how to write a policy', () => {
    expect(describeDefaultPolicy('.')).toContain('consentry init');
    expect(describeDefaultPolicy('.')).toContain('no policy file in .');
  });
});

describe('labelInferredSources', () => {
  const finding: Finding = {
    ruleId: 'training-without-consent',
    severity: 'error',
    message: 'Personal data reaches files.create',
    origin: 'code',
    file: 'src/export.ts',
    line: 11,
    column: 3,
    flow: [
      {
        file: 'src/export.ts',
        line: 7,
        column: 3,
        note: '`prisma.message.findMany()` holds personal data (inferred-conversation-content)',
      },
      {
        file: 'src/export.ts',
        line: 8,
        column: 3,
        note: '`user.email` holds personal data (account-identity)',
      },
      { file: 'src/export.ts', line: 11, column: 3, note: 'reaches `files.create`' },
    ],
  };

  it('names the inferred sources at the steps where inferred data enters, and leaves declared ones alone', async () => {
    const { sources } = await loadDefaultPolicy(NEXT_APP);
    const [labelled] = labelInferredSources([finding], sources);
    expect(labelled?.flow?.map((step) => step.note)).toEqual([
      '`prisma.message.findMany()` holds personal data (inferred-conversation-content); inferred source, not declared in a policy: Message.content (prisma/schema.prisma:41)',
      '`user.email` holds personal data (account-identity)',
      'reaches `files.create`',
    ]);
  });
});

describe('the $schema init writes', () => {
  it('is the installed @consentry/policy schema nearest above the project, relative to it', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'consentry-schema-'));
    try {
      const app = join(workspace, 'apps', 'chat');
      mkdirSync(app, { recursive: true });
      expect(installedSchemaPath(app)).toBe(POLICY_SCHEMA_PATH);
      const hoisted = join(workspace, 'node_modules', '@consentry', 'policy');
      mkdirSync(hoisted, { recursive: true });
      writeFileSync(join(hoisted, 'policy.schema.json'), '{}');
      expect(installedSchemaPath(app)).toBe(
        '../../node_modules/@consentry/policy/policy.schema.json',
      );
      const local = join(app, 'node_modules', '@consentry', 'policy');
      mkdirSync(local, { recursive: true });
      writeFileSync(join(local, 'policy.schema.json'), '{}');
      expect(installedSchemaPath(app)).toBe(POLICY_SCHEMA_PATH);
      expect(
        renderDraftPolicy(createDraft(EMPTY, 'chat', installedSchemaPath(app))).split('\n')[0],
      ).toBe('$schema: ./node_modules/@consentry/policy/policy.schema.json');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('renderDraftPolicy', () => {
  it('writes a draft that validates, starts with $schema and comments every guess with file:line', async () => {
    const text = renderDraftPolicy(await planInit(NEXT_APP));
    const schema = installedSchemaPath(NEXT_APP);
    expect(text.split('\n')[0]).toBe(`$schema: ${schema}`);
    // The workspace's @consentry/policy, hoisted above the app: the path resolves offline.
    expect(schema).toMatch(/^(\.\.\/)+node_modules\/@consentry\/policy\/policy\.schema\.json$/);
    expect(existsSync(resolve(NEXT_APP, schema))).toBe(true);
    const loaded = parsePolicy(text, 'consentry.yaml');
    expect(Object.keys(loaded.policy.tiers)).toEqual(['free', 'pro', 'team']);
    expect(loaded.policy.purposes['model-training']?.kind).toBe('fine-tuning');
    expect(loaded.policy.purposes['model-training']?.recipients).toEqual([
      { name: 'OpenAI', role: 'processor' },
    ]);
    expect(loaded.policy.code?.sources?.map((source) => source.category)).toEqual([
      'conversation-content',
      'contact-details',
      'names',
    ]);
    for (const expected of [
      '# Found at prisma/schema.prisma:13: value of Prisma enum Tier',
      "# - src/training/export-conversations.ts:11: `openai.files.create({ purpose: 'fine-tune' })` is OpenAI file upload for fine-tuning",
      '# Inferred from prisma/schema.prisma:41: Prisma field Message.content (String): the name contains "content"',
      '# - app/api/chat/route.ts:12: `openai.chat.completions.create(…)` is a model call (OpenAI chat.completions.create)',
      '# Guessed from package.json:1: the package name; write the legal name of the company.',
      "# openai is imported at src/lib/ai.ts:1, src/training/export-conversations.ts:1; called at src/training/export-conversations.ts:11: `openai.files.create({ purpose: 'fine-tune' })` is OpenAI file upload for fine-tuning",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is deterministic', async () => {
    expect(renderDraftPolicy(await planInit(NEXT_APP))).toBe(
      renderDraftPolicy(await planInit(NEXT_APP)),
    );
  });

  it('writes a valid draft for a project where nothing was found, and says so', () => {
    const text = renderDraftPolicy(createDraft(EMPTY));
    const loaded = parsePolicy(text, 'consentry.yaml');
    expect(loaded.policy.tiers).toEqual({ all: { name: 'All users', paid: false } });
    expect(loaded.policy.purposes['model-training']?.kind).toBe('training');
    expect(text).toContain('# No training API call was found in the code.');
    expect(text).toContain('# The code names no plans');
  });

  it('lists vendor SDKs imported without a recognised call at the end, with where they are imported', () => {
    const text = renderDraftPolicy(
      createDraft({
        ...EMPTY,
        vendors: [
          {
            package: 'cohere-ai',
            vendor: 'Cohere',
            imports: [
              { file: 'src/rerank.ts', line: 3, reason: "imports cohere-ai (Cohere's SDK)" },
            ],
          },
        ],
      }),
    );
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      '# AI vendor SDKs imported with no call Consentry recognises; add each vendor as a recipient of',
      '# the purposes that send it data:',
      '# - cohere-ai (Cohere) at src/rerank.ts:3',
    ]);
    parsePolicy(text, 'consentry.yaml');
  });

  it('keeps the YAML comments out of the data', async () => {
    const text = renderDraftPolicy(await planInit(NEXT_APP));
    const value = parse(text) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual([
      '$schema',
      'version',
      'controller',
      'tiers',
      'subjects',
      'categories',
      'purposes',
      'code',
    ]);
  });
});

describe('the tiers init writes', () => {
  it('marks paid only what billing code shows (and free), never every plan', () => {
    const evidence = (line: number, reason: string) => ({ file: 'src/billing.ts', line, reason });
    const text = renderDraftPolicy(
      createDraft({
        ...EMPTY,
        tiers: [
          { id: 'free', value: 'free', evidence: evidence(1, 'member of the union type Plan') },
          {
            id: 'pro',
            value: 'pro',
            evidence: evidence(1, 'member of the union type Plan'),
            paid: { value: true, evidence: evidence(4, 'has a Stripe price in STRIPE_PRICES') },
          },
          {
            id: 'enterprise',
            value: 'enterprise',
            evidence: evidence(1, 'member of the union type Plan'),
          },
        ],
      }),
    );
    expect(parse(text).tiers).toEqual({
      free: { name: 'Free', paid: false },
      pro: { name: 'Pro', paid: true },
      enterprise: { name: 'Enterprise' },
    });
    expect(text).toContain('Paid: src/billing.ts:4: has a Stripe price in STRIPE_PRICES');
    expect(text).toContain('add paid: true to each other plan users pay for');
  });
});
