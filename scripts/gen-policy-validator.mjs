// Generates packages/policy/src/generated/policy-validator.js: the policy schema's validator,
// compiled by Ajv ahead of time, so loading a policy does not compile the schema (about a tenth of
// a second of every run). `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = new URL('../', import.meta.url);
const target = new URL('packages/policy/src/generated/policy-validator.js', root);

/** The same options as a validator compiled at run time would use (see packages/policy/src/validate.ts). */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: true, verbose: true };

export function generatePolicyValidator() {
  const schema = JSON.parse(readFileSync(new URL('schemas/policy.schema.json', root), 'utf8'));
  const ajv = new Ajv2020({ ...VALIDATOR_OPTIONS, code: { source: true, esm: true } });
  let code = standaloneCode.default(ajv, ajv.compile(schema));
  // Ajv's ES module output still `require`s its runtime helpers; import them instead.
  const imports = new Map();
  code = code.replace(/require\("ajv\/dist\/runtime\/([\w-]+)"\)\.default/g, (_, name) => {
    const local = `ajvRuntime_${name.replace(/-/g, '_')}`;
    imports.set(local, `ajv/dist/runtime/${name}.js`);
    return `runtimeFunction(${local})`;
  });
  const header = [
    '// Generated from schemas/policy.schema.json by scripts/gen-policy-validator.mjs; do not edit.',
    ...[...imports].map(([local, path]) => `import ${local} from '${path}';`),
    // Node imports a CommonJS module as its `module.exports`; bundlers as its `default` export.
    "const runtimeFunction = (imported) => (typeof imported === 'function' ? imported : imported.default);",
  ].join('\n');
  return `${header}\n${code.replace(/^"use strict";/, '')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const body = generatePolicyValidator();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== body) {
      console.error(
        'packages/policy/src/generated/policy-validator.js is stale: run npm run gen:types',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(target, body);
  }
}
