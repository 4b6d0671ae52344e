import { describe, expectTypeOf, it } from 'vitest';
import {
  type CodeEvents,
  defineRule,
  type RuleDefinition,
  type RuleListeners,
  type UnguardedFlowEvent,
} from '../src/index.js';

const meta = {
  description: 'A rule written for this test.',
  severity: 'warning',
  securitySeverity: 4,
  citations: ['GDPR Art. 21'],
} as const;

describe('the rule API', () => {
  it('types each listener by the event it listens to', () => {
    expectTypeOf<NonNullable<RuleListeners['unguardedFlow']>>()
      .parameter(0)
      .toEqualTypeOf<CodeEvents['unguardedFlow']>();
    const listeners: RuleListeners = {
      unguardedFlow(event) {
        expectTypeOf(event).toEqualTypeOf<UnguardedFlowEvent>();
      },
    };
    expectTypeOf(listeners).toExtend<RuleListeners>();
  });

  it('rejects a misspelt listener name', () => {
    const listeners: RuleListeners = {
      // @ts-expect-error `unguardedFlows` is not an event
      unguardedFlows() {},
    };
    expectTypeOf(listeners).toExtend<RuleListeners>();
  });

  it('rejects a listener of another event payload', () => {
    const listeners: RuleListeners = {
      // @ts-expect-error a purpose reference is not an unguarded flow
      purposeReference(event: UnguardedFlowEvent) {
        return event.flow;
      },
    };
    expectTypeOf(listeners).toExtend<RuleListeners>();
  });

  it('checks message ids against the messages', () => {
    const rule = defineRule({
      id: 'example',
      meta,
      messages: { found: 'Found {what}.' },
      create: (context) => ({
        unguardedFlow(event) {
          context.report({
            messageId: 'found',
            data: { what: event.sink },
            location: event.location,
          });
          // @ts-expect-error `lost` is not a message of this rule
          context.report({ messageId: 'lost', location: event.location });
        },
      }),
    });
    expectTypeOf(rule).toExtend<RuleDefinition<'found'>>();
  });
});
