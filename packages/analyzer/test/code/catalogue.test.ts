import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingApis } from '../../src/catalogue/training-apis.js';

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

describe('the catalogue of training APIs', () => {
  it('has unique ids and well-formed entries', () => {
    expect(new Set(trainingApis.map((entry) => entry.id)).size).toBe(trainingApis.length);
    for (const entry of trainingApis) {
      expect(entry.package).toMatch(/^(@[a-z0-9-]+\/)?[a-z0-9.-]+$/);
      expect(entry.path).toMatch(/^[A-Za-z]+(\.[A-Za-z]+)*$/);
      expect(purposeKinds).toContain(entry.purposeKind);
      expect(entry.data.length).toBeGreaterThan(0);
    }
  });

  it('has a type stub of every package among the vendor fixtures', () => {
    for (const name of new Set(trainingApis.map((entry) => entry.package))) {
      if (name === '@google-cloud/aiplatform') continue;
      expect(existsSync(join(vendors, 'node_modules', name, 'index.d.ts')), name).toBe(true);
    }
  });

  it('is exercised by the vendor fixtures for every vendor', () => {
    const sources = ['openai-fine-tune.ts', 'other-vendors.ts', 'guarded-vendors.ts']
      .map((file) => readFileSync(join(vendors, 'src', file), 'utf8'))
      .join('\n');
    for (const entry of trainingApis) {
      if (
        entry.package === '@google-cloud/aiplatform' ||
        entry.id === 'together.files.upload' ||
        entry.id === 'cohere.datasets.create'
      )
        continue;
      expect(sources, entry.id).toContain(entry.path.split('.').pop());
    }
  });
});
