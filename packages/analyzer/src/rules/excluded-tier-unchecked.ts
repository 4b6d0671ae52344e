import type { EvidenceEvent, UnguardedFlowEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** A sink of a purpose is reachable by a tier the policy excludes from it, with no check that denies the tier. */
export const excludedTierUnchecked = defineRule({
  id: 'excluded-tier-unchecked',
  meta: {
    description:
      'The policy excludes a tier from a purpose (`default: excluded`), but personal data of that tier reaches a sink of the purpose on a path with no consent check of the purpose, so the code cannot keep the promise.',
    severity: 'error',
    securitySeverity: 8.0,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(b)-(c): the purposes and the categories of data subjects and personal data',
    ],
  },
  messages: {
    unchecked:
      'The policy excludes the `{tier}` tier from `{purpose}` ({pointer}: `default: excluded`), but data of that tier reaches {sink} on a path with no `{purpose}` check. Check `{purpose}` for the subject before the sink (`consent.allows`, `require`, `filter` or `@consent.enforce` deny an excluded tier).',
  },
  create(context) {
    // Flows already reported at the sink with the tier (`training-without-consent`,
    // `tier-opt-out-gap`, `purpose-mismatch` cite its guarantee too): one defect, one finding.
    const reported = new Set<string>();
    return {
      unguardedFlow(event: UnguardedFlowEvent) {
        const at = event.location;
        for (const purpose of event.purposes) {
          for (const tier of event.unguardedTiers) {
            reported.add(`${at.file}:${at.line}:${at.column}:${purpose}:${tier}`);
          }
        }
      },
      evidence(event: EvidenceEvent) {
        for (const sink of event.evidence.sinks) {
          for (const purpose of sink.purposes) {
            const guarantees = Object.hasOwn(event.policy.purposes, purpose)
              ? event.policy.purposes[purpose]?.tiers
              : undefined;
            if (guarantees === undefined) continue;
            for (const tier of sink.unguardedTiers) {
              if (!Object.hasOwn(guarantees, tier) || guarantees[tier]?.default !== 'excluded') {
                continue;
              }
              if (reported.has(`${sink.file}:${sink.line}:${sink.column}:${purpose}:${tier}`)) {
                continue;
              }
              context.report({
                messageId: 'unchecked',
                location: { file: sink.file, line: sink.line, column: sink.column },
                data: {
                  tier,
                  purpose,
                  sink: sink.sink,
                  pointer: `/purposes/${purpose}/tiers/${tier}`,
                },
                purpose,
                tiers: [tier],
              });
            }
          }
        }
      },
    };
  },
});
