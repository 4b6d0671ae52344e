import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectPolicy, PolicyError } from '../src/index.js';

const example = new URL('../../../examples/chat-assistant/', import.meta.url).pathname;

const yaml = `version: 1
controller:
  name: Parrot Labs
tiers:
  free:
    name: Free
subjects:
  users:
    name: Users
categories:
  chats:
    name: Chats
purposes:
  model-training:
    description: Train on chats.
    kind: training
    legalBasis: legitimate-interests
    categories: [chats]
    subjects: [users]
    tiers:
      free: { control: opt-out, mechanism: in-app-toggle, default: included }
`;

const typescript = (defaultValue: string) => `import { definePolicy } from '@consentry/sdk';

export default definePolicy({
  version: 1,
  controller: { name: 'Parrot Labs' },
  tiers: { free: { name: 'Free' } },
  subjects: { users: { name: 'Users' } },
  categories: { chats: { name: 'Chats' } },
  purposes: {
    'model-training': {
      description: 'Train on chats.',
      kind: 'training',
      legalBasis: 'legitimate-interests',
      categories: ['chats'],
      subjects: ['users'],
      tiers: {
        free: { control: 'opt-out', mechanism: 'in-app-toggle', default: '${defaultValue}' },
      },
    },
  },
});
`;

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'consentry-policy-source-'));
  directories.push(directory);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

describe('one policy source', () => {
  it('reads a YAML and a TypeScript policy that say the same thing, and returns the YAML one', () => {
    const directory = project({
      'consentry.yaml': yaml,
      'consentry.policy.ts': typescript('included'),
    });
    const loaded = loadProjectPolicy(directory);
    expect(loaded.format).toBe('yaml');
    expect(loaded.policy.purposes['model-training']?.tiers?.free?.default).toBe('included');
  });

  it('stops at the first place a YAML and a TypeScript policy differ, in both files', () => {
    const directory = project({
      'consentry.yaml': yaml,
      'consentry.policy.ts': typescript('excluded'),
    });
    const error = (() => {
      try {
        loadProjectPolicy(directory);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PolicyError);
    const pointer = '/purposes/model-training/tiers/free/default';
    expect((error as PolicyError).problems).toEqual([
      {
        file: join(directory, 'consentry.policy.ts'),
        line: 17,
        column: 65,
        pointer,
        message: `differs from consentry.yaml at ${pointer}; keep one policy source: the TypeScript policy the app imports (delete the YAML file), or make the two equal`,
      },
      {
        file: join(directory, 'consentry.yaml'),
        line: 21,
        column: 59,
        pointer,
        message: `differs from consentry.policy.ts at ${pointer}; keep one policy source: the TypeScript policy the app imports (delete the YAML file), or make the two equal`,
      },
    ]);
  });

  it('compares nothing when the policy file is named explicitly, or when there is one source', () => {
    const both = project({
      'consentry.yaml': yaml,
      'consentry.policy.ts': typescript('excluded'),
    });
    expect(loadProjectPolicy(both, join(both, 'consentry.policy.ts')).format).toBe('typescript');
    const only = project({ 'consentry.policy.ts': typescript('excluded') });
    expect(loadProjectPolicy(only).format).toBe('typescript');
  });

  it('accepts the example app, whose YAML and TypeScript policies are the same', () => {
    const copy = mkdtempSync(join(tmpdir(), 'consentry-example-policy-'));
    directories.push(copy);
    for (const name of ['consentry.yaml', 'consentry.policy.ts']) {
      cpSync(join(example, name), join(copy, name));
    }
    expect(loadProjectPolicy(copy).file).toBe(join(copy, 'consentry.yaml'));
    writeFileSync(
      join(copy, 'consentry.policy.ts'),
      readFileSync(join(copy, 'consentry.policy.ts'), 'utf8').replace(
        "retention: 'P2Y'",
        "retention: 'P3Y'",
      ),
    );
    expect(() => loadProjectPolicy(copy)).toThrow(/differs from consentry\.yaml at \/categories\//);
  });
});
