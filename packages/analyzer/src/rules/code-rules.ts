import { consentCheckIgnored } from './consent-check-ignored.js';
import type { RuleDefinition } from './define-rule.js';
import { purposeMismatch } from './purpose-mismatch.js';
import { tierOptOutGap } from './tier-opt-out-gap.js';
import { trainingWithoutConsent } from './training-without-consent.js';
import { undeclaredPurpose } from './undeclared-purpose.js';

/** The code rules, run by `analyzeCode` on the events of the code analysis. */
export const codeRules: readonly RuleDefinition[] = [
  consentCheckIgnored,
  purposeMismatch,
  tierOptOutGap,
  trainingWithoutConsent,
  undeclaredPurpose,
];
