import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedPolicy, loadPolicy } from '@consentry/policy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebFramework } from '../src/catalogue/frameworks.js';
import type { AiVendor } from '../src/catalogue/vendors.js';
import { compareWithAnnotations, readAnnotations } from './code/annotations.js';

const recipes = new URL('./fixtures/recipes/', import.meta.url).pathname;
const doc = readFileSync(new URL('../docs/code-analysis.md', import.meta.url), 'utf8');

/** The body of the first fenced block of `language` under the doc's heading `title`. */
function block(title: string, language: string): string {
  const section = doc.slice(doc.indexOf(`### ${title}`));
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  if (!match?.[1]) throw new Error(`no ${language} block under "${title}"`);
  return match[1];
}

/** Catalogue rows a recipe adds, on top of the built-in ones. */
interface Rows {
  readonly vendors?: readonly AiVendor[];
  readonly tierFields?: readonly string[];
  readonly frameworks?: readonly WebFramework[];
}

/** `analyzeCode` of a fresh module graph whose catalogue holds the built-in rows and `rows`. */
async function analyzerWith(rows: Rows) {
  vi.resetModules();
  vi.doMock('../src/catalogue/vendors.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../src/catalogue/vendors.js')>();
    return { ...original, aiVendors: [...original.aiVendors, ...(rows.vendors ?? [])] };
  });
  vi.doMock('../src/catalogue/builtins.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../src/catalogue/builtins.js')>();
    return {
      ...original,
      tierFields: new Set([...original.tierFields, ...(rows.tierFields ?? [])]),
    };
  });
  vi.doMock('../src/catalogue/frameworks.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../src/catalogue/frameworks.js')>();
    return {
      ...original,
      webFrameworks: [...original.webFrameworks, ...(rows.frameworks ?? [])],
    };
  });
  return (await import('../src/analyze-code.js')).analyzeCode;
}

/** Runs a recipe's fixture; the differences between its findings and its annotations. */
async function mismatches(recipe: string, rows: Rows, policy?: LoadedPolicy): Promise<string[]> {
  const dir = join(recipes, recipe);
  const analyzeCode = await analyzerWith(rows);
  const analysis = await analyzeCode({
    root: dir,
    policy: policy ?? loadPolicy(join(dir, 'consentry.yaml')),
  });
  expect(analysis.diagnostics).toEqual([]);
  return compareWithAnnotations(readAnnotations(dir), analysis.findings).map(String);
}

afterEach(() => {
  vi.doUnmock('../src/catalogue/vendors.js');
  vi.doUnmock('../src/catalogue/builtins.js');
  vi.doUnmock('../src/catalogue/frameworks.js');
  vi.resetModules();
});

describe('the recipes of docs/code-analysis.md', () => {
  it('adds an AI vendor training API with one catalogue row', async () => {
    // The row is the doc's own block.
    const vendor = new Function(`return (${block("Adding an AI vendor's training API", 'ts')})`)();
    expect(await mismatches('vendor-api', { vendors: [vendor] })).toEqual([]);
    // Without the row the unsafe call is not reported: the row is what the analysis learnt.
    expect(await mismatches('vendor-api', {})).not.toEqual([]);
  }, 180_000);

  it('adds a guard function of an existing role with one code.guards row', async () => {
    const dir = join(recipes, 'guard-function');
    const rows = block('Adding a guard function of an existing role', 'yaml');
    expect(readFileSync(join(dir, 'consentry.yaml'), 'utf8')).toContain(rows);
    expect(await mismatches('guard-function', {})).toEqual([]);
    const loaded = loadPolicy(join(dir, 'consentry.yaml'));
    const { code: _code, ...withoutRow } = loaded.policy;
    expect(await mismatches('guard-function', {}, { ...loaded, policy: withoutRow })).not.toEqual(
      [],
    );
  }, 180_000);

  it('adds a tier field with one catalogue row', async () => {
    const { tierFields } = await import('../src/catalogue/builtins.js');
    const listed = [...block('Adding a tier field', 'ts').matchAll(/'([A-Za-z]+)'/g)].map(
      (match) => match[1]!,
    );
    const added = listed.filter((name) => !tierFields.has(name));
    expect(added).toEqual(['subscription']);
    expect(await mismatches('tier-field', { tierFields: added })).toEqual([]);
    expect(await mismatches('tier-field', {})).not.toEqual([]);
  }, 180_000);

  it('adds a web framework with one catalogue row', async () => {
    // The row is the doc's own block.
    const framework = new Function(`return (${block('Adding a web framework', 'ts')})`)();
    expect(await mismatches('web-framework', { frameworks: [framework] })).toEqual([]);
    // Without the row the guarded route is reported too: the row is what the analysis learnt.
    expect(await mismatches('web-framework', {})).toEqual([
      expect.stringContaining(
        'src/routes.ts:38 training-without-consent: reported on a line marked ok',
      ),
    ]);
  }, 180_000);
});
