import {
  categoryLabel,
  isTrainingPurpose,
  pointerOf,
  purposeCategories,
  purposeLabel,
  sortedEntries,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** Special-category data without an Art. 9(2) condition, or children's data, feeds training. */
export const specialCategoryTraining = defineRule({
  id: 'special-category-training',
  meta: {
    description:
      'Special-category data may feed training only under a stated Art. 9(2) condition, and children’s data should be excluded from training.',
    severity: 'error',
    securitySeverity: 8.5,
    citations: [
      'GDPR Art. 9(1)–(2): processing special categories is prohibited unless a condition of Art. 9(2) applies',
      'GDPR Recital 38 and Art. 8: children merit specific protection of their personal data',
      'EDPB Opinion 28/2024 on AI models, para. 104: excluding data categories from training as a mitigating measure',
    ],
  },
  messages: {
    special:
      'Purpose {purpose} trains on {category}, special-category data (GDPR Art. 9(1)), without an Art. 9(2) condition. Processing it is prohibited unless a condition applies. Name the condition in article9Condition, or remove the category from this purpose.',
    minors:
      'Purpose {purpose} trains on {category}, which concerns children. Children merit specific protection and cannot be expected to foresee training on their data (GDPR Recital 38, Art. 8; EDPB Opinion 28/2024). Remove the category from this purpose and keep children’s data out of training.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          for (const { id, index, category } of purposeCategories(policy, purpose)) {
            const data = {
              purpose: purposeLabel(purposeId, purpose),
              category: categoryLabel(id, category),
            };
            const pointer = pointerOf('purposes', purposeId, 'categories', index);
            if (category.special === true && category.article9Condition === undefined) {
              context.report({ messageId: 'special', pointer, purpose: purposeId, data });
            }
            if (category.minors === true) {
              context.report({ messageId: 'minors', pointer, purpose: purposeId, data });
            }
          }
        }
      },
    };
  },
});
