import type { ConsentryPolicy } from '@consentry/sdk';
import type { CodeEvents } from '../code/events.js';
import type { FlowStep, Location, RuleMeta, Severity, ShardVote } from '../findings.js';

/** What a rule hands to `context.report`: a message id with its data, and where. */
export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  /** Values for the `{name}` placeholders of the message. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** A place in the analysed code. Policy rules give `pointer` instead. */
  readonly location?: Location;
  /** A JSON pointer into the policy (e.g. `/purposes/model-training/tiers/free`), for policy rules. */
  readonly pointer?: string;
  /** Overrides the rule's default severity for this one report. */
  readonly severity?: Severity;
  readonly purpose?: string;
  readonly tiers?: readonly string[];
  readonly flow?: readonly FlowStep[];
  /** For a finding a shard cannot decide alone (see `Finding.shardVote`). */
  readonly shardVote?: ShardVote;
}

/** What a rule can see and do while the engine runs. */
export interface RuleContext<MessageId extends string> {
  report(descriptor: ReportDescriptor<MessageId>): void;
}

/**
 * The events a rule can listen to, by name, with their payloads: the code analysis's events
 * (their types live with the part of the engine that emits them) and the policy event.
 */
export interface RuleEvents extends CodeEvents {
  /** Policy rules: called once with the whole policy; reports give a `pointer` into it. */
  policy: PolicyEvent;
}

/**
 * What a rule listens to: one function per event name, called for every event of its kind. A
 * misspelt event name or a listener of another payload type does not compile.
 */
export type RuleListeners = {
  readonly [Event in keyof RuleEvents]?: (payload: RuleEvents[Event]) => void;
};

/** What a policy rule's `policy` listener receives. */
export interface PolicyEvent {
  readonly policy: ConsentryPolicy;
}

/** A rule: its public id, its documentation, its messages, and the listeners it registers. */
export interface RuleDefinition<MessageId extends string = string> {
  /** Public, stable, kebab-case id; also the file name under `src/rules/`. */
  readonly id: string;
  readonly meta: RuleMeta;
  /**
   * Message templates by id; `{name}` placeholders are filled from `data`. A message is one
   * sentence: what reaches what, or what is wrong, and for whom.
   */
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * Detail templates by message id, filled from the same `data`: the guarantee the finding
   * breaks and what to do, shown under the message (pretty, Markdown), in SARIF's
   * `message.markdown` and as the JSON report's `detail`.
   */
  readonly details?: Readonly<Partial<Record<MessageId, string>>>;
  create(context: RuleContext<MessageId>): RuleListeners;
}

/** Declares a rule; the identity function that gives rule files their types. */
export function defineRule<MessageId extends string>(
  rule: RuleDefinition<MessageId>,
): RuleDefinition<MessageId> {
  return rule;
}

/** The message and the detail of a report, filled from the rule's templates. */
export function describeReport(
  rule: RuleDefinition,
  descriptor: ReportDescriptor<string>,
): { message: string; detail?: string } {
  const template = rule.messages[descriptor.messageId];
  if (template === undefined) {
    throw new Error(`rule ${rule.id} reported unknown message id ${descriptor.messageId}`);
  }
  const detail = rule.details?.[descriptor.messageId];
  return {
    message: formatMessage(template, descriptor.data),
    ...(detail === undefined ? {} : { detail: formatMessage(detail, descriptor.data) }),
  };
}

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in data ? String(data[name]) : whole,
  );
}
