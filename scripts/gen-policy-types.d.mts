/** Generates the TypeScript types of packages/sdk/src/policy-document.ts from schemas/policy.schema.json. */
export function generatePolicyTypes(): Promise<string>;
