// Kept apart from the default policy itself, so a shell can print the notice without loading the parser.
import { INFORMATION_URI } from '../version.js';

/** The guide page that shows how to write a policy. */
export const GETTING_STARTED_URL = `${INFORMATION_URI}/blob/main/docs/getting-started.md`;

/** The name the default policy goes by in reports (`policyFile`); no file of that name is read or written. */
export const DEFAULT_POLICY_NAME = '(default policy)';

/** The one notice a shell prints when `check` ran on the default policy; `dir` as the user typed it. */
export function describeDefaultPolicy(dir: string): string {
  return (
    `consentry: no policy file in ${dir}, so this check ran on the default policy: one training ` +
    'purpose on legitimate interests with a free opt-out for every tier, and personal-data ' +
    'sources inferred from the code (their categories start with "inferred-"). Write your own ' +
    `policy with \`consentry init\`; see ${GETTING_STARTED_URL}`
  );
}
