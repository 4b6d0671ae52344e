import { defaultCategory } from '../catalogue/sdk.js';

/** Names tiers for a message: "the free tier", "the free and pro tiers", "every tier" when none are named. */
export function describeTiers(tiers: readonly string[]): string {
  if (tiers.length === 0) return 'every tier';
  if (tiers.length === 1) return `the ${tiers[0]} tier`;
  return `the ${tiers.slice(0, -1).join(', ')} and ${tiers[tiers.length - 1]} tiers`;
}

/** Names categories in a flow note or message: "conversation-content", "contact, usage". */
export function describeCategories(categories: readonly string[] | undefined): string {
  return categories === undefined || categories.length === 0
    ? defaultCategory
    : categories.join(', ');
}
