import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePolicyTypes } from '../../../scripts/gen-policy-types.mjs';

describe('generated policy types', () => {
  it('are in sync with schemas/policy.schema.json (run npm run gen:types when this fails)', async () => {
    const committed = readFileSync(
      new URL('../../sdk/src/policy-document.ts', import.meta.url),
      'utf8',
    );
    expect(await generatePolicyTypes()).toBe(committed);
  });
});
