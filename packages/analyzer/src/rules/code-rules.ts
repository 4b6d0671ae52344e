import { analysisIncomplete } from './analysis-incomplete.js';
import { consentCheckIgnored } from './consent-check-ignored.js';
import type { RuleDefinition } from './define-rule.js';
import { excludedTierUnchecked } from './excluded-tier-unchecked.js';
import { purposeMismatch } from './purpose-mismatch.js';
import { purposeUnused } from './purpose-unused.js';
import { tierOptOutGap } from './tier-opt-out-gap.js';
import { trainingDataUntraced } from './training-data-untraced.js';
import { trainingWithoutConsent } from './training-without-consent.js';
import { undeclaredCategory } from './undeclared-category.js';
import { undeclaredPurpose } from './undeclared-purpose.js';

/**
 * The code rules, run by `analyzeCode` on the events of the code analysis. The rules that compare
 * the code with the policy (`excluded-tier-unchecked`, `purpose-unused`, `undeclared-category`)
 * listen to the `evidence` event, sent once at the end with every sink and guard and the policy.
 */
export const codeRules: readonly RuleDefinition[] = [
  analysisIncomplete,
  consentCheckIgnored,
  excludedTierUnchecked,
  purposeMismatch,
  purposeUnused,
  tierOptOutGap,
  trainingDataUntraced,
  trainingWithoutConsent,
  undeclaredCategory,
  undeclaredPurpose,
];
