import { describe, expect, it } from 'vitest';
import {
  allowedFor,
  allowFacts,
  joinFacts,
  meetFacts,
  restrictFacts,
  unknownFacts,
} from '../../src/code/lattice.js';

// Three tiers: free = 1, pro = 2, team = 4.
const all = 0b111;
const free = 0b001;
const paid = 0b110;

describe('guard facts', () => {
  it('joins a guarded path with an unguarded one as unguarded', () => {
    const guarded = allowFacts(unknownFacts(all), ['model-training'], all);
    expect(allowedFor(joinFacts(guarded, unknownFacts(all)), ['model-training'])).toBe(0);
  });

  it('keeps the tiers a guard covered when the other path is another tier (the paid-only guard)', () => {
    const paidPath = allowFacts(restrictFacts(unknownFacts(all), paid), ['model-training'], all);
    const freePath = restrictFacts(unknownFacts(all), free);
    const joined = joinFacts(paidPath, freePath);
    expect(joined.possible).toBe(all);
    expect(allowedFor(joined, ['model-training'])).toBe(paid);
  });

  it('treats a path that excludes a tier as vacuously guarded for it', () => {
    const freeReturned = restrictFacts(unknownFacts(all), paid);
    const checked = allowFacts(freeReturned, ['model-training'], all);
    expect(allowedFor(joinFacts(checked, checked), ['model-training'])).toBe(paid);
    expect(joinFacts(checked, checked).possible).toBe(paid);
  });

  it('meets a stamp carried by data with the path: allowed tiers add up, possible tiers narrow', () => {
    const stamp = allowFacts(unknownFacts(all), ['model-training'], free);
    const path = allowFacts(restrictFacts(unknownFacts(all), paid), ['model-training'], 0b010);
    const met = meetFacts(stamp, path);
    expect(met.possible).toBe(paid);
    expect(allowedFor(met, ['model-training'])).toBe(0b010);
  });

  it('keeps purposes apart', () => {
    const analytics = allowFacts(unknownFacts(all), ['product-analytics'], all);
    expect(allowedFor(analytics, ['model-training'])).toBe(0);
    expect(allowedFor(analytics, ['model-training', 'product-analytics'])).toBe(all);
  });
});
