import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import policy from '../consentry.policy.js';

const yamlUrl = new URL('../consentry.yaml', import.meta.url);

describe('the policy', () => {
  it('says the same in consentry.yaml and consentry.policy.ts', async () => {
    const text = await readFile(yamlUrl, 'utf8');
    const { $schema, ...fromYaml } = parse(text) as Record<string, unknown>;

    expect($schema).toBe('../../schemas/policy.schema.json');
    expect(fromYaml).toStrictEqual(policy);
  });

  it('promises every tier, free included, a free opt-out from model training', () => {
    const guarantees = Object.entries(policy.purposes['model-training'].tiers);

    expect(guarantees.map(([tier]) => tier)).toEqual(Object.keys(policy.tiers));
    for (const [, guarantee] of guarantees) {
      expect(guarantee).toMatchObject({ control: 'opt-out', freeOfCharge: true });
    }
  });
});

describe('the README', () => {
  it('quotes the flaw as the job writes it', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const job = await readFile(
      new URL('../src/training/fine-tune-job.ts', import.meta.url),
      'utf8',
    );
    const quoted = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = quoted.trim().split('\n');

    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(job).toContain(line.trim());
  });
});
