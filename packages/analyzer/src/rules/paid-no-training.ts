import {
  hasWorkingChoice,
  isPaidTier,
  isProcessedByDefault,
  isTrainingPurpose,
  listText,
  pointerOf,
  purposeLabel,
  sortedEntries,
  tierLabel,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** Under consent, only paying tiers can keep their data out of training: consent or pay. */
export const paidNoTraining = defineRule({
  id: 'paid-no-training',
  meta: {
    description:
      'When training relies on consent, "no training" must not be something only paying tiers get: a choice between consenting and paying is in most cases not free consent.',
    severity: 'error',
    securitySeverity: 7.5,
    citations: [
      'GDPR Art. 4(11) and Art. 7(4): consent is freely given, not conditional on something unnecessary for the service',
      'EDPB Opinion 08/2024 on valid consent in the context of consent or pay models (17 April 2024)',
      'GDPR Recital 42: consent is not free if the subject cannot refuse without detriment',
    ],
  },
  messages: {
    consentOrPay:
      'Purpose {purpose} relies on consent for training, but only paying tiers can keep their data out of it: {paid}. On {free}, training is the price of using the service. A choice between consenting and paying will in most cases not give valid consent (GDPR Art. 4(11), Art. 7(4); EDPB Opinion 08/2024). Let {free} refuse training at no cost.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose) || purpose.legalBasis !== 'consent') continue;
          const tiers = sortedEntries(policy.tiers).map(([tierId, tier]) => {
            const guarantee = purpose.tiers?.[tierId];
            // Under consent a tier the purpose does not list is never asked, so never processed.
            const canAvoid =
              guarantee === undefined ||
              !isProcessedByDefault(guarantee) ||
              hasWorkingChoice(guarantee);
            return { tierId, paid: isPaidTier(tier), canAvoid };
          });
          const free = tiers.filter((tier) => !tier.paid);
          const paid = tiers.filter((tier) => tier.paid && tier.canAvoid);
          if (free.length === 0 || paid.length === 0 || free.some((tier) => tier.canAvoid))
            continue;
          context.report({
            messageId: 'consentOrPay',
            pointer: pointerOf('purposes', purposeId, 'legalBasis'),
            purpose: purposeId,
            tiers: free.map((tier) => tier.tierId),
            data: {
              purpose: purposeLabel(purposeId, purpose),
              paid: listText(paid.map((tier) => tierLabel(policy, tier.tierId))),
              free: listText(free.map((tier) => tierLabel(policy, tier.tierId))),
            },
          });
        }
      },
    };
  },
});
