import { ts } from 'ts-morph';
import type { GuardEvidence } from '../../code-evidence.js';
import type { FlowStep, Location } from '../../findings.js';
import { relativePath } from '../../paths.js';
import type { CallClassifier, CallKind } from '../classify.js';
import type {
  AnalysisIncompleteEvent,
  CheckCallEvent,
  UnguardedFlowEvent,
  UntracedTrainingEvent,
} from '../events.js';
import {
  allowFacts,
  type GuardFacts,
  meetFacts,
  restrictFacts,
  sameFacts,
  unknownFacts,
} from '../lattice.js';
import { type AnalysisLimits, EvaluationBudget } from '../limits.js';
import type { CodeModel } from '../model.js';
import type { TypeOracle } from '../type-oracle.js';
import type {
  MountedGuard,
  ParamCalls,
  PassedFunction,
  Precondition,
  Summary,
  Unit,
} from '../units.js';
import { type CheckFact, type Closure, mapValueTaints, type Taint, type Value } from '../values.js';
import { policyPurposes } from './purpose-params.js';
import type { Frame, State } from './state.js';
import { shorten } from './syntax.js';

/** What one evaluation of a unit hands back to the driver. */
export interface UnitResult {
  readonly summary: Summary;
  /** Field writes, by class and field, to merge into the shared field store. */
  readonly fieldWrites: ReadonlyMap<ts.ClassLikeDeclaration, ReadonlyMap<string, readonly Taint[]>>;
  /** Preconditions found for parameters of other units (data stored in a field). */
  readonly external: readonly { readonly unit: Unit; readonly precondition: Precondition }[];
}

/** Things the interpreter needs from the driver. */
export interface InterpreterHost {
  readonly oracle: TypeOracle;
  readonly model: CodeModel;
  readonly classifier: CallClassifier;
  readonly root: string;
  /** Names of members that may be personal (marked, or declared in the policy); others need no lookup. */
  readonly personalMemberNames: ReadonlySet<string>;
  /** Names some project getter is declared under: a read of another name runs no getter. */
  readonly getterNames: ReadonlySet<string>;
  unitOf(node: ts.Node): Unit | undefined;
  fieldStore(classNode: ts.ClassLikeDeclaration, field: string): readonly Taint[];
  /** Data emitted on an event channel (`bus.emit('row', data)`), for its listeners. */
  channel(key: string): readonly Taint[];
  /** Records data emitted on an event channel. */
  writeChannel(key: string, taints: readonly Taint[]): void;
  /** Data written to the file a path key names, read by `reader` (evaluated again when it grows). */
  file(key: string, reader: Unit): readonly Taint[];
  /** Records data written to the file a path key names. */
  writeFile(key: string, taints: readonly Taint[]): void;
  emitFlow(event: UnguardedFlowEvent): void;
  /** Reports a training call whose data the analysis cannot trace to any source. */
  emitUntraced(event: UntracedTrainingEvent): void;
  emitCheck(event: CheckCallEvent): void;
  emitPurpose(location: Location, purpose: string): void;
  /**
   * The request parameter of a request handler of file-based routing (a Next.js route handler or
   * `middleware`): what it loads from that request is the request's subject.
   */
  requestParam(unit: Unit): string | undefined;
  /** Records that a unit is called by code we do not see with parameter `param` already allowed. */
  guardEntry(unit: Unit, param: number, purposes: readonly string[]): void;
  /**
   * The purposes the guards before every mount of a group (a router or sub-app, by its
   * declaration) let requests go on for: its routes start behind them. `reader` registers routes
   * on the group and is evaluated again when its mounts change.
   */
  groupGuards(declaration: ts.Node, reader: Unit): readonly string[] | undefined;
  /** Records that a group is mounted at `site` behind guards that allow `purposes`. */
  mountGroup(declaration: ts.Node, site: string, purposes: readonly string[]): void;
  /**
   * Records that a plugin is registered at `site` on an instance (or a helper handed one there)
   * whose guards let requests go on only for `purposes` (and `mounted`, under their paths);
   * evaluates the unit again when that changes.
   */
  pluginEntry(
    unit: Unit,
    site: string,
    param: number,
    purposes: readonly string[],
    mounted?: readonly MountedGuard[],
  ): void;
  /**
   * Records the hooks a unit's body added on the instances it owns (`Unit.instanceHooks`);
   * evaluates the unit again when they changed, so its routes start behind all of them.
   */
  instanceHooks(unit: Unit, hooks: Unit['instanceHooks']): void;
  /** Evidence for the record of processing: a sink, what reaches it, and which tiers unguarded. */
  recordSink(at: Location, seen: SinkSeen): void;
  /** Evidence for the record of processing: a guard and the tiers it establishes its purposes for. */
  recordGuard(guard: GuardEvidence): void;
  /** The limits of one unit's evaluation; the defaults when absent. */
  readonly limits?: AnalysisLimits;
  /** Reports a part of the code a limit kept the evaluation from following. */
  emitIncomplete?(event: AnalysisIncompleteEvent): void;
}

