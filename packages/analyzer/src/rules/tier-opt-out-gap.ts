import { onlyExcludedTiers, type UnguardedFlowEvent } from '../code/events.js';
import { describeCategories, describeTiers } from '../code/wording.js';
import { defineRule } from './define-rule.js';

/** A guard is reached only for some tiers, so the others' data reaches the sink unchecked. */
export const tierOptOutGap = defineRule({
  id: 'tier-opt-out-gap',
  meta: {
    description:
      'A consent or opt-out check runs only for some tiers (e.g. only for paying users), so data of the other tiers reaches the sink although the policy promises them a choice.',
    severity: 'error',
    securitySeverity: 8.5,
    citations: [
      'GDPR Art. 12(2) and 12(5): rights made easy to exercise and free of charge',
      'GDPR Art. 21(1)-(3): the right to object',
      'EDPB Opinion 28/2024 on AI models, paras 100-102: an unconditional opt-out',
    ],
  },
  messages: {
    gap: 'The `{purpose}` check for `{subject}` runs only for {guarded}, so data ({categories}) of {tiers} reaches {sink} unchecked.',
  },
  details: {
    gap: 'The policy promises {guarantee}. Check every tier before the sink.',
  },
  create(context) {
    return {
      unguardedFlow(event: UnguardedFlowEvent) {
        if (
          onlyExcludedTiers(event) ||
          event.mismatchedPurposes.length > 0 ||
          event.guardedTiers.length === 0
        )
          return;
        context.report({
          messageId: 'gap',
          location: event.location,
          data: {
            purpose: event.purpose,
            subject: event.subject,
            categories: describeCategories(event.categories),
            guarded: describeTiers(event.guardedTiers),
            tiers: describeTiers(event.unguardedTiers),
            sink: event.sink,
            guarantee: event.guarantees
              .map(
                (guarantee) =>
                  `the ${guarantee.tier} tier ${guarantee.summary} (${guarantee.pointer})`,
              )
              .join(' and '),
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});
