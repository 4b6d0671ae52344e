// The policy schema's validator, compiled ahead of time by scripts/gen-policy-validator.mjs.
import type { ValidateFunction } from 'ajv/dist/2020.js';

export declare const validate: ValidateFunction;
export default validate;
