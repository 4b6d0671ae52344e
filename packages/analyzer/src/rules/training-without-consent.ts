import { onlyExcludedTiers, type UnguardedFlowEvent } from '../code/events.js';
import { describeCategories, describeTiers } from '../code/wording.js';
import { defineRule } from './define-rule.js';

/** Personal data reaches a training sink (or another purpose that needs a choice) with no guard on any tier. */
export const trainingWithoutConsent = defineRule({
  id: 'training-without-consent',
  meta: {
    description:
      'Personal data reaches a sink of a purpose that needs consent or an opt-out (model training above all) without a check of that subject and purpose on every path.',
    severity: 'error',
    securitySeverity: 8.0,
    citations: [
      'GDPR Art. 6(1)(a) and (f): a lawful basis for each purpose',
      'GDPR Art. 21(1)-(3): the right to object',
      'EDPB Opinion 28/2024 on AI models, paras 100-102: an opt-out that works before training',
    ],
  },
  messages: {
    unguarded:
      'Personal data ({categories}) of `{subject}` reaches {sink} for `{purpose}` with no consent or opt-out check, unguarded for {tiers}.',
  },
  details: {
    unguarded:
      "The policy promises {guarantee}. Check `{purpose}` for this subject on every path before the sink (e.g. `if (!(await consent.allows(user, '{purpose}'))) return;`), or keep only allowed records with `consent.filter`.",
  },
  create(context) {
    return {
      unguardedFlow(event: UnguardedFlowEvent) {
        if (
          onlyExcludedTiers(event) ||
          event.mismatchedPurposes.length > 0 ||
          event.guardedTiers.length > 0
        )
          return;
        context.report({
          messageId: 'unguarded',
          location: event.location,
          data: {
            subject: event.subject,
            categories: describeCategories(event.categories),
            sink: event.sink,
            purpose: event.purpose,
            tiers: describeTiers(event.unguardedTiers),
            guarantee:
              event.guarantees
                .map(
                  (guarantee) =>
                    `the ${guarantee.tier} tier ${guarantee.summary} (${guarantee.pointer})`,
                )
                .join(' and ') || `${describeTiers(event.unguardedTiers)} a choice`,
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});
