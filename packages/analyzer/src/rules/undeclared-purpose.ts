import { closestMatch } from '@consentry/policy';
import type { PurposeReferenceEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** Code names a purpose id the policy does not declare. */
export const undeclaredPurpose = defineRule({
  id: 'undeclared-purpose',
  meta: {
    description:
      'A consent check, marker or decorator names a purpose the policy does not declare; at run time the check fails closed, and the record of processing misses the processing.',
    severity: 'error',
    securitySeverity: 6.0,
    citations: [
      'GDPR Art. 30(1)(b): the purposes of the processing',
      'GDPR Art. 5(1)(b): purpose limitation',
    ],
  },
  messages: {
    undeclared:
      'Purpose `{purpose}` is not declared in the policy, so a check for it always fails closed and the record of processing misses it.{suggestion} Declare it under `purposes` or use a declared id.',
  },
  create(context) {
    return {
      purposeReference(event: PurposeReferenceEvent) {
        if (event.declared) return;
        context.report({
          messageId: 'undeclared',
          location: event.location,
          data: { purpose: event.purpose, suggestion: suggestion(event.purpose, event.known) },
          purpose: event.purpose,
        });
      },
    };
  },
});

function suggestion(purpose: string, known: readonly string[]): string {
  const match = closestMatch(purpose, known);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
