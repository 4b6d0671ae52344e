import type { EvidenceEvent } from '../code/events.js';
import type { SinkEvidence } from '../code-evidence.js';
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
      'Data of {categories} reaches {sink} for `{purpose}`, which the policy does not declare {them} for.',
  },
  details: {
    undeclared:
      'The record of processing lists only the categories in /purposes/{purpose}/categories. Keep {categories} out of what reaches the sink, or declare {them} for the purpose.',
  },
  create(context) {
    return {
      evidence(event: EvidenceEvent) {
        // One finding per sink and purpose, naming every category that reaches it undeclared.
        const bySink = new Map<
          string,
          { at: SinkEvidence; purpose: string; categories: Set<string> }
        >();
        for (const sink of event.evidence.sinks) {
          for (const purpose of sink.purposes) {
            if (!Object.hasOwn(event.policy.purposes, purpose)) continue;
            const declared = new Set(event.policy.purposes[purpose]?.categories ?? []);
            const undeclared = sink.categories.filter((category) => !declared.has(category));
            if (undeclared.length === 0) continue;
            const key = `${sink.file}:${sink.line}:${sink.column}\u0000${purpose}`;
            const entry = bySink.get(key) ?? { at: sink, purpose, categories: new Set<string>() };
            for (const category of undeclared) entry.categories.add(category);
            bySink.set(key, entry);
          }
        }
        for (const { at, purpose, categories } of bySink.values()) {
          const names = [...categories].sort().map((category) => `\`${category}\``);
          context.report({
            messageId: 'undeclared',
            location: { file: at.file, line: at.line, column: at.column },
            data: {
              categories:
                names.length === 1
                  ? `category ${names[0]}`
                  : `categories ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
              them: names.length === 1 ? 'it' : 'them',
              purpose,
              sink: at.sink,
            },
            purpose,
          });
        }
      },
    };
  },
});
