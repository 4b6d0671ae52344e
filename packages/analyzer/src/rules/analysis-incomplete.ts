import type { AnalysisIncompleteEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** A file, function or expression the analysis could not analyse: unknown flows fail closed. */
export const analysisIncomplete = defineRule({
  id: 'analysis-incomplete',
  meta: {
    description:
      'A file, function or expression the code analysis could not analyse (too large, nested too deeply, too long to evaluate, or an error), so flows through it are unknown: the run fails closed instead of passing silently.',
    severity: 'error',
    securitySeverity: 6.0,
    citations: [
      'GDPR Art. 5(2): the controller must be able to demonstrate compliance',
      'GDPR Art. 25(1): data protection by design',
    ],
  },
  messages: {
    limit:
      '{part} was not analysed: {reason} (limit {limit}={value}), so data flows through it are unknown. Simplify or split the code, exclude generated files from the tsconfig, or raise the limit with `--limit {limit}=<value>`.',
    failed: '{part} was not analysed: {reason}, so data flows through it are unknown.',
  },
  create(context) {
    return {
      analysisIncomplete(event: AnalysisIncompleteEvent) {
        context.report({
          messageId: event.limit === undefined ? 'failed' : 'limit',
          location: event.location,
          data: {
            part: event.part,
            reason: event.reason,
            ...(event.limit === undefined
              ? {}
              : { limit: event.limit.name, value: event.limit.value }),
          },
        });
      },
    };
  },
});
