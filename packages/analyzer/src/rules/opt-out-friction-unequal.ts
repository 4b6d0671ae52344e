import {
  hasWorkingChoice,
  isProcessed,
  listText,
  MECHANISM_FRICTION,
  MECHANISM_NAMES,
  pointerOf,
  purposeLabel,
  sortedEntries,
  tierLabel,
  withArticle,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** One tier exercises its choice by email or form while another has a toggle. */
export const optOutFrictionUnequal = defineRule({
  id: 'opt-out-friction-unequal',
  meta: {
    description:
      'The way to opt out or withdraw must be as easy for every tier: an email or a web form for one tier against an in-app toggle for another is unequal friction.',
    severity: 'warning',
    securitySeverity: 5.5,
    citations: [
      'GDPR Art. 12(2): the controller shall facilitate the exercise of data subject rights',
      'GDPR Art. 7(3): withdrawing consent shall be as easy as giving it',
      'GDPR Art. 21(5): in information society services, objection by automated means',
      'Irish DPC statement on Meta AI (21 May 2025): an easier, in-app objection form',
    ],
  },
  messages: {
    harder:
      'Tier {tier} must use {mechanism} to exercise its choice for purpose {purpose}, while {easier} {verb} {easierMechanism}. A right must be as easy to exercise for every tier (GDPR Art. 12(2){extra}). Offer {tier} {easierMechanism} as well.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          const choices = sortedEntries(purpose.tiers).flatMap(([tierId, guarantee]) => {
            if (!isProcessed(guarantee) || !hasWorkingChoice(guarantee)) return [];
            const mechanism = guarantee.mechanism as keyof typeof MECHANISM_FRICTION;
            return [{ tierId, mechanism, friction: MECHANISM_FRICTION[mechanism] }];
          });
          if (choices.length < 2) continue;
          const easiest = Math.min(...choices.map((choice) => choice.friction));
          const easier = choices.filter((choice) => choice.friction === easiest);
          const easierMechanisms = [
            ...new Set(easier.map((choice) => MECHANISM_NAMES[choice.mechanism])),
          ];
          for (const choice of choices) {
            if (choice.friction === easiest) continue;
            context.report({
              messageId: 'harder',
              pointer: pointerOf('purposes', purposeId, 'tiers', choice.tierId, 'mechanism'),
              purpose: purposeId,
              tiers: [choice.tierId],
              data: {
                tier: tierLabel(policy, choice.tierId),
                mechanism: withArticle(MECHANISM_NAMES[choice.mechanism]),
                purpose: purposeLabel(purposeId, purpose),
                easier: listText(easier.map((other) => tierLabel(policy, other.tierId))),
                verb: easier.length === 1 ? 'has' : 'have',
                easierMechanism: listText(easierMechanisms.map(withArticle), 'or'),
                extra: purpose.legalBasis === 'consent' ? ', Art. 7(3)' : ', Art. 21(5)',
              },
            });
          }
        }
      },
    };
  },
});
