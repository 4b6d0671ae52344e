import {
  isTrainingPurpose,
  listText,
  pointerOf,
  purposeCategories,
  purposeLabel,
  sortedEntries,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** A training purpose does not state where its data protection impact assessment stands. */
export const dpiaMissing = defineRule({
  id: 'dpia-missing',
  meta: {
    description:
      'A training or fine-tuning purpose must state the status of its data protection impact assessment, and cannot call it not required when it trains on special-category or children’s data.',
    severity: 'warning',
    securitySeverity: 5.0,
    citations: [
      'GDPR Art. 35(1): an assessment before processing likely to result in a high risk, in particular with new technologies',
      'GDPR Art. 35(3)(b): large-scale processing of special categories of data',
      'CNIL, AI recommendations, fiche 5 (April 2024): carrying out a DPIA for AI system development',
      'Article 29 Working Party WP248 rev.01 (endorsed by the EDPB): criteria for processing likely to be high risk',
    ],
  },
  messages: {
    missing:
      'Purpose {purpose} trains models but states no DPIA status. Training on user data with a new technology is likely high risk and usually needs an impact assessment (GDPR Art. 35; CNIL AI fiche 5). Add dpia: {status: planned | in-progress | completed, reference: …}.',
    notRequired:
      'Purpose {purpose} trains on {categories} yet calls its DPIA not required. Large-scale processing of special-category or children’s data is a listed high-risk case (GDPR Art. 35(3)(b); WP248). Carry out the assessment and update dpia.status.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          const data = { purpose: purposeLabel(purposeId, purpose) };
          if (purpose.dpia === undefined) {
            context.report({
              messageId: 'missing',
              pointer: pointerOf('purposes', purposeId, 'kind'),
              purpose: purposeId,
              data,
            });
            continue;
          }
          if (purpose.dpia.status !== 'not-required') continue;
          const sensitive = purposeCategories(policy, purpose).filter(
            ({ category }) => category.special === true || category.minors === true,
          );
          if (sensitive.length === 0) continue;
          context.report({
            messageId: 'notRequired',
            pointer: pointerOf('purposes', purposeId, 'dpia', 'status'),
            purpose: purposeId,
            data: { ...data, categories: listText(sensitive.map(({ category }) => category.name)) },
          });
        }
      },
    };
  },
});
