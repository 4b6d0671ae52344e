/**
 * Guard facts per subject as tier bitmasks: which tiers the subject may be on along a path, and for
 * which of those tiers each purpose has been established as allowed. A tier outside `possible`
 * counts as allowed vacuously when paths join.
 */
export interface GuardFacts {
  readonly possible: number;
  readonly allowed: ReadonlyMap<string, number>;
}

/** Facts of a subject nothing is known about yet: every tier possible, nothing allowed. */
export function unknownFacts(all: number): GuardFacts {
  return { possible: all, allowed: new Map() };
}

/** Facts that hold after either of two paths. */
export function joinFacts(a: GuardFacts, b: GuardFacts): GuardFacts {
  const possible = a.possible | b.possible;
  const allowed = new Map<string, number>();
  for (const purpose of new Set([...a.allowed.keys(), ...b.allowed.keys()])) {
    const left = (a.allowed.get(purpose) ?? 0) | ~a.possible;
    const right = (b.allowed.get(purpose) ?? 0) | ~b.possible;
    const mask = left & right & possible;
    if (mask !== 0) allowed.set(purpose, mask);
  }
  return { possible, allowed };
}

/** Facts that hold when both hold (a stamp carried by data, read under a path's facts). */
export function meetFacts(a: GuardFacts, b: GuardFacts): GuardFacts {
  const possible = a.possible & b.possible;
  const allowed = new Map<string, number>();
  for (const purpose of new Set([...a.allowed.keys(), ...b.allowed.keys()])) {
    const mask = ((a.allowed.get(purpose) ?? 0) | (b.allowed.get(purpose) ?? 0)) & possible;
    if (mask !== 0) allowed.set(purpose, mask);
  }
  return { possible, allowed };
}

/** Facts with `purposes` allowed for the tiers in `mask`. */
export function allowFacts(
  facts: GuardFacts,
  purposes: readonly string[],
  mask: number,
): GuardFacts {
  const allowed = new Map(facts.allowed);
  for (const purpose of purposes) {
    allowed.set(purpose, ((allowed.get(purpose) ?? 0) | mask) & facts.possible);
  }
  return { possible: facts.possible, allowed };
}

/** Facts restricted to the tiers in `mask` (a condition on the subject's tier). */
export function restrictFacts(facts: GuardFacts, mask: number): GuardFacts {
  const possible = facts.possible & mask;
  const allowed = new Map<string, number>();
  for (const [purpose, tiers] of facts.allowed) {
    if ((tiers & possible) !== 0) allowed.set(purpose, tiers & possible);
  }
  return { possible, allowed };
}

/** Whether two facts are the same. */
export function sameFacts(a: GuardFacts, b: GuardFacts): boolean {
  if (a.possible !== b.possible || a.allowed.size !== b.allowed.size) return false;
  for (const [purpose, mask] of a.allowed) if (b.allowed.get(purpose) !== mask) return false;
  return true;
}

/** The tiers allowed for any of `purposes`. */
export function allowedFor(facts: GuardFacts, purposes: readonly string[]): number {
  let mask = 0;
  for (const purpose of purposes) mask |= facts.allowed.get(purpose) ?? 0;
  return mask & facts.possible;
}
