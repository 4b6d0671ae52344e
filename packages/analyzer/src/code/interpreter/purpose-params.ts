/**
 * A purpose a guard wrapper checks with one of its own parameters
 * (`withConsent(purpose, handler)` calling `consent.allows(user, purpose)`): it stands for the
 * literal its callers pass there, and is replaced by it where the wrapper is called. The prefix
 * cannot start a purpose id of a policy.
 */
const prefix = '\u0000param:';

/** The purpose that stands for what callers pass as parameter `index`. */
export function purposeParam(index: number): string {
  return `${prefix}${index}`;
}

/** The parameter a purpose stands for, or undefined for a purpose of the policy. */
export function purposeParamIndex(purpose: string): number | undefined {
  return purpose.startsWith(prefix) ? Number(purpose.slice(prefix.length)) : undefined;
}

/** The purposes of the policy among `purposes`, without those that stand for a parameter. */
export function policyPurposes(purposes: readonly string[]): string[] {
  return purposes.filter((purpose) => !purpose.startsWith(prefix));
}
