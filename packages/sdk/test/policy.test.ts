import { describe, expect, test } from 'vitest';
import { definePolicy } from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return true;
  }
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('definePolicy', () => {
  test('returns the same object, deep-frozen', () => {
    const written = {
      version: 1,
      controller: { name: 'Parrot Labs' },
      tiers: { free: { name: 'Free' } },
      subjects: { users: { name: 'Users' } },
      categories: { conversations: { name: 'Conversations' } },
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'consent',
          categories: ['conversations'],
          subjects: ['users'],
        },
      },
    } as const;
    const policy = definePolicy(written);
    expect(policy).toBe(written);
    expect(isDeepFrozen(policy)).toBe(true);
    expect(() => {
      (policy.purposes.training.categories as unknown as string[]).push('email');
    }).toThrow(TypeError);
  });

  test('is plain data: it equals its JSON (and so its YAML) form', () => {
    expect(JSON.parse(JSON.stringify(chatPolicy))).toEqual(chatPolicy);
    expect(Object.getPrototypeOf(chatPolicy)).toBe(Object.prototype);
    expect(isDeepFrozen(chatPolicy)).toBe(true);
  });
});
