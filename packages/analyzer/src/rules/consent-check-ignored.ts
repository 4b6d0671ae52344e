import type { CheckCallEvent } from '../code/events.js';
import { defineRule } from './define-rule.js';

/** A consent check whose result is thrown away, or a Promise tested as if it were the answer. */
export const consentCheckIgnored = defineRule({
  id: 'consent-check-ignored',
  meta: {
    description:
      'A consent check whose outcome guards nothing: its result is unused, an async check is used as a condition without `await` (a Promise is always truthy), or an async assertion is not awaited.',
    severity: 'error',
    securitySeverity: 7.0,
    citations: [
      'GDPR Art. 25(1): data protection by design',
      'GDPR Art. 21(3): no processing after an objection',
    ],
  },
  messages: {
    'result-unused':
      'The result of `{check}` is never used, so it guards nothing. Branch on it or use `require`.',
    'promise-as-condition':
      "`{check}` is a Promise, which is always truthy: the condition ignores the subject's choice. Add `await`.",
    'not-awaited':
      '`{check}` is not awaited: a denial rejects later instead of stopping this code. Add `await`.',
  },
  create(context) {
    return {
      checkCall(event: CheckCallEvent) {
        context.report({
          messageId: event.problem,
          location: event.location,
          data: { check: event.check },
          ...(event.purposes[0] !== undefined ? { purpose: event.purposes[0] } : {}),
        });
      },
    };
  },
});
