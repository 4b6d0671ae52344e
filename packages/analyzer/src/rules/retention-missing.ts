import {
  categoryLabel,
  isTrainingPurpose,
  pointerOf,
  purposeLabel,
  sortedEntries,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** Training data, or a category of personal data, has no retention period. */
export const retentionMissing = defineRule({
  id: 'retention-missing',
  meta: {
    description:
      'Every category of personal data needs a retention period, and so does the data a training purpose keeps, since training sets outlive the data they were copied from.',
    severity: 'warning',
    securitySeverity: 5.5,
    citations: [
      'GDPR Art. 5(1)(e): storage limitation',
      'GDPR Art. 30(1)(f): the record states the envisaged time limits for erasure of the different categories of data',
      'EDPB Opinion 28/2024 on AI models: retention of training data as a factor in the balancing test',
    ],
  },
  messages: {
    training:
      'Purpose {purpose} keeps training data with no retention period. Training sets are copies that outlive their source, so say how long they are kept (GDPR Art. 5(1)(e), Art. 30(1)(f)). Add retention, e.g. P6M.',
    category:
      'Category {category} has no retention period. The record of processing must give the time limit for erasing each category of data (GDPR Art. 5(1)(e), Art. 30(1)(f)). Add retention, e.g. P1Y.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose) || purpose.retention !== undefined) continue;
          context.report({
            messageId: 'training',
            pointer: pointerOf('purposes', purposeId, 'kind'),
            purpose: purposeId,
            data: { purpose: purposeLabel(purposeId, purpose) },
          });
        }
        for (const [categoryId, category] of sortedEntries(policy.categories)) {
          if (category.retention !== undefined) continue;
          context.report({
            messageId: 'category',
            pointer: pointerOf('categories', categoryId, 'name'),
            data: { category: categoryLabel(categoryId, category) },
          });
        }
      },
    };
  },
});
