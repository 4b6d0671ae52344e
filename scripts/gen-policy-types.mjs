// Generates packages/sdk/src/policy-document.ts from schemas/policy.schema.json, the one source
// of truth for the policy shape. `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const root = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/policy.schema.json', root), 'utf8'));
const target = new URL('packages/sdk/src/policy-document.ts', root);

export async function generatePolicyTypes() {
  const body = await compile(schema, 'PolicyDocument', {
    bannerComment:
      '// Generated from schemas/policy.schema.json by scripts/gen-policy-types.mjs; do not edit.',
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
    declareExternallyReferenced: true,
  });
  return body;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const body = await generatePolicyTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== body) {
      console.error('packages/sdk/src/policy-document.ts is stale: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(target, body);
  }
}
