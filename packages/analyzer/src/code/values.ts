import type { FlowStep } from '../findings.js';
import type { CallKind } from './classify.js';
import { type GuardFacts, joinFacts, sameFacts } from './lattice.js';
import type { Taint } from './taint.js';
import type { Unit } from './units.js';

export type { ParamOrigin, StoredOrigin, Taint, UnitRef } from './taint.js';

/** A consent check's outcome (or an assertion, or a decision) about one subject. */
export interface CheckFact {
  readonly subject: string;
  readonly purposes: readonly string[];
  /** Tiers for which a true outcome establishes the purposes. */
  readonly mask: number;
  /** The outcome is still a Promise (an async check not awaited). */
  readonly pending: boolean;
  /** The value is the negation of the check. */
  readonly negated: boolean;
  readonly label: string;
  /** Where the check is written, for the flow of a finding it only partly guards. */
  readonly site?: FlowStep;
}

/** A function value created inside the analysed function (arrow function, function expression). */
export interface Closure {
  readonly node: import('ts-morph').ts.SignatureDeclaration;
  /** The variables and guard facts where the closure was created. */
  readonly env: ReadonlyMap<string, Value>;
  readonly subjects: ReadonlyMap<string, GuardFacts>;
  /** Captured `let`/`var` bindings assigned again after the closure was created. */
  readonly unstable: ReadonlySet<string>;
}

/** The abstract value of an expression. */
export interface Value {
  readonly taints: readonly Taint[];
  /** The subject the value is (or is about), as an access path. */
  readonly identity?: string;
  /** The identity came from an id field or a loader call, so elements share it. */
  readonly linked?: boolean;
  readonly check?: CheckFact;
  /** A consent decision object (`Consent.decide`): `.allowed` and `.reason` give checks. */
  readonly decision?: CheckFact;
  /** `decision.reason`: compared with reasons that mean allowed. */
  readonly reasonOf?: CheckFact;
  /** An async assertion (`require`), effective once awaited. */
  readonly assertion?: CheckFact;
  /** The value is the tier field of this subject. */
  readonly tierOf?: string;
  /** The value is true only when the subject's tier is in `mask` (`user.tier !== 'free'`). */
  readonly tierTest?: { readonly subject: string; readonly mask: number };
  readonly literals?: readonly string[];
  readonly bool?: boolean;
  readonly fields?: ReadonlyMap<string, Value>;
  /** The value is personal data through and through (read from a personal field), not a record with some personal fields. */
  readonly personalContent?: boolean;
  readonly closure?: Closure;
  readonly functions?: readonly Unit[];
  /** The function is a plugin wrapped to share its parent's scope (`fp(plugin)`). */
  readonly sharesScope?: true;
  /** Guard facts per subject that hold whenever the value is truthy (`ok ? row : undefined`, `a || b`). */
  readonly truthy?: ReadonlyMap<string, GuardFacts>;
  /** Guard facts per subject that hold whenever the value is falsy. */
  readonly falsy?: ReadonlyMap<string, GuardFacts>;
  /** SDK route middleware that checks these purposes for the request's subject. */
  readonly middleware?: readonly string[];
  /**
   * For a collection: the shape of the records written into it (object literals pushed), so an
   * element read back keeps only the data of the fields taken from it.
   */
  readonly element?: Value;
  /**
   * The value names a file: a key built from literals, `tmpdir()`, `mkdtemp` call sites and
   * `path.join` of them, so the same path written and read later is the same file.
   */
  readonly path?: string;
  /** The value is a stream or handle writing to the file `path` names (`createWriteStream`). */
  readonly writes?: true;
  /** The value is an environment variable, as written (`process.env.TRAINING_FILE_ID`). */
  readonly environment?: string;
  /** Data sent to a sink already: a vendor handle (a file id) carries it to the job it starts. */
  readonly handle?: true;
  /**
   * An instance of a project class (`new Transcript(rows)`): the constructor and the arguments it
   * was given, so data the constructor stored in fields and a getter or method returns is this
   * instance's.
   */
  readonly instances?: readonly Instance[];
  /**
   * A function an invoker bound (`queue.add.bind(queue)`): calling it is calling what the
   * target is, with `this` and the arguments given to the invoker first.
   */
  readonly bound?: {
    readonly target: CallKind;
    readonly args: readonly Value[];
    readonly receiver?: Value;
  };
  /** For an array literal without spreads: its elements' values, by position. */
  readonly items?: readonly Value[];
  /** Operators over iterables, in the order they run (`map(fn)`, or `pipe(map(f), filter(g))`). */
  readonly operators?: readonly IterableOperator[];
  /**
   * Why the analysis cannot say where the value's data comes from (a path it cannot resolve, a
   * dynamic import, a call without declarations), when it cannot: a training call given only
   * such data is reported as untraced.
   */
  readonly untraced?: string;
  /**
   * The function a method of an object literal it builds reads this from (`exchange` in
   * `makeFlusher(exchange)` returning `{ flush() { … exchange.prompt … } }`): the method is
   * evaluated on its own, without the guards of the code that called that function.
   */
  readonly capturedFrom?: string;
}

