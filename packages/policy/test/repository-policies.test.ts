import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Location, loadPolicy, POLICY_FILE_NAMES } from '../src/index.js';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', '.turbo', 'coverage']);

/**
 * Every policy in the repository that is meant to be valid: files named like a policy
 * (consentry.yaml, consentry.yml, consentry.policy.ts, *.policy.ts, *.policy.yaml) and YAML files
 * with top-level `version:` and `purposes:` keys. A file or folder named `broken-*` is a policy
 * meant to fail, and is left to the tests that expect its errors. A GitHub workflow (top-level
 * `jobs:`) is not a policy, whatever its name.
 */
function findPolicies(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('broken-') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') || entry.name === '.github')
        found.push(...findPolicies(path));
    } else if (entry.isFile() && isPolicyFile(path, entry.name)) {
      found.push(path);
    }
  }
  return found;
}

function isPolicyFile(path: string, name: string): boolean {
  const isYaml = /\.ya?ml$/.test(name);
  const text = isYaml ? readFileSync(path, 'utf8') : '';
  // A GitHub workflow may share the name `consentry.yml` with a policy; it has top-level jobs.
  if (isYaml && /^jobs:/m.test(text)) return false;
  if (POLICY_FILE_NAMES.includes(name) || /\.policy\.(?:ts|ya?ml)$/.test(name)) return true;
  if (!isYaml) return false;
  return /^version:/m.test(text) && /^purposes:/m.test(text);
}

const policies = findPolicies(repositoryRoot)
  .map((path) => relative(repositoryRoot, path))
  .sort();

describe('every policy in the repository', () => {
  it('includes this package’s valid fixtures, so the search cannot silently find nothing', () => {
    expect(policies).toContain('packages/policy/test/fixtures/valid/consentry.yaml');
    expect(policies).toContain('packages/policy/test/fixtures/valid/consentry.policy.ts');
  });

  it.each(policies)('%s is a valid policy', (path) => {
    expect(() => loadPolicy(join(repositoryRoot, path))).not.toThrow();
  });

  it.each(policies)('%s: locate places every key exactly on its text', (path) => {
    const loaded = loadPolicy(join(repositoryRoot, path));
    const lines = loaded.text.split('\n');
    const textAt = (location: Location): string => {
      expect(location.endLine).toBe(location.line);
      return lines[location.line - 1]!.slice(location.column - 1, location.endColumn - 1);
    };
    for (const [pointer, key] of keyPointers(loaded.policy, '')) {
      const location = loaded.locate(pointer);
      expect(location, pointer).toBeDefined();
      expect(textAt(location!).replace(/^(["'`])(.*)\1$/, '$2'), pointer).toBe(key);
    }
  });
});

/** Every pointer to an object property in a value, with the property's key. */
function keyPointers(value: unknown, at: string): [string, string][] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, index) => keyPointers(item, `${at}/${index}`));
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [[pointer, key] as [string, string], ...keyPointers(child, pointer)];
  });
}

describe('a directory with both a YAML and a TypeScript policy', () => {
  const pairs = policies.filter(
    (path) =>
      path.endsWith('/consentry.yaml') &&
      policies.includes(join(dirname(path), 'consentry.policy.ts')),
  );

  it.each(pairs)('%s says the same as consentry.policy.ts beside it', (path) => {
    const { $schema: _schema, ...yaml } = loadPolicy(join(repositoryRoot, path)).policy;
    const typescript = loadPolicy(join(repositoryRoot, dirname(path), 'consentry.policy.ts'));
    const { $schema: _tsSchema, ...fromTypeScript } = typescript.policy;
    expect(fromTypeScript).toStrictEqual(yaml);
  });
});
