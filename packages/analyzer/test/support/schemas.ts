import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

function addFormats(ajv: Ajv | Ajv2020): void {
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
}

/** A validator of `schemas/report.schema.json` (draft 2020-12), strict. */
export function compileReportSchema(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(new URL('../../../../schemas/report.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** A validator of the official OASIS SARIF 2.1.0 schema, as shipped in @microsoft/jest-sarif. */
export function compileSarifSchema(): ValidateFunction {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const {
    $schema: _draft04,
    id,
    ...schema
  } = JSON.parse(readFileSync(path, 'utf8')) as {
    $schema: string;
    id: string;
  };
  // The schema is draft-04: Ajv 8 reads it as draft-07 once `id` is `$id`, since it uses no
  // keyword whose meaning changed. Its `language` pattern is invalid in Unicode mode (a stray `]`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...schema });
}