/**
 * An operator over iterables a library function made from a callback (`map(fn)`, `filter(fn)`):
 * `pipe(rows, map(fn))` runs the callback on each element, like the array method of that role.
 */
export interface IterableOperator {
  readonly selects: boolean;
  readonly callback: Value;
  readonly node: import('ts-morph').ts.CallExpression;
}

/** One construction of a project class: its constructor and the arguments the caller passed. */
export interface Instance {
  readonly constructorId: number;
  readonly args: readonly Value[];
}

const paramFilePrefix = 'param-file:';

/**
 * The key of the stand-in for what a file named by a parameter holds (`readFile(path)` in
 * `readDataset(path)`): not data itself, it is resolved at each call against what the caller
 * wrote to the path it passes (the summary's `returnsFiles`), and never reaches a sink as such.
 */
export function paramFileKey(unit: number, path: string): string {
  return `${paramFilePrefix}${unit}|${path}`;
}

/** The path key a stand-in taint of `paramFileKey` is about, or undefined for real data. */
export function paramFileOf(taint: Taint): string | undefined {
  if (!taint.key.startsWith(paramFilePrefix)) return undefined;
  return taint.key.slice(taint.key.indexOf('|') + 1);
}

/** The value that holds nothing of interest. */
export const emptyValue: Value = { taints: [] };

const maxTaints = 24;
const maxTrail = 16;

/** Appends a step to a trail, keeping its start and its end when it gets long. */
export function extendTrail(trail: readonly FlowStep[], step: FlowStep): FlowStep[] {
  const last = trail[trail.length - 1];
  if (last && last.file === step.file && last.line === step.line && last.note === step.note) {
    return [...trail];
  }
  const next = [...trail, step];
  if (next.length <= maxTrail) return next;
  return [...next.slice(0, 3), ...next.slice(next.length - (maxTrail - 3))];
}

/** Unions taint lists, merging facts of the same origin and subject. */
export function unionTaints(...lists: (readonly Taint[])[]): Taint[] {
  const byKey = new Map<string, Taint>();
  for (const list of lists) {
    for (const taint of list) {
      const key = `${taint.key}\u0000${taint.subject}`;
      const existing = byKey.get(key);
      if (existing === undefined) {
        byKey.set(key, taint);
        continue;
      }
      // Two copies of one datum hold what either holds: the union of their categories and of
      // the fields they came through (undefined, not narrowed, wins).
      const categories = unionCategories(existing.categories, taint.categories);
      const via = unionCategories(existing.via, taint.via);
      const fields = unionCategories(existing.fields, taint.fields);
      if (
        !sameFacts(existing.facts, taint.facts) ||
        categories !== existing.categories ||
        via !== existing.via ||
        fields !== existing.fields
      ) {
        const { categories: _categories, via: _via, fields: _fields, ...rest } = existing;
        byKey.set(key, {
          ...rest,
          facts: joinFacts(existing.facts, taint.facts),
          ...(categories === undefined ? {} : { categories }),
          ...(via === undefined ? {} : { via }),
          ...(fields === undefined ? {} : { fields }),
        });
      }
    }
  }
  const merged = [...byKey.values()];
  return merged.length > maxTaints ? merged.slice(0, maxTaints) : merged;
}

/** The categories (or fields) of two copies of one datum: undefined (not narrowed) wins. */
function unionCategories(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): readonly string[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (b.every((category) => a.includes(category))) return a;
  return [...new Set([...a, ...b])].sort();
}

/**
 * A datum narrowed to the categories `to` (a projection, or what a callee kept of an argument):
 * the categories it had that remain, or `to` when it had none in common (its categories were
 * not known precisely).
 */
export function narrowTaint(taint: Taint, to: readonly string[] | undefined): Taint {
  // No categories (a parameter read through fields): the data's own categories stand.
  if (to === undefined || to.length === 0) return taint;
  const kept = taint.categories?.filter((category) => to.includes(category));
  // The same datum when nothing is narrowed: evaluations compare data by identity to converge.
  if (kept !== undefined && kept.length === taint.categories?.length) return taint;
  return { ...taint, categories: kept !== undefined && kept.length > 0 ? kept : [...to] };
}

