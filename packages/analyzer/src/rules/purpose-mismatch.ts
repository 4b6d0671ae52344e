import type { UnguardedFlowEvent } from '../code/events.js';
import { describeCategories, describeTiers } from '../code/wording.js';
import { defineRule } from './define-rule.js';

/** The guard before a sink checks another purpose than the one the sink serves. */
export const purposeMismatch = defineRule({
  id: 'purpose-mismatch',
  meta: {
    description:
      "The check that guards a sink asks about another purpose than the sink serves (e.g. analytics before model training), so the subject's choice for the sink's purpose is never read.",
    severity: 'error',
    securitySeverity: 7.5,
    citations: [
      'GDPR Art. 5(1)(b): purpose limitation',
      'GDPR Art. 6(1): a lawful basis for each purpose',
    ],
  },
  messages: {
    mismatch:
      'Data ({categories}) of `{subject}` reaches {sink} for `{purpose}`, but the check on this path is for {checked}, unguarded for {tiers}.',
  },
  details: {
    mismatch:
      'A choice about one purpose says nothing about another: check `{purpose}` itself before the sink.',
  },
  create(context) {
    return {
      unguardedFlow(event: UnguardedFlowEvent) {
        if (event.mismatchedPurposes.length === 0) return;
        context.report({
          messageId: 'mismatch',
          location: event.location,
          data: {
            subject: event.subject,
            categories: describeCategories(event.categories),
            sink: event.sink,
            purpose: event.purpose,
            tiers: describeTiers(event.unguardedTiers),
            checked: event.mismatchedPurposes.map((purpose) => `\`${purpose}\``).join(', '),
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});
