import { INFORMATION_URI } from './chunk-XG7IDEMH.js';

// src/init/default-notice.ts
var GETTING_STARTED_URL = `${INFORMATION_URI}/blob/main/docs/getting-started.md`;
var DEFAULT_POLICY_NAME = '(default policy)';
function describeDefaultPolicy(dir) {
  return `consentry: no policy file in ${dir}, so this check ran on the default policy: one training purpose on legitimate interests with a free opt-out for every tier, and personal-data sources inferred from the code (their categories start with "inferred-"). Write your own policy with \`consentry init\`; see ${GETTING_STARTED_URL}`;
}

export { DEFAULT_POLICY_NAME, describeDefaultPolicy };
//# sourceMappingURL=chunk-K23UVRSF.js.map
