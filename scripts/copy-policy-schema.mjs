// Copies schemas/policy.schema.json into packages/policy, so the npm package ships the schema that
// a policy's `$schema` names (./node_modules/@consentry/policy/policy.schema.json) and the loader
// validates against. `--check` exits 1 when the copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const source = new URL('schemas/policy.schema.json', root);
export const target = new URL('packages/policy/policy.schema.json', root);

export function policySchemaText() {
  return readFileSync(source, 'utf8');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = policySchemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('packages/policy/policy.schema.json is stale: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
  }
}
