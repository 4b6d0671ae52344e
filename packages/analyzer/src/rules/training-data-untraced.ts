import type { UntracedTrainingEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** A training upload or job whose data the analysis cannot trace to any source: listed, never dropped. */
export const trainingDataUntraced = defineRule({
  id: 'training-data-untraced',
  meta: {
    description:
      'A training upload or job whose data the code analysis cannot trace to any source (a path or URI it cannot resolve, a dynamic import, a module without type declarations, an argument from outside the project), so no other rule can say whether it is guarded.',
    severity: 'note',
    securitySeverity: 2.0,
    citations: [
      'GDPR Art. 5(2): the controller must be able to demonstrate compliance',
      'GDPR Art. 30(1): a record of every processing activity',
    ],
  },
  messages: {
    untraced:
      '{sink} sends data for `{purpose}` that the analysis cannot trace to any source: {reason}.',
  },
  details: {
    untraced:
      'Make the data traceable (a literal or joined path, a static import, a typed module), or map its source in the policy (`code.sources`); then the usual rules check that it is guarded. The record of processing lists this call either way.',
  },
  create(context) {
    return {
      untracedTraining(event: UntracedTrainingEvent) {
        const purpose = event.purposes[0] ?? '';
        context.report({
          messageId: 'untraced',
          location: event.location,
          data: { sink: event.sink, purpose, reason: event.reason },
          purpose,
        });
      },
    };
  },
});
