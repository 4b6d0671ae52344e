import { type EvidenceEvent, onlyExcludedTiers, type UnguardedFlowEvent } from '../code/events.js';
import { describeTiers } from '../code/wording.js';
import type { Location } from '../findings.js';
import { defineRule, type ReportDescriptor } from './define-rule.js';

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
      'Data of {tiers}, which the policy excludes from `{purpose}`, reaches {sink} with no `{purpose}` check.',
  },
  details: {
    unchecked:
      'The policy sets `default: excluded` for {pointers}, so the code must deny {them}. Check `{purpose}` for the subject before the sink (`consent.allows`, `require`, `filter` or `@consent.enforce` deny an excluded tier).',
  },
  create(context) {
    const describe = (
      location: Location,
      purpose: string,
      tiers: readonly string[],
      sink: string,
      flow: UnguardedFlowEvent['flow'] | undefined,
    ): ReportDescriptor<'unchecked'> => ({
      messageId: 'unchecked',
      location,
      data: {
        tiers: describeTiers(tiers),
        them: tiers.length === 1 ? 'it' : 'them',
        purpose,
        sink,
        pointers: tiers.map((tier) => `/purposes/${purpose}/tiers/${tier}`).join(' and '),
      },
      purpose,
      tiers,
      ...(flow === undefined ? {} : { flow }),
    });
    // A flow already reported with the tier (`training-without-consent`, `tier-opt-out-gap`,
    // `purpose-mismatch` cite its guarantee too), at the call or at the sink it reaches through
    // a helper, is the same defect: one finding. A flow that reached the sink for other tiers
    // is kept, to show the path.
    const reported = new Set<string>();
    const flows = new Map<string, UnguardedFlowEvent['flow']>();
    const place = (at: { file: string; line: number; column: number }) =>
      `${at.file}:${at.line}:${at.column}`;
    return {
      unguardedFlow(event: UnguardedFlowEvent) {
        if (onlyExcludedTiers(event) && event.mismatchedPurposes.length === 0) {
          // Only excluded tiers are left unguarded: the promise this path breaks is theirs.
          context.report(
            describe(event.location, event.purpose, event.unguardedTiers, event.sink, event.flow),
          );
        }
        // Every step counts: an upload the flow passes on its way to the training job is a sink
        // of the same path, reported with the job.
        const places = [place(event.location), ...event.flow.map(place)];
        for (const at of places) {
          if (!flows.has(at)) flows.set(at, event.flow);
          for (const purpose of event.purposes) {
            for (const tier of event.unguardedTiers) reported.add(`${at}:${purpose}:${tier}`);
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
            const tiers = sink.unguardedTiers.filter(
              (tier) =>
                Object.hasOwn(guarantees, tier) &&
                guarantees[tier]?.default === 'excluded' &&
                !reported.has(`${place(sink)}:${purpose}:${tier}`),
            );
            if (tiers.length === 0) continue;
            context.report(
              describe(
                { file: sink.file, line: sink.line, column: sink.column },
                purpose,
                tiers,
                sink.sink,
                flows.get(place(sink)),
              ),
            );
          }
        }
      },
    };
  },
});
