import { describe, expect, test } from 'vitest';
import { addDuration, subtractDuration } from '../src/duration.js';

describe('addDuration', () => {
  test.each([
    ['2026-01-15T10:00:00.000Z', 'P30D', '2026-02-14T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P6M', '2026-07-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P2Y', '2028-01-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P1Y6M', '2027-07-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P2W', '2026-01-29T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', 'P1M', '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 'P1M', '2028-02-29T10:00:00.000Z'],
    ['2028-02-29T10:00:00.000Z', 'P1Y', '2029-02-28T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'PT36H', '2026-01-16T22:00:00.000Z'],
  ])('%s + %s = %s', (start, duration, end) => {
    expect(addDuration(new Date(start), duration)?.toISOString()).toBe(end);
  });

  test.each(['P', 'PT', '6M', 'P1.5Y', 'P-1D', 'p1d', ''])('rejects %j', (duration) => {
    expect(addDuration(new Date('2026-01-15T10:00:00.000Z'), duration)).toBeUndefined();
  });
});

describe('subtractDuration', () => {
  test.each([
    ['2029-03-31T10:00:00.000Z', 'P3Y', '2026-03-31T10:00:00.000Z'],
    ['2026-03-31T10:00:00.000Z', 'P1M', '2026-02-28T10:00:00.000Z'],
    ['2029-02-28T10:00:00.000Z', 'P1Y', '2028-02-28T10:00:00.000Z'],
    ['2026-01-10T10:00:00.000Z', 'P1Y6M', '2024-07-10T10:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'P30D', '2025-12-02T00:00:00.000Z'],
    ['2026-01-01T06:00:00.000Z', 'PT12H', '2025-12-31T18:00:00.000Z'],
  ])('%s - %s = %s', (end, duration, start) => {
    expect(subtractDuration(new Date(end), duration)?.toISOString()).toBe(start);
  });

  test.each(['P', 'P-3Y', 'three years'])('rejects %j', (duration) => {
    expect(subtractDuration(new Date('2026-01-15T10:00:00.000Z'), duration)).toBeUndefined();
  });
});
