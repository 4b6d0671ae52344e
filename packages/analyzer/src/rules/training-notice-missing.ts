import {
  isProcessedByDefault,
  isTrainingPurpose,
  isZeroDuration,
  pointerOf,
  purposeLabel,
  sortedEntries,
  tierLabel,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** Data of a tier goes to training by default without users being told in advance. */
export const trainingNoticeMissing = defineRule({
  id: 'training-notice-missing',
  meta: {
    description:
      'When a tier is included in model training by default, users must be told some time before their data is first used, so they can object before training starts.',
    severity: 'warning',
    securitySeverity: 5.0,
    citations: [
      'EDPB Opinion 28/2024 on AI models, para. 102: a reasonable period between informing people and using their data for training',
      'GDPR Art. 13(1)(c) and Art. 21(4): purposes and the right to object are told explicitly, at the latest at the first communication',
      'Irish DPC statement on Meta AI (21 May 2025): a longer notice period before training on EU users’ data',
    ],
  },
  messages: {
    missing:
      'Tier {tier} is included in training for purpose {purpose} by default, but the policy gives no notice period before its data is first used. People need time to object before training starts (EDPB Opinion 28/2024; GDPR Art. 13, Art. 21(4)). Add notice: {period: P30D, channel: …}.',
    zero: 'Tier {tier} is included in training for purpose {purpose} by default with a notice period of zero, so data can be used the moment users are told. People need time to object before training starts (EDPB Opinion 28/2024; GDPR Art. 21(4)). Give a notice period of some weeks.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (!isProcessedByDefault(guarantee)) continue;
            const data = {
              tier: tierLabel(policy, tierId),
              purpose: purposeLabel(purposeId, purpose),
            };
            const base = ['purposes', purposeId, 'tiers', tierId] as const;
            if (guarantee.notice === undefined) {
              context.report({
                messageId: 'missing',
                pointer: pointerOf(...base, 'default'),
                purpose: purposeId,
                tiers: [tierId],
                data,
              });
            } else if (isZeroDuration(guarantee.notice.period)) {
              context.report({
                messageId: 'zero',
                pointer: pointerOf(...base, 'notice', 'period'),
                purpose: purposeId,
                tiers: [tierId],
                data,
              });
            }
          }
        }
      },
    };
  },
});
