/** The options the policy validator is compiled with (the same as at run time before precompiling). */
export const VALIDATOR_OPTIONS: { allErrors: true; strict: true; verbose: true };
/** Generates packages/policy/src/generated/policy-validator.js from schemas/policy.schema.json. */
export function generatePolicyValidator(): string;
