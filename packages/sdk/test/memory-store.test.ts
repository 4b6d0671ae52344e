import { describe, expect, test } from 'vitest';
import { type ConsentEvent, createMemoryStore } from '../src/index.js';

const objection: ConsentEvent = {
  subjectId: 'alice',
  purpose: 'model-training',
  decision: 'objection',
  at: '2026-03-01T09:00:00.000Z',
  tier: 'free',
  details: { mechanism: 'in-app-toggle' },
};

describe('createMemoryStore', () => {
  test('reads a subject’s events in the order they were appended', async () => {
    const store = createMemoryStore();
    const optIn = { ...objection, decision: 'opt-in' as const, at: '2026-03-02T09:00:00.000Z' };
    await store.append(objection);
    await store.append({ ...objection, subjectId: 'bob' });
    await store.append(optIn);
    expect(await store.read('alice')).toEqual([objection, optIn]);
    expect(await store.read('bob')).toHaveLength(1);
    expect(await store.read('carol')).toEqual([]);
  });

  test('keeps its own frozen copies, so callers cannot rewrite history', async () => {
    const store = createMemoryStore();
    const details = { mechanism: 'in-app-toggle' as const };
    const appended = { ...objection, details };
    await store.append(appended);
    (details as { mechanism: string }).mechanism = 'email';
    const [stored] = await store.read('alice');
    expect(stored?.details?.mechanism).toBe('in-app-toggle');
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored?.details)).toBe(true);
    const list = (await store.read('alice')) as ConsentEvent[];
    list.pop();
    expect(await store.read('alice')).toHaveLength(1);
  });
});
