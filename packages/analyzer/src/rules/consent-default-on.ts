import { pointerOf, purposeLabel, sortedEntries, tierLabel } from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** A purpose on consent treats a tier as consenting before the subject has said yes. */
export const consentDefaultOn = defineRule({
  id: 'consent-default-on',
  meta: {
    description:
      'Consent is an affirmative act: a purpose on consent must start every tier as not consenting (default: opted-out or excluded), never pre-ticked or included.',
    severity: 'error',
    securitySeverity: 8.0,
    citations: [
      'GDPR Art. 4(11): consent is a clear affirmative act',
      'GDPR Art. 7(1) and Recital 32: silence, pre-ticked boxes or inactivity are not consent',
      'CJEU C-673/17 Planet49 (1 October 2019): a pre-ticked checkbox is not valid consent',
      'EDPB Guidelines 05/2020 on consent under Regulation 2016/679',
    ],
  },
  messages: {
    defaultOn:
      'Purpose {purpose} relies on consent, but tier {tier} starts as {state} (default: {value}). Consent must be a clear affirmative act; a pre-set yes is not consent (GDPR Art. 4(11), Art. 7; CJEU Planet49). Set default: opted-out so nothing is processed until the subject opts in.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (purpose.legalBasis !== 'consent') continue;
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (guarantee.default !== 'included' && guarantee.default !== 'opted-in') continue;
            context.report({
              messageId: 'defaultOn',
              pointer: pointerOf('purposes', purposeId, 'tiers', tierId, 'default'),
              purpose: purposeId,
              tiers: [tierId],
              data: {
                purpose: purposeLabel(purposeId, purpose),
                tier: tierLabel(policy, tierId),
                state: guarantee.default === 'included' ? 'included' : 'consenting',
                value: guarantee.default,
              },
            });
          }
        }
      },
    };
  },
});
