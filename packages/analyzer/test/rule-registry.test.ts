import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listRules } from '../src/registry.js';
import { codeRules } from '../src/rules/code-rules.js';
import { policyRules } from '../src/rules/policy-rules.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rulesDir = join(here, '..', 'src', 'rules');
const docsDir = join(here, '..', 'docs', 'rules');
const codeFixturesDir = join(here, 'fixtures', 'code');
/** Files of src/rules/ that hold the rule machinery and the indexes, not a rule. */
const NOT_RULES = new Set(['define-rule.ts', 'code-rules.ts', 'policy-rules.ts']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the rule registry', () => {
  const ruleFiles = readdirSync(rulesDir)
    .filter((name) => name.endsWith('.ts') && !NOT_RULES.has(name))
    .map((name) => basename(name, '.ts'))
    .sort();
  const registered = [...codeRules, ...policyRules].map((rule) => rule.id).sort();

  it('and the src/rules folder agree: one file per rule, named after its id', () => {
    expect(registered).toEqual(ruleFiles);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('finds in each rule file the rule of that id', async () => {
    for (const id of ruleFiles) {
      const module = (await import(join(rulesDir, `${id}.ts`))) as Record<string, unknown>;
      const ids = Object.values(module)
        .filter((value): value is { id: string } => typeof value === 'object' && value !== null)
        .map((value) => value.id);
      expect(ids, `src/rules/${id}.ts`).toContain(id);
    }
  });

  it('gives every rule, code, policy and suppression, a docs page titled with its id', () => {
    const pages = readdirSync(docsDir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => basename(name, '.md'))
      .sort();
    const ids = listRules().map((rule) => rule.id);
    expect(pages).toEqual(ids);
    for (const id of ids) {
      const page = readFileSync(join(docsDir, `${id}.md`), 'utf8');
      expect(page.startsWith(`# ${id}\n`), `docs/rules/${id}.md`).toBe(true);
    }
  });

  it('documents each code rule with what it finds, why, an unsafe and a fixed example, and how to suppress', () => {
    for (const rule of codeRules) {
      const page = readFileSync(join(docsDir, `${rule.id}.md`), 'utf8');
      for (const heading of [
        '## What it finds',
        '## Why it matters',
        '## Unsafe',
        '## Fixed',
        '## How to suppress',
      ]) {
        expect(page, `docs/rules/${rule.id}.md: ${heading}`).toContain(`\n${heading}\n`);
      }
      expect(page).toContain(`consentry-ignore ${rule.id} -- `);
      expect(page).toMatch(/GDPR Art\. \d+/);
    }
  });

  it('has fixtures under test/fixtures/code that expect each code rule', () => {
    // Rules that report in the policy file are expected by `# expect:` lines of a fixture's consentry.yaml.
    const fixtures = filesUnder(codeFixturesDir)
      .filter((file) => /\.[cm]?tsx?$/.test(file) || basename(file) === 'consentry.yaml')
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const rule of codeRules) {
      expect(fixtures, `a fixture with "// expect: ${rule.id}"`).toContain(`expect: ${rule.id}`);
    }
  });
});
