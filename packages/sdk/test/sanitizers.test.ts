import { describe, expect, test } from 'vitest';
import { aggregate, anonymise, createMarkers } from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

const { personal } = createMarkers(chatPolicy);

class Vote {
  @personal('contact-details') readonly email: string;
  @personal('conversations') readonly comment: string;
  constructor(
    email: string,
    comment: string,
    readonly rating: 'up' | 'down',
    readonly model: string,
  ) {
    this.email = email;
    this.comment = comment;
  }
}

describe('anonymise', () => {
  test('returns a new plain object with only the kept fields', () => {
    const vote = new Vote('alice@example.com', 'great answer', 'up', 'parrot-2');
    const anonymous = anonymise(vote, { keep: ['rating', 'model'] });
    expect(anonymous).toEqual({ rating: 'up', model: 'parrot-2' });
    expect(Object.keys(anonymous)).toEqual(['rating', 'model']);
    expect(anonymous).not.toBeInstanceOf(Vote);
    expect(anonymous).not.toBe(vote);
  });

  test('works on plain objects and skips kept fields that are absent', () => {
    const row: { id: string; plan: string; country?: string } = { id: 'u1', plan: 'free' };
    expect(anonymise(row, { keep: ['plan', 'country'] })).toEqual({ plan: 'free' });
  });

  test('refuses to keep a field marked personal', () => {
    const vote = new Vote('alice@example.com', 'great answer', 'up', 'parrot-2');
    expect(() => anonymise(vote, { keep: ['rating', 'comment'] })).toThrow(
      'anonymise cannot keep "comment": it is marked personal data (category "conversations").',
    );
  });
});

describe('aggregate', () => {
  const sessions = [3, 5, 8, 13, 21].map((minutes, index) => ({ userId: `u${index}`, minutes }));

  test('reduces items to a summary', () => {
    expect(aggregate(sessions, (total, session) => total + session.minutes, 0)).toBe(50);
    expect(
      aggregate(
        sessions,
        (summary, session) => ({
          count: summary.count + 1,
          longest: Math.max(summary.longest, session.minutes),
        }),
        { count: 0, longest: 0 },
      ),
    ).toEqual({ count: 5, longest: 21 });
  });

  test('refuses groups smaller than minimumCount (5 by default)', () => {
    expect(() => aggregate(sessions.slice(0, 4), (total, s) => total + s.minutes, 0)).toThrow(
      'aggregate needs at least 5 items so the result cannot single a person out; it got 4.',
    );
    expect(
      aggregate(sessions.slice(0, 2), (total, s) => total + s.minutes, 0, { minimumCount: 2 }),
    ).toBe(8);
  });

  test('refuses a result that is one of the items', () => {
    expect(() =>
      aggregate(
        sessions,
        (longest: (typeof sessions)[number] | undefined, session) =>
          longest === undefined || session.minutes > longest.minutes ? session : longest,
        undefined,
      ),
    ).toThrow('aggregate must return a summary, not one of the items it was given.');
  });

  test('accepts any iterable', () => {
    const minutes = new Set([1, 2, 3, 4, 5]);
    expect(aggregate(minutes, (total, value) => total + value, 0)).toBe(15);
  });
});
