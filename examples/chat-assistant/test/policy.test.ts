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
    expect(text.startsWith('$schema: ../../schemas/policy.schema.json\n')).toBe(true);
    expect(fromYaml).toStrictEqual(policy);
  });

  it('promises every tier, free included, a free in-app opt-out from model training', () => {
    const guarantees = Object.entries(policy.purposes['model-training'].tiers);

    expect(guarantees.map(([tier]) => tier)).toEqual(Object.keys(policy.tiers));
    for (const [, guarantee] of guarantees) {
      expect(guarantee).toMatchObject({
        control: 'opt-out',
        mechanism: 'in-app-toggle',
        freeOfCharge: true,
        reasonsRequired: false,
      });
    }
    expect(policy.purposes['model-training'].tiers.enterprise.default).toBe('excluded');
  });
});