/** What the interpreter saw at a sink, merged by the driver into the sink's evidence. */
export interface SinkSeen {
  readonly symbol?: string;
  readonly sink?: string;
  readonly purposes?: readonly string[];
  readonly categories?: readonly string[];
  readonly unguardedTiers?: readonly string[];
  /** Why the data of a training call is not traced, when it is not. */
  readonly untraced?: string;
}

/**
 * What every part of the interpreter shares: the unit, the driver, the per-unit results, and the
 * guard facts of a path. Each part (statements, conditions, expressions, calls, sinks, library
 * calls, personal types) is one class in this chain; the abstract methods below are the seams
 * where an earlier part calls a later one.
 */
export abstract class InterpreterCore {
  /** Steps and nesting of this evaluation, against the limits (`--limit steps`, `depth`). */
  protected readonly budget: EvaluationBudget;
  protected readonly preconditions = new Map<string, Precondition>();
  /**
   * While the summary of a function this unit's caller passed in is applied (`handle(row)`),
   * or one this unit passes on: which, for the preconditions it lifts to the parameters.
   */
  protected through: PassedFunction | undefined;
  protected readonly fieldWrites = new Map<ts.ClassLikeDeclaration, Map<string, Taint[]>>();
  /** Data written to files named by parameters or locals, by path key, for the summary. */
  protected readonly fileWrites = new Map<string, Taint[]>();
  protected readonly external: { unit: Unit; precondition: Precondition }[] = [];
  /**
   * Calls of a parameter with no argument (`next()`, a continuation), by parameter index: the
   * purposes the first parameter's subject allowed for every tier at all of them.
   */
  protected readonly continuations = new Map<number, readonly string[]>();
  /**
   * Calls of a function parameter made here (`fn(row)`), by parameter index: per argument
   * position, the guard facts of what is handed there, joined over the calls (`callsParams`).
   */
  protected readonly paramCalls = new Map<number, ParamCalls>();
  /**
   * Calls of a function an options parameter holds (`options.onItem(item)`), by
   * `index.member`: as `paramCalls` (`callsParamMembers`).
   */
  protected readonly memberCalls = new Map<string, ParamCalls>();
  /**
   * While the function a wrapper returns is evaluated: its parameters' names, and the calls of
   * the wrapper's parameters seen, by parameter index, with what each argument is allowed for.
   */
  protected wrapped:
    | { readonly params: ReadonlySet<string>; readonly calls: Map<number, string[][]> }
    | undefined;
  /** The categories of personal data each type holds, shared by every unit's evaluation. */
  protected readonly personalTypes: Map<number, readonly string[]>;
  /** Closures being evaluated, to cut recursion. */
  protected readonly active = new Set<ts.Node>();
  protected readonly all: number;

  constructor(
    protected readonly host: InterpreterHost,
    protected readonly unit: Unit,
    protected readonly report: boolean,
    personalTypes: Map<number, readonly string[]>,
  ) {
    this.all = host.model.allTiers;
    this.personalTypes = personalTypes;
    this.budget = new EvaluationBudget(host.limits);
  }

  /** Evaluates an expression on a path (expressions.ts). */
  protected abstract expression(expression: ts.Expression, state: State, frame: Frame): Value;
  /** Splits a state by a condition (conditions.ts). */
  protected abstract cond(expression: ts.Expression, state: State, frame: Frame): [State, State];
  /** Binds a name to a value (expressions.ts). */
  protected abstract assignName(name: string, value: Value, state: State, at: ts.Node): void;
  /** Binds a destructuring pattern to a value (expressions.ts). */
  protected abstract bindPattern(
    pattern: ts.BindingName,
    value: Value,
    state: State,
    at: ts.Node,
  ): void;
  /** A function expression or nested declaration with the state it closes over (expressions.ts). */
  protected abstract closure(node: ts.SignatureDeclaration, state: State): Closure;
  /** An element of a collection (library-calls.ts). */
  protected abstract element(collection: Value, name: string | undefined): Value;
  /** Evaluates a call or `new` (calls.ts). */
  protected abstract call(
    node: ts.CallExpression | ts.NewExpression,
    state: State,
    frame: Frame,
  ): Value;
  /** A call of library or unknown code (library-calls.ts). */
  protected abstract library(
    kind: CallKind,
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value;

  /** Adds facts known to hold on a path (from a stored condition's value) to the state. */
  protected meetAll(state: State, facts: ReadonlyMap<string, GuardFacts>): void {
    for (const [subject, known] of facts) {
      const key = state.aliases.get(subject) ?? subject;
      state.subjects.set(key, meetFacts(this.facts(state, subject), known));
    }
  }

  /** The subjects whose facts differ in `after` from `before`, with their facts in `after`. */
  protected changedFacts(
    before: ReadonlyMap<string, GuardFacts>,
    after: State,
  ): ReadonlyMap<string, GuardFacts> | undefined {
    if (!after.reachable) return undefined;
    const changed = new Map<string, GuardFacts>();
    for (const [subject, facts] of after.subjects) {
      if (!sameFacts(facts, before.get(subject) ?? unknownFacts(this.all)))
        changed.set(subject, facts);
    }
    return changed.size > 0 ? changed : undefined;
  }

  protected tierMask(tiers: readonly string[]): number {
    return tiers.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
  }

  protected restrict(state: State, subject: string, mask: number): void {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, restrictFacts(this.facts(state, subject), mask));
  }

