import type { ts } from 'ts-morph';
import type { FlowStep } from '../../findings.js';
import { type GuardFacts, joinFacts } from '../lattice.js';
import { joinValues, type Value } from '../values.js';

/** Path state: variables' values and guard facts per subject; unreachable after return or throw. */
export class State {
  /** Subjects known to be the same person (`conversation.userId === user.id`), to a canonical key. */
  public aliases = new Map<string, string>();
  /** Where each subject was last checked, to show in the flow of a partly guarded finding. */
  public checkSites = new Map<string, FlowStep>();
  /** Route guards registered on every path to here (by key): one registered on some paths only does not guard. */
  public guards = new Set<string>();
  constructor(
    public reachable: boolean,
    public env: Map<string, Value>,
    public subjects: Map<string, GuardFacts>,
  ) {}
  clone(): State {
    const copy = new State(this.reachable, new Map(this.env), new Map(this.subjects));
    copy.aliases = new Map(this.aliases);
    copy.checkSites = new Map(this.checkSites);
    copy.guards = new Set(this.guards);
    return copy;
  }
  static unreachable(): State {
    return new State(false, new Map(), new Map());
  }
}

/** The state after paths meet: values and guard facts joined, aliases and route guards kept where all agree. */
export function joinStates(states: readonly State[]): State {
  const live = states.filter((state) => state.reachable);
  if (live.length === 0) return State.unreachable();
  if (live.length === 1) return live[0]!.clone();
  const [first, ...rest] = live;
  const result = first!.clone();
  for (const other of rest) {
    for (const [name, value] of other.env) {
      const mine = result.env.get(name);
      result.env.set(name, mine ? joinValues(mine, value) : value);
    }
    const keys = new Set([...result.subjects.keys(), ...other.subjects.keys()]);
    const subjects = new Map<string, GuardFacts>();
    for (const key of keys) {
      const a = result.subjects.get(key);
      const b = other.subjects.get(key);
      if (a && b) subjects.set(key, joinFacts(a, b));
      else {
        // A subject unknown on one side is unchecked there: nothing allowed, every tier possible.
        const known = a ?? b!;
        const joined = joinFacts(known, { possible: known.possible, allowed: new Map() });
        if (joined.allowed.size > 0 || joined.possible !== known.possible)
          subjects.set(key, joined);
      }
    }
    result.subjects = subjects;
    for (const [key, site] of other.checkSites) {
      if (!result.checkSites.has(key)) result.checkSites.set(key, site);
    }
    for (const key of [...result.guards]) {
      if (!other.guards.has(key)) result.guards.delete(key);
    }
    for (const [key, target] of [...result.aliases]) {
      if (other.aliases.get(key) !== target) result.aliases.delete(key);
    }
  }
  return result;
}

/** Where control goes from a statement: `return`, `break`, `continue` and `throw` targets. */
export interface Frame {
  /** Where `return` goes: values, states and the returned expression (none for `return;`). */
  returns: { value: Value; state: State; expression?: ts.Expression }[];
  breaks: State[][];
  continues: State[][];
  throws: State[][];
  depth: number;
}

/** The route guards registered on every path to a body's end: where it falls off and where it returns. */
export function guardsAtEnd(end: State, frame: Frame): Set<string> {
  return joinStates([end, ...frame.returns.map((entry) => entry.state)]).guards;
}
