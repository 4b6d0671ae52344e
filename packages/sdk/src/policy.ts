import type {
  ConsentryPolicy,
  GuardMapping,
  SinkMapping,
  SourceMapping,
} from './policy-document.js';

// The generated type itself, so that `Purpose['kind']` and this export are one type in the API.
export type { PurposeKind } from './policy-document.js';

/** A readonly view of `T`, all the way down, as a `const` declaration infers it. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** Any Consentry policy, as written in TypeScript or loaded from YAML: the schema's shape, readonly. */
export type PolicyDefinition = DeepReadonly<ConsentryPolicy>;

/** The purpose ids a policy declares, as a union of string literals. */
export type PurposeId<P extends PolicyDefinition> = Extract<keyof P['purposes'], string>;

/** The tier ids a policy declares, as a union of string literals. */
export type TierId<P extends PolicyDefinition> = Extract<keyof P['tiers'], string>;

/** The property of a subject that holds its tier id: the policy's `tierField`, or `tier`. */
export type TierField<P extends PolicyDefinition> = P extends {
  readonly tierField: infer F extends string;
}
  ? F
  : 'tier';

/** The personal-data category ids a policy declares, as a union of string literals. */
export type CategoryId<P extends PolicyDefinition> = Extract<keyof P['categories'], string>;

/** The data-subject kind ids a policy declares (users, minors…), as a union of string literals. */
export type SubjectId<P extends PolicyDefinition> = Extract<keyof P['subjects'], string>;

/** The tier ids a purpose sets guarantees under. */
export type TierKeysOf<Pu> = Pu extends { readonly tiers?: infer T } ? keyof NonNullable<T> : never;

/** The compile error for a guarantee under a tier the policy does not declare: the message is the type. */
export type UnknownTier<T extends PropertyKey> =
  `Unknown tier \`${Extract<T, string>}\`: declare it under the policy's \`tiers\`, or use a declared tier id`;

/** A purpose's references (categories, subjects, tier keys), checked against the policy's ids. */
export type CheckedPurpose<P extends PolicyDefinition, Pu> = {
  readonly categories: readonly CategoryId<P>[];
  readonly subjects: readonly SubjectId<P>[];
  readonly tiers?: {
    readonly [T in TierKeysOf<Pu>]: T extends TierId<P> ? unknown : UnknownTier<T>;
  };
};

/** A readonly mapping whose `K` field must be one of the policy's ids. */
export type WithId<T, K extends keyof T, Id> = Omit<DeepReadonly<T>, K> & {
  readonly [Key in K]: Id;
};

/** A policy's code mappings, each naming a declared category or purpose. */
export type CheckedCode<P extends PolicyDefinition> = {
  readonly sources?: readonly WithId<SourceMapping, 'category', CategoryId<P>>[];
  readonly sinks?: readonly WithId<SinkMapping, 'purpose', PurposeId<P>>[];
  readonly guards?: readonly WithId<GuardMapping, 'purpose', PurposeId<P>>[];
};

/** The cross-references of a policy (categories, subjects, tier keys, code mappings), checked against its own ids. */
export type CheckedPolicy<P extends PolicyDefinition> = {
  readonly purposes: { readonly [K in keyof P['purposes']]: CheckedPurpose<P, P['purposes'][K]> };
  readonly code?: CheckedCode<P>;
};

/** Declares a policy in TypeScript: ids are inferred as literal unions, references to unknown ids fail to compile, and the same object comes back deep-frozen. */
export function definePolicy<const P extends PolicyDefinition>(policy: P & CheckedPolicy<P>): P {
  return deepFreeze(policy);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}
