import type { Purpose } from '@consentry/sdk';
import type { EvidenceEvent, PurposeReferenceEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** The policy declares a purpose that no sink, marker or check in the code processes. */
export const purposeUnused = defineRule({
  id: 'purpose-unused',
  meta: {
    description:
      'The policy declares a purpose that tiers have a choice about, but no sink, `@processes` marker, consent check or decorator in the code serves it, so the record of processing lists processing the code does not show.',
    severity: 'note',
    securitySeverity: 1.0,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(b): the purposes of the processing',
    ],
  },
  messages: {
    unused:
      'Purpose `{purpose}` is declared in the policy, but no sink, marker or consent check in the code names it, so the record cannot show where it is processed. Mark the code that serves it (`@processes`, a sink mapping or a check), or remove the purpose if it is no longer carried out.',
    undecided:
      'Cannot tell whether purpose `{purpose}` is processed: the analysis found no sink, `@processes` marker or consent check anywhere in the code, so no purpose can be matched to code. If the product does not do this today, remove the purpose (or keep it for planned processing and suppress this note with the reason); if it does, map the code that does it (`@processes`, or `code.sinks` for a call the catalogue does not know) so its guards are checked.',
  },
  create(context) {
    const named = new Set<string>();
    return {
      purposeReference(event: PurposeReferenceEvent) {
        named.add(event.purpose);
      },
      evidence(event: EvidenceEvent) {
        // A slice of the project cannot show that a purpose is processed nowhere, and code in
        // which the analysis sees no processing at all says nothing about any one purpose. A
        // shard votes instead: `consentry merge` keeps the finding if every shard reports it.
        const processing = event.evidence.sinks.length > 0 || event.evidence.guards.length > 0;
        // Without a slice or without any code there is nothing to compare the policy with.
        if (event.shard === undefined && (!event.wholeProject || event.sourceFiles === 0)) return;
        // Code with no processing at all cannot show that one purpose is unused: say so instead.
        const messageId = event.shard === undefined && !processing ? 'undecided' : 'unused';
        for (const sink of event.evidence.sinks) for (const id of sink.purposes) named.add(id);
        for (const guard of event.evidence.guards) for (const id of guard.purposes) named.add(id);
        for (const [purpose, declared] of Object.entries(event.policy.purposes).sort(byKey)) {
          if (named.has(purpose) || !needsCheck(declared)) continue;
          context.report({
            messageId,
            location: event.locate(`/purposes/${escapePointer(purpose)}`),
            data: { purpose },
            purpose,
            ...(event.shard === undefined ? {} : { shardVote: { ...event.shard, processing } }),
          });
        }
      },
    };
  },
});

/**
 * Whether some tier has a choice about the purpose or is excluded from it: then the code must
 * check it somewhere. A purpose no tier has a say in (service under a contract) needs no check.
 */
function needsCheck(purpose: Purpose | undefined): boolean {
  return Object.values(purpose?.tiers ?? {}).some(
    (guarantee) =>
      guarantee !== undefined && (guarantee.control !== 'none' || guarantee.default === 'excluded'),
  );
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