  protected allow(state: State, subject: string, purposes: readonly string[], mask: number): void {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, allowFacts(this.facts(state, subject), purposes, mask));
  }

  /** The index of the parameter whose name roots a subject key, or -1. */
  protected paramOfSubject(subject: string): number {
    const root = subject.split('.')[0] ?? '';
    if (root === '') return -1;
    return this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === root,
    );
  }

  protected recordGuard(
    at: FlowStep,
    guard: string,
    purposes: readonly string[],
    tiers: number,
  ): void {
    this.host.recordGuard({
      file: at.file,
      line: at.line,
      column: at.column,
      symbol: this.unit.name,
      guard,
      purposes: policyPurposes(purposes).sort(),
      tiers: this.host.model.tierNames(tiers),
    });
  }

  /** Two subjects compared equal by id are one person from here on. */
  protected alias(state: State, left: string, right: string): void {
    const a = state.aliases.get(left) ?? left;
    const b = state.aliases.get(right) ?? right;
    if (a === b) return;
    state.subjects.set(b, meetFacts(this.facts(state, a), this.facts(state, b)));
    for (const [key, target] of [...state.aliases]) if (target === a) state.aliases.set(key, b);
    state.aliases.set(a, b);
  }

  protected allowCheck(state: State, check: CheckFact): void {
    if (check.site) {
      const tiers = this.facts(state, check.subject).possible & check.mask;
      this.recordGuard(check.site, check.label, check.purposes, tiers);
    }
    this.allow(state, check.subject, check.purposes, check.mask);
    if (check.site)
      state.checkSites.set(state.aliases.get(check.subject) ?? check.subject, check.site);
  }

  /** Guard facts of a subject on a path; `a.b` falls back to `a` (a guard on a record covers its parts). */
  protected facts(state: State, subject: string): GuardFacts {
    let key = subject;
    for (;;) {
      const facts = state.subjects.get(state.aliases.get(key) ?? key);
      if (facts) return facts;
      const dot = key.lastIndexOf('.');
      if (dot < 0) return unknownFacts(this.all);
      key = key.slice(0, dot);
    }
  }

  protected replace(target: State, source: State): void {
    target.reachable = source.reachable || target.reachable;
    target.env = source.env;
    target.subjects = source.subjects;
    target.guards = source.guards;
  }

  /** Taints with the guard facts of the current path recorded on them (they travel with the data). */
  /** A value produced on one branch of a condition, with that branch's guard facts on its data. */
  protected stampBranch(value: Value, state: State): Value {
    if (value.taints.length === 0 && !value.fields && !value.element) return value;
    return mapValueTaints(value, (taints) => this.stamp(taints, state));
  }

  protected stamp(taints: readonly Taint[], state: State): Taint[] {
    return taints.map((taint) => ({
      ...taint,
      facts: meetFacts(taint.facts, this.facts(state, taint.subject)),
    }));
  }

  /** Whether a unit is the constructor of this unit's class (its parameters fill the fields). */
  protected constructorOfClass(unit: Unit): boolean {
    return (
      this.unit.classNode !== undefined &&
      unit.classNode === this.unit.classNode &&
      ts.isConstructorDeclaration(unit.node)
    );
  }

  protected stampValue(value: Value, state: State): Value {
    if (value.taints.length === 0) return value;
    // Another function's parameter is kept only when it is what this class's constructor stored
    // (the summary's `returnsStored`, resolved against the caller's instance).
    const taints = this.stamp(value.taints, state).filter(
      (taint) =>
        !taint.param ||
        taint.param.unit.id === this.unit.id ||
        this.constructorOfClass(taint.param.unit as Unit),
    );
    return { ...value, taints };
  }

  protected emitCheck(
    node: ts.Node,
    problem: CheckCallEvent['problem'],
    purposes: readonly string[],
  ): void {
    if (!this.report) return;
    this.host.emitCheck({
      location: this.location(node),
      problem,
      check: shorten(node.getText()),
      purposes: policyPurposes(purposes),
    });
  }

  /** A training call here whose data the analysis cannot trace: reported and recorded. */
  protected untracedTraining(
    node: ts.Node,
    sink: string,
    purposes: readonly string[],
    reason: string,
  ): void {
    const location = this.location(node);
    this.host.emitUntraced({ location, sink, purposes: [...purposes].sort(), reason });
    this.host.recordSink(location, { untraced: reason });
  }

  protected location(node: ts.Node): Location {
    const file = node.getSourceFile();
    const start = file.getLineAndCharacterOfPosition(node.getStart(file));
    const end = file.getLineAndCharacterOfPosition(node.getEnd());
    return {
      file: relativePath(this.host.root, file.fileName),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  }

  protected step(node: ts.Node, note: string): FlowStep {
    const { file, line, column } = this.location(node);
    return { file, line, column, note };
  }

  protected locKey(node: ts.Node): string {
    return `${node.getSourceFile().fileName}:${node.getStart()}`;
  }
}
