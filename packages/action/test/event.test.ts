import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventPayloadError, toEventContext } from '../src/event.js';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/events/${name}.json`, import.meta.url), 'utf8'));

describe('toEventContext', () => {
  it('reads a pull request from the same repository', () => {
    expect(toEventContext('pull_request', recorded('pull-request'))).toEqual({
      kind: 'pull-request',
      number: 42,
      baseSha: '0c4e2a1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c',
      headSha: '5e1b7c9d3a2f4e6b8c0d1a2b3c4d5e6f7a8b9c0d',
      baseRepository: 'acme/chat-assistant',
      headRepository: 'acme/chat-assistant',
      fromFork: false,
    });
  });

  it('knows a pull request from a fork', () => {
    expect(toEventContext('pull_request', recorded('pull-request-fork'))).toMatchObject({
      number: 43,
      headRepository: 'outside-bob/chat-assistant',
      fromFork: true,
    });
  });

  it('treats a pull request whose fork was deleted as a fork', () => {
    const payload = recorded('pull-request-fork') as { pull_request: { head: { repo: unknown } } };
    payload.pull_request.head.repo = null;
    expect(toEventContext('pull_request', payload)).toMatchObject({
      headRepository: '',
      fromFork: true,
    });
  });

  it('reads a push, and drops the all-zero "before" of a new branch', () => {
    expect(toEventContext('push', recorded('push'))).toEqual({
      kind: 'push',
      before: '0c4e2a1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c',
      after: '5e1b7c9d3a2f4e6b8c0d1a2b3c4d5e6f7a8b9c0d',
    });
    expect(toEventContext('push', recorded('push-new-branch'))).toEqual({
      kind: 'push',
      after: '5e1b7c9d3a2f4e6b8c0d1a2b3c4d5e6f7a8b9c0d',
    });
  });

  it('treats any other event as one without a diff', () => {
    expect(toEventContext('workflow_dispatch', {})).toEqual({
      kind: 'other',
      name: 'workflow_dispatch',
    });
  });

  it('names the field a pull-request payload lacks', () => {
    expect(() => toEventContext('pull_request', { pull_request: { number: 1 } })).toThrow(
      new EventPayloadError('the event payload has no pull_request.base.repo.full_name'),
    );
  });
});