/** Joins two values at a merge point. */
export function joinValues(a: Value, b: Value): Value {
  if (a === b) return a;
  const taints = unionTaints(a.taints, b.taints);
  const result: {
    -readonly [K in keyof Value]: Value[K];
  } = { taints };
  if (a.identity !== undefined && a.identity === b.identity) {
    result.identity = a.identity;
    if (a.linked && b.linked) result.linked = true;
  }
  if (a.check && b.check && sameCheck(a.check, b.check)) result.check = a.check;
  // `false` on the other path never lets anything through: the value is still true only if allowed.
  if (a.check && !a.check.negated && b.bool === false && !b.check) result.check = a.check;
  if (b.check && !b.check.negated && a.bool === false && !a.check) result.check = b.check;
  if (a.decision && b.decision && sameCheck(a.decision, b.decision)) result.decision = a.decision;
  if (a.tierOf !== undefined && a.tierOf === b.tierOf) result.tierOf = a.tierOf;
  if (a.path !== undefined && a.path === b.path) {
    result.path = a.path;
    if (a.writes && b.writes) result.writes = true;
  }
  if (a.personalContent || b.personalContent) result.personalContent = true;
  const untraced = a.untraced ?? b.untraced;
  if (untraced !== undefined) result.untraced = untraced;
  // `process.env.ID ?? 'file-seed'`: still the environment's, with a literal default.
  const environment = a.environment ?? b.environment;
  if (environment !== undefined) result.environment = environment;
  if (a.tierTest && b.tierTest && a.tierTest.subject === b.tierTest.subject) {
    result.tierTest = { subject: a.tierTest.subject, mask: a.tierTest.mask | b.tierTest.mask };
  }
  if (a.closure && a.closure === b.closure) result.closure = a.closure;
  if (a.operators && a.operators === b.operators) result.operators = a.operators;
  if (a.bound && a.bound === b.bound) result.bound = a.bound;
  if (a.truthy && a.truthy === b.truthy) result.truthy = a.truthy;
  if (a.falsy && a.falsy === b.falsy) result.falsy = a.falsy;
  if (a.instances || b.instances)
    result.instances = [...(a.instances ?? []), ...(b.instances ?? [])];
  if (a.functions || b.functions)
    result.functions = [...(a.functions ?? []), ...(b.functions ?? [])];
  if (a.literals && b.literals) result.literals = [...new Set([...a.literals, ...b.literals])];
  // An empty collection on one path (before the first push) adds no records.
  if (a.element && b.element) result.element = joinValues(a.element, b.element);
  else if (a.element && b.taints.length === 0 && !b.fields) result.element = a.element;
  else if (b.element && a.taints.length === 0 && !a.fields) result.element = b.element;
  if (a.fields && b.fields) {
    const fields = new Map<string, Value>();
    for (const [name, value] of a.fields) {
      const other = b.fields.get(name);
      fields.set(name, other ? joinValues(value, other) : value);
    }
    for (const [name, value] of b.fields) if (!fields.has(name)) fields.set(name, value);
    result.fields = fields;
  }
  return result;
}

function sameCheck(a: CheckFact, b: CheckFact): boolean {
  return (
    a.subject === b.subject &&
    a.negated === b.negated &&
    a.pending === b.pending &&
    a.mask === b.mask &&
    a.purposes.join() === b.purposes.join()
  );
}

/** A value holding the taints of all the given values and nothing else. */
export function mergeTaints(values: readonly Value[]): Value {
  const taints = unionTaints(...values.map((value) => value.taints));
  const untraced = values.find((value) => value.untraced !== undefined)?.untraced;
  return untraced === undefined ? { taints } : { taints, untraced };
}

/**
 * The value an options object holds at a dotted path (`trainingDataConfig.s3Uri`): the whole
 * value where its fields are not known, nothing where a known object lacks the option.
 */
export function optionOf(value: Value | undefined, path: string | undefined): Value | undefined {
  if (value === undefined || path === undefined) return value;
  let current = value;
  for (const name of path.split('.')) {
    if (!current.fields) return current;
    const next = current.fields.get(name);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

/** The value with `map` applied to its taints, its fields' taints and its records' taints. */
export function mapValueTaints(value: Value, map: (taints: readonly Taint[]) => Taint[]): Value {
  const result: { -readonly [K in keyof Value]: Value[K] } = {
    ...value,
    taints: map(value.taints),
  };
  if (value.fields) {
    result.fields = new Map(
      [...value.fields].map(([name, field]) => [name, mapValueTaints(field, map)]),
    );
  }
  if (value.element) result.element = mapValueTaints(value.element, map);
  return result;
}

/** Whether every datum of `taints` is held by the record shape `element` (or its fields). */
export function shapeCovers(element: Value, taints: readonly Taint[]): boolean {
  const keys = new Set<string>();
  const collect = (value: Value) => {
    for (const taint of value.taints) keys.add(taint.key);
    for (const field of value.fields?.values() ?? []) collect(field);
  };
  collect(element);
  return taints.every((taint) => keys.has(taint.key));
}
