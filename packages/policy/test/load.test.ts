import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  getPurpose,
  getPurposeOrThrow,
  getTierOrThrow,
  loadPolicy,
  PolicyError,
  parsePolicy,
  policySchema,
  resolvePolicyFile,
} from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('loadPolicy', () => {
  it('reads the YAML and the TypeScript form of a policy to the same value', () => {
    const yaml = loadPolicy(fixture('valid/consentry.yaml'));
    const typescript = loadPolicy(fixture('valid/consentry.policy.ts'));
    expect(yaml.format).toBe('yaml');
    expect(typescript.format).toBe('typescript');
    expect(typescript.policy).toStrictEqual(yaml.policy);
    expect(yaml.policy.purposes['suggestion-training']?.tiers?.free).toStrictEqual({
      control: 'opt-out',
      mechanism: 'settings-page',
      default: 'included',
      freeOfCharge: true,
    });
  });

  it('keeps the file name as given and the text without a byte order mark', () => {
    const text = readFileSync(fixture('valid/consentry.yaml'), 'utf8');
    const fromText = parsePolicy(`\uFEFF${text}`, 'policies/bom.yaml');
    const fromBytes = parsePolicy(new TextEncoder().encode(`\uFEFF${text}`), 'policies/bom.yaml');
    expect(fromText.file).toBe('policies/bom.yaml');
    expect(fromText.text).toBe(text);
    expect(fromBytes.text).toBe(text);
    expect(fromBytes.locate('/version')).toMatchObject({ line: 2, column: 1 });
  });
});

describe('locate', () => {
  const yaml = loadPolicy(fixture('valid/consentry.yaml'));
  const typescript = loadPolicy(fixture('valid/consentry.policy.ts'));

  it('places a key of the YAML source', () => {
    expect(yaml.locate('/purposes/suggestion-training/legalBasis')).toStrictEqual({
      file: yaml.file,
      line: 49,
      column: 5,
      endLine: 49,
      endColumn: 15,
    });
  });

  it('places a list item of the YAML source', () => {
    expect(yaml.locate('/purposes/writing-assistance/categories/1')).toMatchObject({
      line: 41,
      column: 26,
      endColumn: 33,
    });
  });

  it('places a missing property at its nearest existing parent key', () => {
    expect(yaml.locate('/purposes/writing-assistance/tiers/free')).toMatchObject({
      line: 37,
      column: 3,
    });
    expect(typescript.locate('/purposes/writing-assistance/tiers/free')).toMatchObject({
      line: 36,
      column: 5,
    });
  });

  it('places keys of the TypeScript source, also those that come from a spread const', () => {
    expect(typescript.locate('/purposes/suggestion-training/legalBasis')).toMatchObject({
      line: 48,
      column: 7,
      endColumn: 17,
    });
    expect(typescript.locate('/purposes/suggestion-training/tiers/free/mechanism')).toMatchObject({
      line: 6,
      column: 3,
    });
    expect(typescript.locate('/purposes/suggestion-training/tiers/free/default')).toMatchObject({
      line: 55,
      column: 28,
    });
    expect(typescript.locate('/purposes/writing-assistance/subjects/0')).toMatchObject({
      line: 10,
      column: 18,
    });
  });

  it('places the root at the policy object and rejects a malformed pointer', () => {
    expect(yaml.locate('')).toMatchObject({ line: 2, column: 1 });
    expect(typescript.locate('')).toMatchObject({ line: 12, column: 29 });
    expect(yaml.locate('purposes')).toBeUndefined();
  });
});

describe('lookups', () => {
  const { policy } = loadPolicy(fixture('valid/consentry.yaml'));

  it('finds declared ids and names the declared ones for a typo', () => {
    expect(getPurpose(policy, 'writing-assistance')?.kind).toBe('inference');
    expect(getPurpose(policy, 'toString')).toBeUndefined();
    expect(() => getPurposeOrThrow(policy, 'suggestion-trainig')).toThrow(
      'unknown purpose "suggestion-trainig" (did you mean "suggestion-training"?); the policy declares "writing-assistance", "suggestion-training"',
    );
    expect(getTierOrThrow(policy, 'team').paid).toBe(true);
  });
});

