// The package's own copy of schemas/policy.schema.json (npm run gen:types writes it; a test keeps it equal).
import schemaJson from '../policy.schema.json' with { type: 'json' };

/** The JSON Schema (draft 2020-12) of a Consentry policy, `https://consentry.dev/schemas/policy/v1.json`. */
export const policySchema: Readonly<Record<string, unknown>> = schemaJson;
