import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  generatePolicyValidator,
  VALIDATOR_OPTIONS,
} from '../../../scripts/gen-policy-validator.mjs';
import { validate } from '../src/generated/policy-validator.js';
import { policySchema } from '../src/schema.js';

describe('the precompiled policy validator', () => {
  it('is in sync with schemas/policy.schema.json (run npm run gen:types when this fails)', () => {
    const committed = readFileSync(
      new URL('../src/generated/policy-validator.js', import.meta.url),
      'utf8',
    );
    expect(generatePolicyValidator()).toBe(committed);
  });

  it('reports what a validator compiled at run time reports', () => {
    const compiled = new Ajv2020(VALIDATOR_OPTIONS).compile(policySchema);
    const broken = {
      version: 1,
      controller: { name: 'Acme' },
      tiers: { Free: { label: 7 } },
      subjects: {},
      categories: { email: { label: 'E-mail', kind: 'contact', extra: true } },
      purposes: { 'model-training': { legalBasis: 'vibes', retention: 'forever' } },
    };
    expect(validate(broken)).toBe(false);
    expect(compiled(broken)).toBe(false);
    expect(validate.errors).toEqual(compiled.errors);
    expect(validate.errors?.length).toBeGreaterThan(3);
  });
});
