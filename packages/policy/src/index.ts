/** Thrown for bad configuration, with every problem's file, line and column; see `problems`. */
export {
  ConfigError,
  compareText,
  type Location,
  PolicyError,
  type Problem,
} from './errors.js';
/** Load and parse policies: `loadPolicy(file)`, `parsePolicy(text, file)` and what they return. */
export { type LoadedPolicy, loadPolicy, type PolicyFormat, parsePolicy } from './load.js';
/** Look up a declared purpose, tier or category by id. */
export {
  getCategory,
  getCategoryOrThrow,
  getPurpose,
  getPurposeOrThrow,
  getTier,
  getTierOrThrow,
} from './lookup.js';
/** Load a project's policy, refusing a YAML and a TypeScript policy that differ. */
export { loadProjectPolicy } from './project.js';
/** Find a project's policy file: consentry.yaml, consentry.yml or consentry.policy.ts. */
export { POLICY_FILE_NAMES, resolvePolicyFile } from './resolve.js';
/** The policy JSON Schema, the one source of truth for the policy shape. */
export { policySchema } from './schema.js';
/** Suggest the closest known word for a likely typo: `closestMatch`, `didYouMean`. */
export { closestMatch, didYouMean } from './suggest.js';