describe('resolvePolicyFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'consentry-resolve-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prefers consentry.yaml, then consentry.yml, then consentry.policy.ts', () => {
    const dir = join(root, 'all');
    mkdirSync(dir);
    writeFileSync(join(dir, 'consentry.policy.ts'), '');
    expect(resolvePolicyFile(dir)).toBe(join(dir, 'consentry.policy.ts'));
    writeFileSync(join(dir, 'consentry.yml'), '');
    expect(resolvePolicyFile(dir)).toBe(join(dir, 'consentry.yml'));
    writeFileSync(join(dir, 'consentry.yaml'), '');
    expect(resolvePolicyFile(dir)).toBe(join(dir, 'consentry.yaml'));
  });

  it('lists what it looked for when there is no policy', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    expect(() => resolvePolicyFile(dir)).toThrow(PolicyError);
    expect(() => resolvePolicyFile(dir)).toThrow(
      `${join(dir, 'consentry.yaml')}:1:1: no policy file found: looked for consentry.yaml, consentry.yml, consentry.policy.ts in ${dir}; create one with "consentry init" or pass --policy FILE`,
    );
  });

  it('returns an explicit file and rejects a missing one or a directory', () => {
    const file = join(root, 'custom.yaml');
    writeFileSync(file, '');
    expect(resolvePolicyFile(root, file)).toBe(file);
    expect(() => resolvePolicyFile(root, join(root, 'nope.yaml'))).toThrow(
      'nope.yaml:1:1: policy file not found; check the path given with --policy',
    );
    expect(() => resolvePolicyFile(root, root)).toThrow('this is a directory, not a policy file');
  });
});

