import { pointerOf, purposeLabel, sortedEntries } from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** A purpose relies on legitimate interests without pointing to its balancing assessment. */
export const legitimateInterestAssessmentMissing = defineRule({
  id: 'legitimate-interest-assessment-missing',
  meta: {
    description:
      'A purpose on legitimate interests must name where its three-step assessment (legitimate interest, necessity, balancing) is documented.',
    severity: 'warning',
    securitySeverity: 6.0,
    citations: [
      'GDPR Art. 6(1)(f): processing is lawful only if the interests are not overridden by the subject’s',
      'GDPR Art. 5(2): the controller is able to demonstrate compliance',
      'EDPB Opinion 28/2024 on AI models, paras. 66–95: the three-step test for development and deployment',
      'CNIL, AI recommendations, fiche 8 (June 2025): documenting legitimate interest for AI development',
    ],
  },
  messages: {
    missing:
      'Purpose {purpose} relies on legitimate interests (Art. 6(1)(f)) but does not say where its balancing assessment is. The controller must be able to show the interest is legitimate, the processing necessary, and the balance in its favour (GDPR Art. 5(2), Art. 6(1)(f); EDPB Opinion 28/2024). Add legitimateInterestAssessment with a reference to the assessment.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (purpose.legalBasis !== 'legitimate-interests') continue;
          if (purpose.legitimateInterestAssessment !== undefined) continue;
          context.report({
            messageId: 'missing',
            pointer: pointerOf('purposes', purposeId, 'legalBasis'),
            purpose: purposeId,
            data: { purpose: purposeLabel(purposeId, purpose) },
          });
        }
      },
    };
  },
});
