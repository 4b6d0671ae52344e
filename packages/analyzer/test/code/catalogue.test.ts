import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingApis } from '../../src/catalogue/training-apis.js';
import { aiVendors } from '../../src/catalogue/vendors.js';
import { KNOWN_APIS, VENDOR_SDKS, vendorOfModule } from '../../src/init/vendors.js';

const vendors = new URL('../fixtures/code/vendors/', import.meta.url).pathname;
const purposeKinds = [
  'training',
  'fine-tuning',
  'evaluation',
  'inference',
  'analytics',
  'service',
  'security',
  'marketing',
  'other',
];

/** The lines below each `// expect:` and `// ok:` annotation of the vendor fixtures, by kind. */
function annotatedLines(): { expect: string[]; ok: string[] } {
  const result = { expect: [] as string[], ok: [] as string[] };
  const sources = join(vendors, 'src');
  for (const file of readdirSync(sources)) {
    const lines = readFileSync(join(sources, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const annotation = /^\s*\/\/ (expect|ok): .*training-without-consent/.exec(line);
      if (annotation) result[annotation[1] as 'expect' | 'ok'].push(lines[index + 1] ?? '');
    });
  }
  return result;
}

/** Whether a line of code calls an API by its path (`.files.create(`, `uploadFile(`, `new Command(`). */
function callsApi(line: string, api: (typeof trainingApis)[number]): boolean {
  const last = api.path.split('.').pop() ?? '';
  const pattern =
    api.call === 'construct'
      ? new RegExp(`\\bnew ${last}\\(`)
      : new RegExp(`(^|[^A-Za-z0-9_$])${api.path.replace(/\./g, '\\.')}\\(`);
  return pattern.test(line);
}

describe('the catalogue of AI vendors', () => {
  it('has unique ids and well-formed entries, one vendor per package', () => {
    expect(new Set(trainingApis.map((entry) => entry.id)).size).toBe(trainingApis.length);
    expect(new Set(aiVendors.map((vendor) => vendor.package)).size).toBe(aiVendors.length);
    for (const entry of trainingApis) {
      expect(entry.package).toMatch(/^(@[a-z0-9-]+\/)?[a-z0-9.-]+$/);
      expect(entry.path).toMatch(/^[A-Za-z]+(\.[A-Za-z]+)*$/);
      expect(purposeKinds).toContain(entry.purposeKind);
      expect(entry.data.length).toBeGreaterThan(0);
    }
  });

  it('has a type stub of every package with a training API among the vendor fixtures', () => {
    for (const name of new Set(trainingApis.map((entry) => entry.package))) {
      expect(existsSync(join(vendors, 'node_modules', name, 'index.d.ts')), name).toBe(true);
    }
  });

  it('has an unsafe call and its guarded twin of every training API in the vendor fixtures', () => {
    const lines = annotatedLines();
    for (const api of trainingApis) {
      expect(
        lines.expect.some((line) => callsApi(line, api)),
        `${api.id}: an unsafe call`,
      ).toBe(true);
      expect(
        lines.ok.some((line) => callsApi(line, api)),
        `${api.id}: a guarded twin`,
      ).toBe(true);
    }
  });

  it('lets init see every vendor the analysis sees, with its training APIs and model calls', () => {
    for (const vendor of aiVendors) {
      expect(VENDOR_SDKS.map((sdk) => sdk.package)).toContain(vendor.package);
      expect(vendorOfModule(vendor.package)?.vendor).toBe(vendor.vendor);
      for (const api of vendor.trainingApis) {
        expect(
          KNOWN_APIS.some(
            (known) => known.catalogueId === api.id && known.package === vendor.package,
          ),
          api.id,
        ).toBe(true);
      }
      for (const call of vendor.modelCalls) {
        expect(
          KNOWN_APIS.some(
            (known) =>
              known.kind === 'inference' && known.package === vendor.package && known.path === call,
          ),
          `${vendor.package} ${call}`,
        ).toBe(true);
      }
    }
  });

  it('knows the Vercel AI SDK and its providers', () => {
    const ai = aiVendors.find((vendor) => vendor.package === 'ai');
    expect(ai?.modelCalls).toEqual(
      expect.arrayContaining(['generateText', 'streamText', 'generateObject']),
    );
    expect(vendorOfModule('@ai-sdk/openai')?.vendor).toBe('OpenAI');
    expect(vendorOfModule('@ai-sdk/anthropic')?.vendor).toBe('Anthropic');
  });
});
