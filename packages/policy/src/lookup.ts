import type { Category, ConsentryPolicy, Purpose, Tier } from '@consentry/sdk';
import { didYouMean, listOf } from './suggest.js';

function entry<T>(collection: { readonly [id: string]: T | undefined }, id: string): T | undefined {
  return Object.hasOwn(collection, id) ? collection[id] : undefined;
}

function unknown(kind: string, id: string, declared: readonly string[]): Error {
  return new RangeError(
    `unknown ${kind} "${id}"${didYouMean(id, declared)}; the policy declares ${declared.length === 0 ? 'none' : listOf(declared)}`,
  );
}

/** The purpose with this id, or undefined when the policy does not declare it. */
export function getPurpose(policy: ConsentryPolicy, id: string): Purpose | undefined {
  return entry(policy.purposes, id);
}

/** The purpose with this id; throws a RangeError naming the declared purposes when it is absent. */
export function getPurposeOrThrow(policy: ConsentryPolicy, id: string): Purpose {
  const purpose = getPurpose(policy, id);
  if (purpose === undefined) throw unknown('purpose', id, Object.keys(policy.purposes));
  return purpose;
}

/** The tier with this id, or undefined when the policy does not declare it. */
export function getTier(policy: ConsentryPolicy, id: string): Tier | undefined {
  return entry(policy.tiers, id);
}

/** The tier with this id; throws a RangeError naming the declared tiers when it is absent. */
export function getTierOrThrow(policy: ConsentryPolicy, id: string): Tier {
  const tier = getTier(policy, id);
  if (tier === undefined) throw unknown('tier', id, Object.keys(policy.tiers));
  return tier;
}

/** The data category with this id, or undefined when the policy does not declare it. */
export function getCategory(policy: ConsentryPolicy, id: string): Category | undefined {
  return entry(policy.categories, id);
}

/** The data category with this id; throws a RangeError naming the declared ones when absent. */
export function getCategoryOrThrow(policy: ConsentryPolicy, id: string): Category {
  const category = getCategory(policy, id);
  if (category === undefined) throw unknown('category', id, Object.keys(policy.categories));
  return category;
}
