import { type ProcessingRecord, RECORD_MARKER } from './record.js';

/** The `$id` of `schemas/record.schema.json`, which every JSON record names as its `$schema`. */
export const RECORD_SCHEMA_ID = 'https://consentry.dev/schemas/record/v2.json';

/** Renders the record as JSON that validates against `schemas/record.schema.json`. */
export function renderJson(record: ProcessingRecord): string {
  const document = {
    $schema: RECORD_SCHEMA_ID,
    generator: `${RECORD_MARKER} from ${record.policyFile}. Do not edit: change the policy and run consentry ropa.`,
    ...record,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
