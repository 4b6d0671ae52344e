import type { CategoryId, PolicyDefinition, PurposeId } from './policy.js';

/** One marker recorded on a class member by `processes` or `personal`. */
export type MarkerEntry =
  | {
      readonly marker: 'processes';
      readonly member: string;
      readonly static: boolean;
      readonly purpose: string;
    }
  | {
      readonly marker: 'personal';
      readonly member: string;
      readonly static: boolean;
      readonly memberKind: 'field' | 'accessor' | 'method' | 'getter';
      readonly category: string;
    };

/** A TC39 method decorator that only records metadata. */
export type ProcessesDecorator = <This, A extends unknown[], R>(
  method: (this: This, ...args: A) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => R>,
) => void;

/** A TC39 decorator for a class field, accessor, getter or method that only records metadata. */
export interface PersonalDecorator {
  /** Marks a field. */
  <This, V>(value: undefined, context: ClassFieldDecoratorContext<This, V>): void;
  /** Marks an auto-accessor. */
  <This, V>(
    value: ClassAccessorDecoratorTarget<This, V>,
    context: ClassAccessorDecoratorContext<This, V>,
  ): void;
  /** Marks a getter's result. */
  <This, V>(value: (this: This) => V, context: ClassGetterDecoratorContext<This, V>): void;
  /** Marks a method's result. */
  // biome-ignore lint/suspicious/noExplicitAny: the lib constrains a method context to `...args: any`.
  <This, M extends (this: This, ...args: any) => unknown>(
    value: M,
    context: ClassMethodDecoratorContext<This, M>,
  ): void;
}

/** Decorators that tell the analyzer (and `getMarkers`) which code processes which purpose and which members hold personal data. */
export interface Markers<P extends PolicyDefinition> {
  /** Marks a method as processing its arguments for a purpose; no effect at run time beyond recording the marker. */
  processes(purpose: PurposeId<P>): ProcessesDecorator;
  /** Marks a class field, accessor, getter or method result as personal data of a category; records the marker only. */
  personal(category: CategoryId<P>): PersonalDecorator;
}

const metadataKey = Symbol.for('@consentry/sdk.markers');
const registered = new WeakMap<object, Map<string, MarkerEntry>>();

/**
 * Declaration merging registers the app's policy, so the exported `processes` and `personal` take
 * its ids: `declare module '@consentry/sdk' { interface Register { policy: typeof policy } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an app fills it by declaration merging.
export interface Register {}

/** The policy an app registered through `Register`, or any policy (string ids) when none is. */
export type RegisteredPolicy = Register extends {
  readonly policy: infer P extends PolicyDefinition;
}
  ? P
  : PolicyDefinition;

/** Marks a method as processing its arguments for a purpose; records the marker only. Typed by the registered policy. */
export function processes(purpose: PurposeId<RegisteredPolicy>): ProcessesDecorator {
  return (_method, context) => {
    if (context.kind !== 'method') {
      throw new TypeError('processes() decorates methods only.');
    }
    mark(context, {
      marker: 'processes',
      member: memberName(context.name),
      static: context.static,
      purpose,
    });
  };
}

/** Marks a class field, accessor, getter or method result as personal data of a category; records the marker only. Typed by the registered policy. */
export function personal(category: CategoryId<RegisteredPolicy>): PersonalDecorator {
  return (
    _value: unknown,
    context:
      | ClassFieldDecoratorContext
      | ClassAccessorDecoratorContext
      | ClassGetterDecoratorContext
      | ClassMethodDecoratorContext,
  ) => {
    if (!['field', 'accessor', 'getter', 'method'].includes(context.kind)) {
      throw new TypeError('personal() decorates fields, accessors, getters and methods only.');
    }
    mark(context, {
      marker: 'personal',
      member: memberName(context.name),
      static: context.static,
      memberKind: context.kind,
      category,
    });
  };
}

/** Creates the `processes` and `personal` decorators, typed by the policy's purpose and category ids. */
export function createMarkers<const P extends PolicyDefinition>(_policy: P): Markers<P> {
  return Object.freeze({ processes, personal }) as Markers<P>;
}

/** Lists the markers recorded on a class (or an instance's class) and its base classes, sorted by member and marker. */
export function getMarkers(target: object): readonly MarkerEntry[] {
  const found = new Map<string, MarkerEntry>();
  let current: unknown = typeof target === 'function' ? target : target.constructor;
  while (typeof current === 'function' && current !== Function.prototype) {
    for (const [key, entry] of registered.get(current) ?? []) {
      found.set(key, entry);
    }
    const metadata = (current as unknown as Record<symbol, unknown>)[metadataSymbol()];
    const entries =
      typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, metadataKey)
        ? ((metadata as Record<symbol, unknown>)[metadataKey] as MarkerEntry[])
        : [];
    for (const entry of entries) {
      found.set(entryKey(entry), entry);
    }
    current = Object.getPrototypeOf(current);
  }
  return [...found.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, entry]) => entry);
}

/** The part of a TC39 member decorator context that marking needs. */
interface MemberContext {
  readonly static: boolean;
  readonly metadata?: unknown;
  addInitializer(initializer: (this: unknown) => void): void;
}

function mark(context: MemberContext, entry: MarkerEntry): void {
  // Decorator metadata is there when the compiler provides Symbol.metadata (esbuild does, Node 20 does not).
  const metadata = context.metadata;
  if (typeof metadata === 'object' && metadata !== null) {
    const store = metadata as Record<symbol, MarkerEntry[]>;
    if (!Object.hasOwn(store, metadataKey)) {
      store[metadataKey] = [];
    }
    store[metadataKey]?.push(Object.freeze(entry));
  }
  // Without metadata, the first construction (or class definition, for static members) registers the class.
  context.addInitializer(function (this: unknown) {
    const owner = context.static ? this : (this as object).constructor;
    if (typeof owner !== 'function') {
      return;
    }
    let entries = registered.get(owner);
    if (entries === undefined) {
      entries = new Map();
      registered.set(owner, entries);
    }
    entries.set(entryKey(entry), Object.freeze(entry));
  });
}

function entryKey(entry: MarkerEntry): string {
  const label = entry.marker === 'processes' ? entry.purpose : entry.category;
  return `${entry.member}\u0000${entry.static ? 'static' : 'instance'}\u0000${entry.marker}\u0000${label}`;
}

function memberName(name: string | symbol): string {
  return typeof name === 'symbol' ? (name.description ?? 'symbol') : name;
}

function metadataSymbol(): symbol {
  return (Symbol as { metadata?: symbol }).metadata ?? Symbol.for('Symbol.metadata');
}
