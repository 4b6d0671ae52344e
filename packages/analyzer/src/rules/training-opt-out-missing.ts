import type { ConsentryPolicy, Purpose } from '@consentry/sdk';
import {
  hasWorkingChoice,
  isProcessed,
  isProcessedByDefault,
  isTrainingPurpose,
  listText,
  pointerOf,
  purposeLabel,
  sortedEntries,
  tierLabel,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** A training purpose leaves some tier, free included, without a way to object or to opt in. */
export const trainingOptOutMissing = defineRule({
  id: 'training-opt-out-missing',
  meta: {
    description:
      'Every tier, free included, must be able to object to model training on legitimate interests, or to opt in under consent, at no cost.',
    severity: 'error',
    securitySeverity: 9.0,
    citations: [
      'GDPR Art. 12(5): exercising the rights of Art. 15–22 is free of charge',
      'GDPR Art. 21(1): right to object to processing based on Art. 6(1)(f)',
      'GDPR Art. 7 and Art. 4(11): consent is freely given, specific and can be refused',
      'EDPB Opinion 28/2024 on AI models, paras. 65 and 102: an objection that works in practice, before training',
    ],
  },
  messages: {
    legitimateInterests:
      'Purpose {purpose} trains models on legitimate interests (Art. 6(1)(f)), but tier {tier} {problem}{contrast}. Every tier, free included, must be able to object to training at no cost (GDPR Art. 12(5), Art. 21). Give {tier} an opt-out, or exclude it from training (default: excluded).',
    consent:
      'Purpose {purpose} trains models on consent (Art. 6(1)(a)), but tier {tier} {problem}{contrast}. Consent needs a real choice that every tier can make at no cost (GDPR Art. 4(11), Art. 7, Art. 12(5)). Give {tier} an opt-in, or exclude it from training (default: excluded).',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          if (purpose.legalBasis !== 'legitimate-interests' && purpose.legalBasis !== 'consent') {
            continue;
          }
          const gaps = tierGaps(policy, purposeId, purpose);
          const covered = sortedEntries(purpose.tiers)
            .filter(([, guarantee]) => isProcessed(guarantee) && hasWorkingChoice(guarantee))
            .map(([tierId]) => tierId);
          const verb = purpose.legalBasis === 'consent' ? 'choose' : 'opt out';
          const contrast =
            covered.length === 0
              ? ''
              : `, while ${listText(covered.map((id) => tierLabel(policy, id)))} can ${verb}`;
          for (const gap of gaps) {
            context.report({
              messageId: purpose.legalBasis === 'consent' ? 'consent' : 'legitimateInterests',
              pointer: gap.pointer,
              purpose: purposeId,
              tiers: [gap.tierId],
              ...(gap.severity === undefined ? {} : { severity: gap.severity }),
              data: {
                purpose: purposeLabel(purposeId, purpose),
                tier: tierLabel(policy, gap.tierId),
                problem: gap.problem,
                contrast,
              },
            });
          }
        }
      },
    };

    function tierGaps(
      policy: ConsentryPolicy,
      purposeId: string,
      purpose: Purpose,
    ): { tierId: string; pointer: string; problem: string; severity?: 'warning' }[] {
      return sortedEntries(policy.tiers).flatMap(([tierId]) => {
        const guarantee = purpose.tiers?.[tierId];
        if (guarantee === undefined) {
          // Under consent an unlisted tier is never asked, so never processed: incomplete, not unlawful.
          return [
            {
              tierId,
              pointer:
                purpose.tiers === undefined
                  ? pointerOf('purposes', purposeId, 'legalBasis')
                  : pointerOf('purposes', purposeId, 'tiers'),
              problem: "is missing from the purpose's tiers, so it has no stated way to choose",
              ...(purpose.legalBasis === 'consent' ? { severity: 'warning' as const } : {}),
            },
          ];
        }
        if (!isProcessedByDefault(guarantee) || hasWorkingChoice(guarantee)) return [];
        const field = guarantee.control === 'none' ? 'control' : 'mechanism';
        return [
          {
            tierId,
            pointer: pointerOf('purposes', purposeId, 'tiers', tierId, field),
            problem:
              field === 'control'
                ? `is ${guarantee.default} by default and has no say (control: none)`
                : `is ${guarantee.default} by default and has no way to choose (mechanism: none)`,
          },
        ];
      });
    }
  },
});
