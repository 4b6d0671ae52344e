import type { EvidenceEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** A category of personal data reaches a purpose's sink although the policy does not declare it for that purpose. */
export const undeclaredCategory = defineRule({
  id: 'undeclared-category',
  meta: {
    description:
      'Personal data of a category reaches a sink of a purpose whose `categories` in the policy do not list it, so the record of processing understates what the purpose uses.',
    severity: 'warning',
    securitySeverity: 5.0,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(c): the categories of personal data',
      'GDPR Art. 5(1)(c): data minimisation',
    ],
  },
  messages: {
    undeclared:
      'Data of category `{category}` reaches {sink} for purpose `{purpose}`, but the policy does not declare `{category}` for `{purpose}` (/purposes/{purpose}/categories). Keep `{category}` out of what reaches the sink, or declare it for the purpose.',
  },
  create(context) {
    return {
      evidence(event: EvidenceEvent) {
        for (const sink of event.evidence.sinks) {
          for (const purpose of sink.purposes) {
            if (!Object.hasOwn(event.policy.purposes, purpose)) continue;
            const declared = new Set(event.policy.purposes[purpose]?.categories ?? []);
            for (const category of sink.categories) {
              if (declared.has(category)) continue;
              context.report({
                messageId: 'undeclared',
                location: { file: sink.file, line: sink.line, column: sink.column },
                data: { category, purpose, sink: sink.sink },
                purpose,
              });
            }
          }
        }
      },
    };
  },
});
