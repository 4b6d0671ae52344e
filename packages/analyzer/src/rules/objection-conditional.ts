import {
  durationText,
  isProcessed,
  isTrainingPurpose,
  pointerOf,
  purposeLabel,
  sortedEntries,
  tierLabel,
} from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** Opting out costs money, needs reasons, or lapses after a while. */
export const objectionConditional = defineRule({
  id: 'objection-conditional',
  meta: {
    description:
      'An objection or a withdrawal must be unconditional: free of charge, without having to give reasons (for training, marketing and consent), and permanent.',
    severity: 'error',
    securitySeverity: 8.0,
    citations: [
      'GDPR Art. 12(5): actions taken under Art. 15–22 are free of charge',
      'GDPR Art. 21(1)–(3): once the subject objects, the controller no longer processes',
      'GDPR Art. 7(3): consent can be withdrawn at any time, as easily as it was given',
      'EDPB Opinion 28/2024 on AI models, para. 102: an unconditional opt-out, beyond the conditions of Art. 21',
    ],
  },
  messages: {
    costs:
      'Tier {tier} has to pay to exercise its choice for purpose {purpose} (freeOfCharge: false). Exercising data protection rights is free of charge (GDPR Art. 12(5)). Make the choice free for {tier}.',
    reasons:
      'Tier {tier} must give reasons to {verb} purpose {purpose} (reasonsRequired: true). {why} Remove the requirement.',
    expires:
      "Tier {tier}'s choice for purpose {purpose} lapses after {duration} (expiresAfter). An objection or withdrawal stays in force until the subject changes it (GDPR Art. 21(3), Art. 7(3); EDPB Opinion 28/2024). Remove expiresAfter.",
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (guarantee.control === 'none' || !isProcessed(guarantee)) continue;
            const base = pointerOf('purposes', purposeId, 'tiers', tierId);
            const data = {
              tier: tierLabel(policy, tierId),
              purpose: purposeLabel(purposeId, purpose),
            };
            const common = { purpose: purposeId, tiers: [tierId] };
            if (guarantee.freeOfCharge === false) {
              context.report({
                messageId: 'costs',
                pointer: `${base}/freeOfCharge`,
                data,
                ...common,
              });
            }
            const why = reasonsWhy(purpose.legalBasis, isTrainingPurpose(purpose), purpose.kind);
            if (guarantee.reasonsRequired === true && why !== undefined) {
              context.report({
                messageId: 'reasons',
                pointer: `${base}/reasonsRequired`,
                data: {
                  ...data,
                  why,
                  verb: purpose.legalBasis === 'consent' ? 'withdraw consent to' : 'opt out of',
                },
                ...common,
              });
            }
            if (guarantee.expiresAfter !== undefined) {
              context.report({
                messageId: 'expires',
                pointer: `${base}/expiresAfter`,
                data: { ...data, duration: durationText(guarantee.expiresAfter) },
                ...common,
              });
            }
          }
        }
      },
    };
  },
});

// Art. 21(1) lets a controller ask for grounds relating to the subject's situation, so reasons
// are only wrong where the law or the EDPB asks for an unconditional choice.
function reasonsWhy(basis: string, training: boolean, kind: string): string | undefined {
  if (basis === 'consent') {
    return 'Consent is withdrawn without giving reasons, as easily as it was given (GDPR Art. 7(3)).';
  }
  if (training) {
    return 'For model training the EDPB expects an unconditional opt-out, beyond the conditions of Art. 21(1) (EDPB Opinion 28/2024, para. 102; GDPR Art. 12(5), Art. 21).';
  }
  if (kind === 'marketing') {
    return 'An objection to direct marketing is absolute and needs no grounds (GDPR Art. 21(2)–(3)).';
  }
  return undefined;
}
