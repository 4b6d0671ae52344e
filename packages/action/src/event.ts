/** What the action needs to know about the event that started the workflow. */
export type EventContext = PullRequestEvent | PushEvent | OtherEvent;

/** A `pull_request` (or `pull_request_target`) event. */
export interface PullRequestEvent {
  readonly kind: 'pull-request';
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** `owner/name` of the repository the pull request targets. */
  readonly baseRepository: string;
  /** `owner/name` of the repository the changes come from. */
  readonly headRepository: string;
  /** The changes come from another repository, so the token cannot write to this one. */
  readonly fromFork: boolean;
}

/** A `push` event; `before` is absent when the push created the branch. */
export interface PushEvent {
  readonly kind: 'push';
  readonly before?: string;
  readonly after: string;
}

/** Any other event (schedule, workflow_dispatch…): no diff to filter on. */
export interface OtherEvent {
  readonly kind: 'other';
  readonly name: string;
}

/** An event payload that lacks a field the action relies on. */
export class EventPayloadError extends Error {
  override readonly name: string = 'EventPayloadError';
}

const emptySha = /^0+$/;

/** Reads the event name and the parsed JSON payload GitHub writes to `GITHUB_EVENT_PATH`. */
export function toEventContext(name: string, payload: unknown): EventContext {
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pull = field(payload, 'pull_request');
    const base = field(pull, 'base');
    const head = field(pull, 'head');
    const baseRepository = text(field(base, 'repo'), 'full_name', 'pull_request.base.repo');
    // A pull request from a deleted fork has no head repository; it is a fork all the same.
    const headRepo = field(head, 'repo');
    const headRepository = isRecord(headRepo)
      ? text(headRepo, 'full_name', 'pull_request.head.repo')
      : '';
    return {
      kind: 'pull-request',
      number: integer(pull, 'number', 'pull_request'),
      baseSha: text(base, 'sha', 'pull_request.base'),
      headSha: text(head, 'sha', 'pull_request.head'),
      baseRepository,
      headRepository,
      fromFork: headRepository !== baseRepository,
    };
  }
  if (name === 'push') {
    const before = isRecord(payload) ? payload.before : undefined;
    return {
      kind: 'push',
      ...(typeof before === 'string' && !emptySha.test(before) ? { before } : {}),
      after: text(payload, 'after', 'push'),
    };
  }
  return { kind: 'other', name };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function text(value: unknown, key: string, where: string): string {
  const found = field(value, key);
  if (typeof found !== 'string' || found === '') {
    throw new EventPayloadError(`the event payload has no ${where}.${key}`);
  }
  return found;
}

function integer(value: unknown, key: string, where: string): number {
  const found = field(value, key);
  if (typeof found !== 'number' || !Number.isInteger(found)) {
    throw new EventPayloadError(`the event payload has no ${where}.${key}`);
  }
  return found;
}