describe('policySchema', () => {
  it('is the draft 2020-12 policy schema', () => {
    expect(policySchema.$id).toBe('https://consentry.dev/schemas/policy/v1.json');
    expect(policySchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('TypeScript policies read statically', () => {
  const expected = parsePolicy(
    [
      'version: 1',
      'controller: { name: Parley Labs Ltd }',
      'tiers: { free: { name: Free, paid: false } }',
      'subjects: { users: { name: Users } }',
      'categories: { chats: { name: Chats, retention: P1Y } }',
      'purposes:',
      '  service-delivery:',
      '    description: Answer prompts.',
      '    kind: service',
      '    legalBasis: contract',
      '    categories: [chats]',
      '    subjects: [users]',
    ].join('\n'),
    'expected.yaml',
  ).policy;
  const body = `{
  version: 1,
  controller: { name: 'Parley Labs Ltd' },
  tiers: { free: { name: "Free", paid: false } },
  subjects: { users: { name: \`Users\` } },
  categories: { chats: { name: 'Chats', retention: 'P1Y' } },
  purposes: {
    'service-delivery': {
      description: 'Answer prompts.',
      kind: 'service',
      legalBasis: 'contract',
      categories: ['chats'],
      subjects: ['users'],
    },
  },
}`;

  it.each([
    ['export default definePolicy(…)', `export default definePolicy(${body});`],
    ['export const policy = definePolicy(…)', `export const policy = definePolicy(${body});`],
    ['a plain object with as const', `export default ${body} as const;`],
    ['satisfies', `export default (${body} satisfies ConsentryPolicy);`],
    ['a namespaced definePolicy', `export default consentry.definePolicy(${body} as const);`],
    ['a const exported by name', `const parley = ${body} as const;\nexport default parley;`],
    [
      'a renamed definePolicy import',
      `import { definePolicy as define } from '@consentry/sdk';\nexport default define(${body});`,
    ],
  ])('reads %s', (_shape, text) => {
    const source = `import { definePolicy, type ConsentryPolicy } from '@consentry/sdk';\n${text}\n`;
    expect(parsePolicy(source, 'consentry.policy.ts').policy).toStrictEqual(expected);
  });

  it('prefers the default export and reads consts, spreads and computed keys', () => {
    const source = `
const users = { name: 'Users' } as const;
const base = { kind: 'service', legalBasis: 'contract' } as const;
const id = 'service-delivery';
export const policy = { version: 2 };
export default {
  version: 1,
  controller: { name: 'Parley Labs Ltd' },
  tiers: { free: { name: 'Free', paid: false } },
  subjects: { users },
  categories: { ['chats']: { name: 'Chats', retention: 'P1Y' } },
  purposes: {
    [id]: { ...base, description: 'Answer prompts.', categories: ['chats'], subjects: ['users'] },
  },
};`;
    const loaded = parsePolicy(source, 'consentry.policy.ts');
    expect(loaded.policy).toStrictEqual(expected);
    expect(loaded.locate('/subjects/users')).toMatchObject({ line: 10, column: 15 });
    expect(loaded.locate('/subjects/users/name')).toMatchObject({ line: 2, column: 17 });
    expect(loaded.locate('/purposes/service-delivery/legalBasis')).toMatchObject({
      line: 3,
      column: 33,
    });
    expect(loaded.locate('/categories/chats')).toMatchObject({ line: 11, column: 17 });
  });

  it('lets a later key override a spread one, and places the later one', () => {
    const source = `
const shared = { name: 'Shared', paid: true };
export default {
  version: 1,
  controller: { name: 'Parley Labs Ltd' },
  tiers: { free: { ...shared, name: 'Free', paid: false } },
  subjects: { users: { name: 'Users' } },
  categories: { chats: { name: 'Chats', retention: 'P1Y' } },
  purposes: {
    'service-delivery': {
      description: 'Answer prompts.',
      kind: 'service',
      legalBasis: 'contract',
      categories: ['chats'],
      subjects: ['users'],
    },
  },
};`;
    const loaded = parsePolicy(source, 'consentry.policy.ts');
    expect(loaded.policy).toStrictEqual(expected);
    expect(loaded.locate('/tiers/free/paid')).toMatchObject({ line: 6, column: 45 });
  });
});

describe('code mappings marked optional', () => {
  const yaml = [
    'version: 1',
    'controller: { name: Parley Labs Ltd }',
    'tiers: { free: { name: Free, paid: false } }',
    'subjects: { users: { name: Users } }',
    'categories: { chats: { name: Chats, retention: P1Y } }',
    'purposes:',
    '  model-training:',
    '    description: Fine-tune on chats.',
    '    kind: fine-tuning',
    '    legalBasis: consent',
    '    categories: [chats]',
    '    subjects: [users]',
    'code:',
    '  sinks:',
    '    - module: ./src/legacy-queue.ts',
    '      export: LegacyQueue.push',
    '      purpose: model-training',
    '      optional: true',
  ].join('\n');

  it('read the same from YAML and from TypeScript, and are placed in each', () => {
    const fromYaml = parsePolicy(yaml, 'consentry.yaml');
    const fromTypeScript = parsePolicy(
      `import { definePolicy } from '@consentry/sdk';
export default definePolicy({
  version: 1,
  controller: { name: 'Parley Labs Ltd' },
  tiers: { free: { name: 'Free', paid: false } },
  subjects: { users: { name: 'Users' } },
  categories: { chats: { name: 'Chats', retention: 'P1Y' } },
  purposes: {
    'model-training': {
      description: 'Fine-tune on chats.',
      kind: 'fine-tuning',
      legalBasis: 'consent',
      categories: ['chats'],
      subjects: ['users'],
    },
  },
  code: {
    sinks: [
      {
        module: './src/legacy-queue.ts',
        export: 'LegacyQueue.push',
        purpose: 'model-training',
        optional: true,
      },
    ],
  },
});
`,
      'consentry.policy.ts',
    );
    expect(fromYaml.policy.code?.sinks?.[0]?.optional).toBe(true);
    expect(fromTypeScript.policy).toStrictEqual(fromYaml.policy);
    expect(fromYaml.locate('/code/sinks/0/optional')).toMatchObject({ line: 18, column: 7 });
    expect(fromTypeScript.locate('/code/sinks/0/optional')).toMatchObject({ line: 23, column: 9 });
  });

  it('take a boolean only', () => {
    expect(() =>
      parsePolicy(yaml.replace('optional: true', 'optional: maybe'), 'consentry.yaml'),
    ).toThrow(/consentry\.yaml:18:\d+: .*optional/);
  });
});
