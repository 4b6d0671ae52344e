import { ts } from 'ts-morph';
import type { GuardEvidence } from '../code-evidence.js';
import type { FlowStep, Location } from '../findings.js';
import { accessChain, type CallClassifier, type CallKind, sdkFactories } from './classify.js';
import type { CheckCallEvent, UnguardedFlowEvent } from './events.js';
import {
  allowedFor,
  allowFacts,
  type GuardFacts,
  joinFacts,
  meetFacts,
  restrictFacts,
  sameFacts,
  unknownFacts,
} from './lattice.js';
import type { CodeModel } from './model.js';
import type { OracleType, TypeOracle } from './type-oracle.js';
import {
  bodyOf,
  type GuardEffect,
  isAsyncFunction,
  type Precondition,
  type Summary,
  type Unit,
} from './units.js';
import {
  type CheckFact,
  type Closure,
  emptyValue,
  extendTrail,
  joinValues,
  mapValueTaints,
  mergeTaints,
  shapeCovers,
  type Taint,
  unionTaints,
  type Value,
} from './values.js';
import { walk } from './walk.js';

/** Reasons of a consent decision that mean the purpose is allowed. */
const allowedReasons = new Set([
  'opted-in',
  'not-objected',
  'objection-lapsed',
  'basis-needs-no-choice',
]);
/** Fields that link a record to the subject it is about (`conversation.userId`). */
const ownerFields = new Set([
  'id',
  'user',
  'userId',
  'owner',
  'ownerId',
  'author',
  'authorId',
  'subject',
  'subjectId',
  'customer',
  'customerId',
  'account',
  'accountId',
]);
const elementMethods = new Set([
  'map',
  'flatMap',
  'forEach',
  'filter',
  'find',
  'findLast',
  'some',
  'every',
  'reduce',
  'sort',
  'toSorted',
]);
const collectionWriters = new Set(['push', 'unshift', 'add', 'set', 'append', 'enqueue', 'write']);
const maxSteps = 200_000;
const maxClosureDepth = 6;

/** Path state: variables' values and guard facts per subject; unreachable after return or throw. */
class State {
  /** Subjects known to be the same person (`conversation.userId === user.id`), to a canonical key. */
  public aliases = new Map<string, string>();
  /** Where each subject was last checked, to show in the flow of a partly guarded finding. */
  public checkSites = new Map<string, FlowStep>();
  constructor(
    public reachable: boolean,
    public env: Map<string, Value>,
    public subjects: Map<string, GuardFacts>,
  ) {}
  clone(): State {
    const copy = new State(this.reachable, new Map(this.env), new Map(this.subjects));
    copy.aliases = new Map(this.aliases);
    copy.checkSites = new Map(this.checkSites);
    return copy;
  }
  static unreachable(): State {
    return new State(false, new Map(), new Map());
  }
}

function joinStates(states: readonly State[]): State {
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
    for (const [key, target] of [...result.aliases]) {
      if (other.aliases.get(key) !== target) result.aliases.delete(key);
    }
  }
  return result;
}

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
  unitOf(node: ts.Node): Unit | undefined;
  fieldStore(classNode: ts.ClassLikeDeclaration, field: string): readonly Taint[];
  /** Data emitted on an event channel (`bus.emit('row', data)`), for its listeners. */
  channel(key: string): readonly Taint[];
  /** Records data emitted on an event channel. */
  writeChannel(key: string, taints: readonly Taint[]): void;
  emitFlow(event: UnguardedFlowEvent): void;
  emitCheck(event: CheckCallEvent): void;
  emitPurpose(location: Location, purpose: string): void;
  /** Records that a unit is called by code we do not see with parameter `param` already allowed. */
  guardEntry(unit: Unit, param: number, purposes: readonly string[]): void;
  /** Evidence for the record of processing: a sink, what reaches it, and which tiers unguarded. */
  recordSink(at: Location, seen: SinkSeen): void;
  /** Evidence for the record of processing: a guard and the tiers it establishes its purposes for. */
  recordGuard(guard: GuardEvidence): void;
}

/** What the interpreter saw at a sink, merged by the driver into the sink's evidence. */
export interface SinkSeen {
  readonly symbol?: string;
  readonly sink?: string;
  readonly purposes?: readonly string[];
  readonly categories?: readonly string[];
  readonly unguardedTiers?: readonly string[];
}

/** Thrown when one unit's evaluation exceeds the step budget. */
export class AnalysisBudgetError extends Error {
  override readonly name = 'AnalysisBudgetError';
}

interface Frame {
  /** Where `return` goes: values and states. */
  returns: { value: Value; state: State }[];
  breaks: State[][];
  continues: State[][];
  throws: State[][];
  depth: number;
}

/** Evaluates one unit on a structured control-flow walk of its body and computes its summary. */
export class UnitInterpreter {
  #steps = 0;
  readonly #preconditions = new Map<string, Precondition>();
  readonly #fieldWrites = new Map<ts.ClassLikeDeclaration, Map<string, Taint[]>>();
  readonly #external: { unit: Unit; precondition: Precondition }[] = [];
  readonly #personalTypes: Map<number, string | null>;
  readonly #exploring = new Set<number>();
  /** Closures being evaluated, to cut recursion. */
  readonly #active = new Set<ts.Node>();
  readonly #all: number;

  constructor(
    private readonly host: InterpreterHost,
    private readonly unit: Unit,
    private readonly report: boolean,
    personalTypes: Map<number, string | null>,
  ) {
    this.#all = host.model.allTiers;
    this.#personalTypes = personalTypes;
  }

  run(): UnitResult {
    const node = this.unit.node;
    const state = new State(true, new Map(), new Map());
    const frame: Frame = { returns: [], breaks: [], continues: [], throws: [], depth: 0 };
    let end: State;
    if (ts.isSourceFile(node)) {
      end = this.#block(node.statements, state, frame);
    } else {
      this.#bindParams(node, state);
      this.#applyEnforce(node, state);
      end = this.#body(node, state, frame);
    }
    return {
      summary: this.#summarise(end, frame),
      fieldWrites: this.#fieldWrites,
      external: this.#external,
    };
  }

  /** The category of personal data a parameter's declared type holds, or undefined. */
  personalCategoryOf(name: ts.BindingName): string | undefined {
    const type = this.host.oracle.typeOf(name);
    return type ? this.#personalType(type, 3) : undefined;
  }

  /** Reports a precondition of a function no analysed code calls: its personal parameter reaches the sink unguarded. */
  reportPrecondition(precondition: Precondition, category: string): void {
    const model = this.host.model;
    let need = 0;
    for (const purpose of precondition.purposes) need |= model.needsCheck(purpose);
    need &= precondition.facts.possible;
    const unguarded = need & ~allowedFor(precondition.facts, precondition.purposes);
    if (unguarded === 0) return;
    const parameter = this.unit.params[precondition.param];
    const name =
      parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : `#${precondition.param}`;
    const primary = precondition.purposes[0] ?? '';
    const sinkAt = precondition.trail[precondition.trail.length - 1];
    if (sinkAt) {
      this.host.recordSink(sinkAt, {
        categories: [category],
        unguardedTiers: model.tierNames(unguarded),
      });
    }
    const [first, ...rest] = precondition.trail;
    const flow = first
      ? [
          {
            ...first,
            note: precondition.subjectOf
              ? `${first.note}; no caller in the project checks \`${name}\``
              : `${first.note} holds personal data (${category}); no caller in the project checks it`,
          },
          ...rest,
        ]
      : [];
    this.host.emitFlow({
      location: precondition.site,
      purpose: primary,
      purposes: precondition.purposes,
      sink: precondition.sink,
      subject: name,
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: [...precondition.facts.allowed.entries()]
        .filter(
          ([purpose, mask]) => !precondition.purposes.includes(purpose) && (mask & unguarded) !== 0,
        )
        .map(([purpose]) => purpose)
        .sort(),
      guarantees: model.guarantees(primary, unguarded),
      flow,
    });
  }

  // ----- parameters and entry -------------------------------------------------------------

  #bindParams(node: ts.SignatureDeclaration, state: State): void {
    node.parameters.forEach((parameter, index) => {
      const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `#${index}`;
      const taint: Taint = {
        key: `param:${this.unit.id}:${index}`,
        subject: name,
        facts: unknownFacts(this.#all),
        trail: [this.#step(parameter, `parameter \`${name}\` of \`${this.unit.name}\``)],
        param: { unit: this.unit, index },
      };
      const value: Value = { taints: [taint], identity: name };
      if (ts.isIdentifier(parameter.name)) {
        state.env.set(name, value);
        // A parameter property (`constructor(private readonly rows: Row[])`) is a field write.
        if (ts.isParameterPropertyDeclaration(parameter, parameter.parent)) {
          this.#writeField(name, value, state, parameter);
        }
      } else {
        this.#bindPattern(parameter.name, value, state, parameter);
      }
    });
  }

  /** `@consent.enforce(purpose, { subject: (x) => x })` makes the method start with the subject allowed. */
  #applyEnforce(node: ts.SignatureDeclaration, state: State): void {
    if (!ts.isMethodDeclaration(node)) return;
    for (const decorator of ts.getDecorators(node) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) continue;
      if (this.host.classifier.sdkNameOf(call.expression) === 'processes') {
        const purpose = literalText(call.arguments[0]);
        if (purpose !== undefined)
          this.host.emitPurpose(this.#location(call.arguments[0]!), purpose);
      }
      if (this.host.classifier.sdkNameOf(call.expression) !== 'enforce') continue;
      const purpose = literalText(call.arguments[0]);
      if (purpose === undefined) continue;
      this.host.emitPurpose(this.#location(call.arguments[0]!), purpose);
      let index = 0;
      const options = call.arguments[1];
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            ts.isIdentifier(property.name) &&
            property.name.text === 'subject' &&
            (ts.isArrowFunction(property.initializer) ||
              ts.isFunctionExpression(property.initializer))
          ) {
            index = subjectParamIndex(property.initializer);
          }
        }
      }
      const parameter = node.parameters[index];
      if (parameter && ts.isIdentifier(parameter.name)) {
        this.#allow(state, parameter.name.text, [purpose], this.#all);
        this.#recordGuard(
          this.#step(decorator, ''),
          shorten(decorator.getText()),
          [purpose],
          this.#all,
        );
      }
    }
  }

  // ----- summaries -----------------------------------------------------------------------

  #summarise(end: State, frame: Frame): Summary {
    const exits = [...frame.returns.map((entry) => entry.state), end].filter((s) => s.reachable);
    const exit = joinStates(exits);
    const names = this.unit.params.map((parameter) =>
      ts.isIdentifier(parameter.name) ? parameter.name.text : undefined,
    );
    const asserts: GuardEffect[] = [];
    const returnsParams = new Map<number, GuardFacts>();
    let returnsSources: Taint[] = [];
    let returnsCheck: GuardEffect | undefined;
    let returnsIdentityOf: number | undefined;
    if (exit.reachable) {
      names.forEach((name, index) => {
        if (name === undefined) return;
        const facts = exit.subjects.get(name);
        if (!facts) return;
        for (const [purpose, mask] of facts.allowed) {
          if (mask !== 0) asserts.push({ param: index, purposes: [purpose], mask });
        }
      });
    }
    // "Returns true only if": every return that can be true carries a check on one parameter.
    const candidates = frame.returns.filter(
      (entry) => entry.state.reachable && entry.value.bool !== false,
    );
    if (candidates.length > 0) {
      let effect: GuardEffect | undefined;
      let ok = true;
      for (const { value, state } of candidates) {
        let here: GuardEffect | undefined;
        if (value.check && !value.check.negated) {
          const index = names.indexOf(value.check.subject);
          if (index >= 0) {
            here = {
              param: index,
              purposes: value.check.purposes,
              mask: value.check.mask,
              ...(value.check.pending ? { pending: true } : {}),
            };
          }
        } else if (value.bool === true) {
          names.forEach((name, index) => {
            const facts = name === undefined ? undefined : state.subjects.get(name);
            if (!here && facts) {
              for (const [purpose, mask] of facts.allowed) {
                here = { param: index, purposes: [purpose], mask };
                break;
              }
            }
          });
        }
        if (
          !here ||
          (effect &&
            (effect.param !== here.param || effect.purposes.join() !== here.purposes.join()))
        ) {
          ok = false;
          break;
        }
        effect = effect ? { ...effect, mask: effect.mask & here.mask } : here;
      }
      if (ok && effect) returnsCheck = effect;
    }
    let returnsTier: { param: number; mask: number } | undefined;
    if (candidates.length > 0) {
      let mask = 0;
      let param: number | undefined;
      for (const { value, state } of candidates) {
        let here: { param: number; mask: number } | undefined;
        if (value.tierTest) {
          const index = names.indexOf(value.tierTest.subject);
          if (index >= 0) here = { param: index, mask: value.tierTest.mask };
        } else if (value.truthy) {
          // `return user.tier === 'pro' || user.tier === 'team'`: true only on those tiers.
          names.forEach((name, index) => {
            const facts = name === undefined ? undefined : value.truthy?.get(name);
            if (!here && facts && facts.possible !== this.#all)
              here = { param: index, mask: facts.possible };
          });
        } else if (value.bool === true) {
          names.forEach((name, index) => {
            const facts = name === undefined ? undefined : state.subjects.get(name);
            if (!here && facts && facts.possible !== this.#all)
              here = { param: index, mask: facts.possible };
          });
        }
        if (!here || (param !== undefined && param !== here.param)) {
          param = undefined;
          mask = -1;
          break;
        }
        param = here.param;
        mask |= here.mask;
      }
      if (param !== undefined && mask >= 0) returnsTier = { param, mask };
    }
    for (const { value } of frame.returns) {
      for (const taint of value.taints) {
        if (taint.param?.unit === this.unit) {
          const previous = returnsParams.get(taint.param.index);
          returnsParams.set(
            taint.param.index,
            previous ? joinFacts(previous, taint.facts) : taint.facts,
          );
        } else if (!taint.param) {
          returnsSources = unionTaints(returnsSources, [taint]);
        }
      }
      if (value.identity !== undefined && value.linked) {
        const root = value.identity.split('.')[0]!;
        const index = names.indexOf(root);
        if (index >= 0) returnsIdentityOf = index;
      }
    }
    return {
      preconditions: [...this.#preconditions.values()],
      ...(returnsCheck ? { returnsCheck } : {}),
      ...(returnsTier ? { returnsTier } : {}),
      asserts,
      returnsParams,
      returnsSources,
      ...(returnsIdentityOf !== undefined ? { returnsIdentityOf } : {}),
    };
  }

  // ----- statements ----------------------------------------------------------------------

  #body(node: ts.SignatureDeclaration, state: State, frame: Frame): State {
    const body = bodyOf(node);
    if (!body) return state;
    if (ts.isBlock(body)) return this.#block(body.statements, state, frame);
    const value = this.#expr(body, state, frame);
    frame.returns.push({ value, state: state.clone() });
    return State.unreachable();
  }

  #block(statements: readonly ts.Statement[], state: State, frame: Frame): State {
    let current = state;
    // Function declarations are hoisted: they see the state at the start of the block.
    for (const statement of statements) {
      if (
        ts.isFunctionDeclaration(statement) &&
        statement.name &&
        !ts.isSourceFile(statement.parent)
      ) {
        current.env.set(statement.name.text, {
          taints: [],
          closure: this.#closure(statement, current),
        });
      }
    }
    for (const statement of statements) {
      if (!current.reachable) break;
      current = this.#stmt(statement, current, frame);
    }
    return current;
  }

  #stmt(node: ts.Statement, state: State, frame: Frame): State {
    if (++this.#steps > maxSteps) throw new AnalysisBudgetError(`more than ${maxSteps} steps`);
    if (ts.isBlock(node)) return this.#block(node.statements, state, frame);
    if (ts.isExpressionStatement(node)) {
      this.#expressionStatement(node.expression, state, frame);
      return state;
    }
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        this.#declare(declaration, state, frame);
      }
      return state;
    }
    if (ts.isReturnStatement(node)) {
      let value = node.expression ? this.#expr(node.expression, state, frame) : emptyValue;
      if (!this.unit.isAsync || !value.check) value = this.#stampValue(value, state);
      frame.returns.push({ value, state: state.clone() });
      return State.unreachable();
    }
    if (ts.isThrowStatement(node)) {
      this.#expr(node.expression, state, frame);
      frame.throws[frame.throws.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isIfStatement(node)) {
      const [whenTrue, whenFalse] = this.#cond(node.expression, state, frame);
      const afterThen = this.#stmt(node.thenStatement, whenTrue, frame);
      const afterElse = node.elseStatement
        ? this.#stmt(node.elseStatement, whenFalse, frame)
        : whenFalse;
      return joinStates([afterThen, afterElse]);
    }
    if (ts.isSwitchStatement(node)) return this.#switch(node, state, frame);
    if (ts.isTryStatement(node)) return this.#try(node, state, frame);
    if (
      ts.isForOfStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      return this.#loop(node, state, frame);
    }
    if (ts.isBreakStatement(node)) {
      frame.breaks[frame.breaks.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isContinueStatement(node)) {
      frame.continues[frame.continues.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isLabeledStatement(node)) return this.#stmt(node.statement, state, frame);
    if (ts.isFunctionDeclaration(node)) {
      if (node.name && !ts.isSourceFile(node.parent)) {
        state.env.set(node.name.text, { taints: [], closure: this.#closure(node, state) });
      }
      return state;
    }
    return state;
  }

  #expressionStatement(expression: ts.Expression, state: State, frame: Frame): void {
    const value = this.#expr(expression, state, frame);
    const inner = skipParens(expression);
    const awaited = ts.isAwaitExpression(inner);
    const call = awaited ? skipParens(inner.expression) : inner;
    if (!ts.isCallExpression(call)) return;
    const check = value.check ?? value.decision;
    if (check && !check.negated) {
      this.#emitCheck(call, 'result-unused', check.purposes);
    } else if (value.assertion?.pending) {
      this.#emitCheck(call, 'not-awaited', value.assertion.purposes);
    }
  }

  #declare(declaration: ts.VariableDeclaration, state: State, frame: Frame): void {
    const value = declaration.initializer
      ? this.#expr(declaration.initializer, state, frame)
      : emptyValue;
    if (ts.isIdentifier(declaration.name)) {
      this.#assignName(declaration.name.text, value, state, declaration.name);
    } else {
      this.#bindPattern(declaration.name, value, state, declaration);
    }
  }

  #switch(node: ts.SwitchStatement, state: State, frame: Frame): State {
    const discriminant = this.#expr(node.expression, state, frame);
    frame.breaks.push([]);
    let fallthrough = State.unreachable();
    const named: number[] = [];
    let after = State.unreachable();
    let hasDefault = false;
    for (const clause of node.caseBlock.clauses) {
      let entry: State;
      if (ts.isCaseClause(clause)) {
        const label = this.#expr(clause.expression, state.clone(), frame);
        entry = state.clone();
        const literal = label.literals?.[0];
        if (literal !== undefined && discriminant.tierOf !== undefined) {
          const mask = this.host.model.tierMask(literal);
          named.push(mask);
          this.#restrict(entry, discriminant.tierOf, mask);
        } else if (literal !== undefined && discriminant.reasonOf) {
          if (allowedReasons.has(literal)) this.#allowCheck(entry, discriminant.reasonOf);
        } else if (label.bool === true && discriminant.check) {
          this.#allowCheck(entry, discriminant.check);
        }
      } else {
        hasDefault = true;
        entry = state.clone();
        if (discriminant.tierOf !== undefined) {
          const mask = named.reduce((all, one) => all | one, 0);
          this.#restrict(entry, discriminant.tierOf, this.#all & ~mask);
        }
      }
      const start = joinStates([entry, fallthrough]);
      fallthrough = this.#block(clause.statements, start, frame);
    }
    after = joinStates([fallthrough, ...(frame.breaks.pop() ?? [])]);
    if (!hasDefault) {
      const rest = state.clone();
      if (discriminant.tierOf !== undefined) {
        const mask = named.reduce((all, one) => all | one, 0);
        this.#restrict(rest, discriminant.tierOf, this.#all & ~mask);
      }
      after = joinStates([after, rest]);
    }
    return after;
  }

  #try(node: ts.TryStatement, state: State, frame: Frame): State {
    const entry = state.clone();
    frame.throws.push([]);
    const afterTry = this.#block(node.tryBlock.statements, state, frame);
    const thrown = frame.throws.pop() ?? [];
    let afterCatch = State.unreachable();
    if (node.catchClause) {
      // Anything in the try block may throw, before or after its checks: the catch starts unguarded.
      const catchEntry = joinStates([entry, ...thrown]);
      if (
        node.catchClause.variableDeclaration &&
        ts.isIdentifier(node.catchClause.variableDeclaration.name)
      ) {
        catchEntry.env.set(node.catchClause.variableDeclaration.name.text, emptyValue);
      }
      afterCatch = this.#block(node.catchClause.block.statements, catchEntry, frame);
    } else {
      frame.throws[frame.throws.length - 1]?.push(...thrown);
    }
    const after = joinStates([afterTry, afterCatch]);
    if (node.finallyBlock) {
      if (!after.reachable) {
        this.#block(node.finallyBlock.statements, joinStates([entry, ...thrown]), frame);
        return after;
      }
      return this.#block(node.finallyBlock.statements, after, frame);
    }
    return after;
  }

  #loop(
    node:
      | ts.ForOfStatement
      | ts.ForInStatement
      | ts.ForStatement
      | ts.WhileStatement
      | ts.DoStatement,
    state: State,
    frame: Frame,
  ): State {
    let iterable: Value | undefined;
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      iterable = this.#expr(node.expression, state, frame);
    } else if (ts.isForStatement(node) && node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) {
        for (const declaration of node.initializer.declarations)
          this.#declare(declaration, state, frame);
      } else {
        this.#expr(node.initializer, state, frame);
      }
    }
    let head = state;
    let exits: State[] = [];
    // Two passes let values written in one iteration reach the next.
    // Deeply nested loops get one pass each, so the walk stays linear.
    const passes = frame.continues.length < 3 ? 2 : 1;
    for (let pass = 0; pass < passes; pass++) {
      let bodyEntry = head.clone();
      let exitState = head.clone();
      if (ts.isWhileStatement(node) || (ts.isForStatement(node) && node.condition)) {
        const condition = ts.isWhileStatement(node) ? node.expression : node.condition!;
        [bodyEntry, exitState] = this.#cond(condition, head.clone(), frame);
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && iterable) {
        const element = ts.isForInStatement(node) ? emptyValue : iterable;
        const initializer = node.initializer;
        if (ts.isVariableDeclarationList(initializer)) {
          const declaration = initializer.declarations[0];
          if (declaration) {
            if (ts.isIdentifier(declaration.name)) {
              this.#assignName(
                declaration.name.text,
                this.#element(element, declaration.name.text),
                bodyEntry,
                declaration.name,
              );
            } else {
              this.#bindPattern(
                declaration.name,
                this.#element(element, undefined),
                bodyEntry,
                declaration,
              );
            }
          }
        } else if (ts.isIdentifier(initializer)) {
          this.#assignName(
            initializer.text,
            this.#element(element, initializer.text),
            bodyEntry,
            initializer,
          );
        }
      }
      frame.breaks.push([]);
      frame.continues.push([]);
      let end = this.#stmt(node.statement, bodyEntry, frame);
      const breaks = frame.breaks.pop() ?? [];
      const continues = frame.continues.pop() ?? [];
      end = joinStates([end, ...continues]);
      if (ts.isForStatement(node) && node.incrementor && end.reachable)
        this.#expr(node.incrementor, end, frame);
      if (ts.isDoStatement(node) && end.reachable) {
        const [again, out] = this.#cond(node.expression, end, frame);
        exits = [out, ...breaks];
        head = joinStates([head, again]);
        continue;
      }
      exits = [exitState, end, ...breaks];
      head = joinStates([state, end]);
    }
    return joinStates(exits);
  }

  // ----- conditions ----------------------------------------------------------------------

  /** Splits a state by a condition: the state where it is true and where it is false. */
  #cond(expression: ts.Expression, state: State, frame: Frame): [State, State] {
    const node = skipParens(expression);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const [whenTrue, whenFalse] = this.#cond(node.operand, state, frame);
      return [whenFalse, whenTrue];
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        const [leftTrue, leftFalse] = this.#cond(node.left, state, frame);
        const [bothTrue, rightFalse] = this.#cond(node.right, leftTrue, frame);
        return [bothTrue, joinStates([leftFalse, rightFalse])];
      }
      if (operator === ts.SyntaxKind.BarBarToken) {
        const [leftTrue, leftFalse] = this.#cond(node.left, state, frame);
        const [rightTrue, bothFalse] = this.#cond(node.right, leftFalse, frame);
        return [joinStates([leftTrue, rightTrue]), bothFalse];
      }
      const comparison = comparisonOf(operator);
      if (comparison !== undefined) {
        const equality = comparison === 'equal';
        const boolSide = boolLiteral(node.right) ?? boolLiteral(node.left);
        if (boolSide !== undefined) {
          const other = boolLiteral(node.right) !== undefined ? node.left : node.right;
          const [whenTrue, whenFalse] = this.#cond(other, state, frame);
          const same = boolSide === equality;
          return same ? [whenTrue, whenFalse] : [whenFalse, whenTrue];
        }
        const left = this.#expr(node.left, state, frame);
        const right = this.#expr(node.right, state, frame);
        const whenEqual = state.clone();
        const whenDifferent = state.clone();
        const tierSide =
          left.tierOf !== undefined ? left : right.tierOf !== undefined ? right : undefined;
        const literalSide = tierSide === left ? right : left;
        if (tierSide?.tierOf !== undefined && literalSide.literals) {
          const mask = literalSide.literals.reduce(
            (all, tier) => all | this.host.model.tierMask(tier),
            0,
          );
          this.#restrict(whenEqual, tierSide.tierOf, mask);
          this.#restrict(whenDifferent, tierSide.tierOf, this.#all & ~mask);
        }
        if (
          isIdLike(node.left) &&
          isIdLike(node.right) &&
          left.identity !== undefined &&
          right.identity !== undefined
        ) {
          this.#alias(whenEqual, left.identity, right.identity);
        }
        const reasonSide = left.reasonOf ? left : right.reasonOf ? right : undefined;
        const reasonLiteral = reasonSide === left ? right : left;
        if (
          reasonSide?.reasonOf &&
          reasonLiteral.literals?.every((reason) => allowedReasons.has(reason))
        ) {
          this.#allowCheck(whenEqual, reasonSide.reasonOf);
        }
        return equality ? [whenEqual, whenDifferent] : [whenDifferent, whenEqual];
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if ((method === 'includes' || method === 'has') && node.arguments.length === 1) {
        const list = this.#expr(node.expression.expression, state, frame);
        const item = this.#expr(node.arguments[0]!, state, frame);
        if (item.tierOf !== undefined && list.literals) {
          const mask = list.literals.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
          const whenTrue = state.clone();
          const whenFalse = state.clone();
          this.#restrict(whenTrue, item.tierOf, mask);
          this.#restrict(whenFalse, item.tierOf, this.#all & ~mask);
          return [whenTrue, whenFalse];
        }
        // Membership in a collection that a consent filter produced: the item passed the filter.
        const whenTrue = state.clone();
        if (item.identity !== undefined && list.taints.length > 0) {
          const [first, ...rest] = list.taints.map((taint) => taint.facts);
          const common = rest.reduce(joinFacts, first!);
          for (const [purpose, mask] of common.allowed) {
            if ((mask & common.possible) === common.possible) {
              this.#allow(whenTrue, item.identity, [purpose], this.#all);
            }
          }
        }
        return [whenTrue, state.clone()];
      }
    }
    return this.#split(node, this.#expr(node, state, frame), state);
  }

  /** A condition's outcome and, for plain expressions, its value, evaluating it once. */
  #condValue(expression: ts.Expression, state: State, frame: Frame): [State, State, Value] {
    const node = skipParens(expression);
    if (isStructuralCondition(node)) {
      const [whenTrue, whenFalse] = this.#cond(node, state, frame);
      return [whenTrue, whenFalse, emptyValue];
    }
    const value = this.#expr(node, state, frame);
    const [whenTrue, whenFalse] = this.#split(node, value, state);
    return [whenTrue, whenFalse, value];
  }

  #split(node: ts.Node, value: Value, state: State, quiet = false): [State, State] {
    const whenTrue = state.clone();
    const whenFalse = state.clone();
    if (value.truthy) this.#meetAll(whenTrue, value.truthy);
    if (value.falsy) this.#meetAll(whenFalse, value.falsy);
    if (value.tierTest) {
      this.#restrict(whenTrue, value.tierTest.subject, value.tierTest.mask);
      this.#restrict(whenFalse, value.tierTest.subject, this.#all & ~value.tierTest.mask);
    }
    if (value.check) {
      if (value.check.pending) {
        if (!quiet) this.#emitCheck(node, 'promise-as-condition', value.check.purposes);
      } else if (value.check.negated) {
        this.#allowCheck(whenFalse, value.check);
      } else {
        this.#allowCheck(whenTrue, value.check);
      }
    }
    return [whenTrue, whenFalse];
  }

  /** Adds facts known to hold on a path (from a stored condition's value) to the state. */
  #meetAll(state: State, facts: ReadonlyMap<string, GuardFacts>): void {
    for (const [subject, known] of facts) {
      const key = state.aliases.get(subject) ?? subject;
      state.subjects.set(key, meetFacts(this.#facts(state, subject), known));
    }
  }

  /** The subjects whose facts differ in `after` from `before`, with their facts in `after`. */
  #changedFacts(
    before: ReadonlyMap<string, GuardFacts>,
    after: State,
  ): ReadonlyMap<string, GuardFacts> | undefined {
    if (!after.reachable) return undefined;
    const changed = new Map<string, GuardFacts>();
    for (const [subject, facts] of after.subjects) {
      if (!sameFacts(facts, before.get(subject) ?? unknownFacts(this.#all)))
        changed.set(subject, facts);
    }
    return changed.size > 0 ? changed : undefined;
  }

  #tierMask(tiers: readonly string[]): number {
    return tiers.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
  }

  #restrict(state: State, subject: string, mask: number): void {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, restrictFacts(this.#facts(state, subject), mask));
  }

  #allow(state: State, subject: string, purposes: readonly string[], mask: number): void {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, allowFacts(this.#facts(state, subject), purposes, mask));
  }

  /** The index of the parameter whose name roots a subject key, or -1. */
  #paramOfSubject(subject: string): number {
    const root = subject.split('.')[0] ?? '';
    if (root === '') return -1;
    return this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === root,
    );
  }

  #recordGuard(at: FlowStep, guard: string, purposes: readonly string[], tiers: number): void {
    this.host.recordGuard({
      file: at.file,
      line: at.line,
      column: at.column,
      symbol: this.unit.name,
      guard,
      purposes: [...purposes].sort(),
      tiers: this.host.model.tierNames(tiers),
    });
  }

  /** Two subjects compared equal by id are one person from here on. */
  #alias(state: State, left: string, right: string): void {
    const a = state.aliases.get(left) ?? left;
    const b = state.aliases.get(right) ?? right;
    if (a === b) return;
    state.subjects.set(b, meetFacts(this.#facts(state, a), this.#facts(state, b)));
    for (const [key, target] of [...state.aliases]) if (target === a) state.aliases.set(key, b);
    state.aliases.set(a, b);
  }

  #allowCheck(state: State, check: CheckFact): void {
    if (check.site) {
      const tiers = this.#facts(state, check.subject).possible & check.mask;
      this.#recordGuard(check.site, check.label, check.purposes, tiers);
    }
    this.#allow(state, check.subject, check.purposes, check.mask);
    if (check.site)
      state.checkSites.set(state.aliases.get(check.subject) ?? check.subject, check.site);
  }

  /** Guard facts of a subject on a path; `a.b` falls back to `a` (a guard on a record covers its parts). */
  #facts(state: State, subject: string): GuardFacts {
    let key = subject;
    for (;;) {
      const facts = state.subjects.get(state.aliases.get(key) ?? key);
      if (facts) return facts;
      const dot = key.lastIndexOf('.');
      if (dot < 0) return unknownFacts(this.#all);
      key = key.slice(0, dot);
    }
  }

  // ----- expressions ---------------------------------------------------------------------

  #expr(expression: ts.Expression, state: State, frame: Frame): Value {
    if (++this.#steps > maxSteps) throw new AnalysisBudgetError(`more than ${maxSteps} steps`);
    const node = expression;
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      return this.#expr(node.expression, state, frame);
    }
    if (ts.isIdentifier(node)) return this.#identifier(node, state);
    if (node.kind === ts.SyntaxKind.ThisKeyword)
      return state.env.get('this') ?? { taints: [], identity: 'this' };
    if (ts.isStringLiteralLike(node)) return { taints: [], literals: [node.text] };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { taints: [], bool: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { taints: [], bool: false };
    if (ts.isPropertyAccessExpression(node)) return this.#property(node, state, frame);
    if (ts.isElementAccessExpression(node)) {
      const object = this.#expr(node.expression, state, frame);
      const index = this.#expr(node.argumentExpression, state, frame);
      const key = index.literals?.[0];
      if (key !== undefined && object.fields?.has(key)) return object.fields.get(key)!;
      const element = this.#element(object, undefined);
      return object.check?.subject.startsWith('@element:')
        ? { ...element, check: object.check }
        : element;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node))
      return this.#call(node, state, frame);
    if (ts.isAwaitExpression(node))
      return this.#await(this.#expr(node.expression, state, frame), state);
    if (ts.isObjectLiteralExpression(node)) return this.#object(node, state, frame);
    if (ts.isArrayLiteralExpression(node)) {
      const values = node.elements.map((element) =>
        this.#expr(ts.isSpreadElement(element) ? element.expression : element, state, frame),
      );
      const literals = values.every((value) => value.literals?.length === 1)
        ? values.map((value) => value.literals![0]!)
        : undefined;
      return { ...mergeTaints(values), ...(literals ? { literals } : {}) };
    }
    if (ts.isTemplateExpression(node)) {
      return mergeTaints(
        node.templateSpans.map((span) => this.#expr(span.expression, state, frame)),
      );
    }
    if (ts.isTaggedTemplateExpression(node)) {
      return this.#expr(node.template as ts.Expression, state, frame);
    }
    if (ts.isPrefixUnaryExpression(node)) {
      const operand = this.#expr(node.operand, state, frame);
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.tierTest) {
        const { subject, mask } = operand.tierTest;
        return { taints: [], tierTest: { subject, mask: this.#all & ~mask } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.check) {
        return { taints: [], check: { ...operand.check, negated: !operand.check.negated } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && (operand.truthy || operand.falsy)) {
        return {
          taints: [],
          ...(operand.falsy ? { truthy: operand.falsy } : {}),
          ...(operand.truthy ? { falsy: operand.truthy } : {}),
        };
      }
      return { taints: node.operator === ts.SyntaxKind.ExclamationToken ? [] : operand.taints };
    }
    if (ts.isPostfixUnaryExpression(node)) {
      this.#expr(node.operand, state, frame);
      return emptyValue;
    }
    if (ts.isConditionalExpression(node)) {
      const before = new Map(state.subjects);
      const [whenTrue, whenFalse] = this.#cond(node.condition, state, frame);
      const a = this.#expr(node.whenTrue, whenTrue, frame);
      const b = this.#expr(node.whenFalse, whenFalse, frame);
      this.#replace(state, joinStates([whenTrue, whenFalse]));
      const joined = joinValues(a, b);
      // `ok ? row : undefined` is truthy only where the condition held.
      const onlyWhen = isFalsyLiteral(node.whenFalse)
        ? isFalsyLiteral(node.whenTrue)
          ? undefined
          : whenTrue
        : isFalsyLiteral(node.whenTrue)
          ? whenFalse
          : undefined;
      const truthy = onlyWhen ? this.#changedFacts(before, onlyWhen) : undefined;
      return truthy ? { ...joined, truthy } : joined;
    }
    if (ts.isBinaryExpression(node)) return this.#binary(node, state, frame);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      return { taints: [], closure: this.#closure(node, state) };
    }
    if (ts.isSpreadElement(node)) return this.#expr(node.expression, state, frame);
    if (ts.isYieldExpression(node)) {
      // A generator's yields are what its callers iterate: they count as returned values.
      const yielded = node.expression ? this.#expr(node.expression, state, frame) : emptyValue;
      frame.returns.push({ value: this.#stampValue(yielded, state), state: state.clone() });
      return emptyValue;
    }
    if (ts.isVoidExpression(node) || ts.isTypeOfExpression(node) || ts.isDeleteExpression(node)) {
      this.#expr(node.expression, state, frame);
      return emptyValue;
    }
    if (ts.isClassExpression(node)) return emptyValue;
    return emptyValue;
  }

  #replace(target: State, source: State): void {
    target.reachable = source.reachable || target.reachable;
    target.env = source.env;
    target.subjects = source.subjects;
  }

  #identifier(node: ts.Identifier, state: State): Value {
    const own = state.env.get(node.text);
    if (own) return own;
    if (node.text === 'undefined') return emptyValue;
    const declarations = this.host.oracle.declarationsOf(node);
    const units = declarations
      .map((declaration) => this.host.unitOf(declaration))
      .filter((unit): unit is Unit => unit !== undefined);
    if (units.length > 0) return { taints: [], functions: units };
    for (const declaration of declarations) {
      // A module-level `const` with literal values (tier lists, purpose ids).
      if (
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer &&
        ts.isVariableDeclarationList(declaration.parent) &&
        declaration.parent.flags & ts.NodeFlags.Const
      ) {
        const init = skipParens(declaration.initializer);
        if (ts.isStringLiteralLike(init)) return { taints: [], literals: [init.text] };
        // Route middleware created once at module level.
        if (ts.isCallExpression(init)) {
          const kind = this.host.classifier.classify(init);
          const purpose = literalText(init.arguments[0]);
          if (kind.kind === 'sdk' && kind.name === 'middleware' && purpose !== undefined) {
            return { taints: [], middleware: [purpose] };
          }
        }
        if (ts.isArrayLiteralExpression(init) && init.elements.every(ts.isStringLiteralLike)) {
          return {
            taints: [],
            literals: init.elements.map((element) => (element as ts.StringLiteral).text),
          };
        }
      }
    }
    return { taints: [], identity: node.text };
  }

  #property(node: ts.PropertyAccessExpression, state: State, frame: Frame): Value {
    const name = node.name.text;
    const object = this.#expr(node.expression, state, frame);
    if (object.decision) {
      if (name === 'allowed') return { taints: [], check: object.decision };
      if (name === 'reason') return { taints: [], reasonOf: object.decision };
    }
    if (object.fields?.has(name)) return object.fields.get(name)!;
    const identity = object.identity;
    const childIdentity =
      identity === undefined ? undefined : ownerFields.has(name) ? identity : `${identity}.${name}`;
    const linked = identity !== undefined && ownerFields.has(name) ? true : object.linked;
    const base: { -readonly [K in keyof Value]: Value[K] } = { taints: [] };
    if (childIdentity !== undefined) base.identity = childIdentity;
    if (linked) base.linked = true;
    if (this.host.model.tierFields.has(name) && identity !== undefined) base.tierOf = identity;
    // A guard field declared in the policy (`user.settings.allowTraining`).
    const guard = this.#fieldGuard(node);
    if (guard && identity !== undefined) {
      base.check = {
        subject: identity.split('.')[0]!,
        purposes: guard,
        mask: this.#all,
        pending: false,
        negated: false,
        label: node.getText(),
        site: this.#step(node, `\`${shorten(node.getText())}\` checks \`${guard.join(', ')}\``),
      };
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword && this.unit.classNode) {
      const local = state.env.get(`this.${name}`);
      const stored = this.host.fieldStore(this.unit.classNode, name);
      const taints = unionTaints(local?.taints ?? [], stored);
      return { ...(local ?? {}), ...base, taints, identity: `this.${name}` };
    }
    const personal = this.#personalProperty(node);
    if (object.taints.length === 0) {
      if (!personal) return base;
      const subject = identity ?? '';
      return {
        ...base,
        personalContent: true,
        taints: [
          {
            key: `source:${this.#locKey(node)}`,
            subject,
            category: personal,
            facts: unknownFacts(this.#all),
            trail: [
              this.#step(node, `\`${shorten(node.getText())}\` holds personal data (${personal})`),
            ],
          },
        ],
      };
    }
    // Whatever is read out of a personal field (`conversation.messages[0].text`) is personal too.
    if (personal || object.personalContent) {
      return { ...base, taints: object.taints, personalContent: true };
    }
    if (this.#typeIsPersonalOrUnknown(node)) return { ...base, taints: object.taints };
    return base;
  }

  #fieldGuard(node: ts.PropertyAccessExpression): string[] | undefined {
    if (this.host.model.guards.size === 0) return undefined;
    const purposes: string[] = [];
    for (const declaration of this.host.oracle.declarationsOf(node)) {
      for (const mapping of this.host.model.guards.get(declaration) ?? []) {
        if (mapping.mapping.kind === 'field') purposes.push(mapping.mapping.purpose);
      }
    }
    return purposes.length > 0 ? purposes : undefined;
  }

  #binary(node: ts.BinaryExpression, state: State, frame: Frame): Value {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) {
      const value = this.#expr(node.right, state, frame);
      this.#assign(node.left, value, state, frame);
      return value;
    }
    if (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    ) {
      const before = new Map(state.subjects);
      let [whenTrue, whenFalse, left] =
        operator === ts.SyntaxKind.QuestionQuestionToken
          ? (() => {
              const value = this.#expr(node.left, state, frame);
              return [state.clone(), state.clone(), value] as [State, State, Value];
            })()
          : this.#condValue(node.left, state, frame);
      const continueIn = operator === ts.SyntaxKind.AmpersandAmpersandToken ? whenTrue : whenFalse;
      const right = this.#expr(node.right, continueIn, frame);
      // What the value being truthy or falsy says, for a condition stored in a variable.
      let outcome: Pick<Value, 'truthy' | 'falsy'> = {};
      if (operator !== ts.SyntaxKind.QuestionQuestionToken) {
        const [rightTrue, rightFalse] = this.#split(node.right, right, continueIn, true);
        const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
        const truthy = this.#changedFacts(
          before,
          and ? rightTrue : joinStates([whenTrue, rightTrue]),
        );
        const falsy = this.#changedFacts(
          before,
          and ? joinStates([whenFalse, rightFalse]) : rightFalse,
        );
        outcome = { ...(truthy ? { truthy } : {}), ...(falsy ? { falsy } : {}) };
      }
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) whenTrue = continueIn;
      else whenFalse = continueIn;
      this.#replace(state, joinStates([whenTrue, whenFalse]));
      const { tierTest: _tierTest, ...untested } = joinValues(left, right);
      // Tier tests join as a union, which is right for `||` only.
      const joined: Value = {
        ...(operator === ts.SyntaxKind.AmpersandAmpersandToken
          ? untested
          : joinValues(left, right)),
        ...outcome,
      };
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken &&
        right.check &&
        !right.check.negated
      ) {
        return { ...joined, check: right.check };
      }
      return joined;
    }
    if (
      operator === ts.SyntaxKind.PlusEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken
    ) {
      const left = this.#expr(node.left, state, frame);
      const right = this.#expr(node.right, state, frame);
      const value = mergeTaints([left, right]);
      this.#assign(node.left, value, state, frame);
      return value;
    }
    const left = this.#expr(node.left, state, frame);
    const right = this.#expr(node.right, state, frame);
    if (operator === ts.SyntaxKind.PlusToken) return mergeTaints([left, right]);
    const comparison = comparisonOf(operator);
    if (comparison !== undefined) {
      const equality = comparison === 'equal';
      const tierSide =
        left.tierOf !== undefined ? left : right.tierOf !== undefined ? right : undefined;
      const literalSide = tierSide === left ? right : left;
      if (tierSide?.tierOf !== undefined && literalSide.literals) {
        const mask = this.#tierMask(literalSide.literals);
        return {
          taints: [],
          tierTest: { subject: tierSide.tierOf, mask: equality ? mask : this.#all & ~mask },
        };
      }
    }
    if (operator === ts.SyntaxKind.CommaToken) return right;
    return emptyValue;
  }

  #assign(target: ts.Expression, value: Value, state: State, frame: Frame): void {
    const node = skipParens(target);
    if (ts.isIdentifier(node)) {
      this.#assignName(node.text, value, state, node);
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = skipParens(node.expression);
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
      if (object.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
        this.#writeField(name, value, state, node);
        return;
      }
      if (ts.isIdentifier(object)) {
        const current = state.env.get(object.text) ?? { taints: [], identity: object.text };
        const fields = new Map(current.fields ?? []);
        if (name !== undefined) fields.set(name, value);
        state.env.set(object.text, {
          ...current,
          taints: unionTaints(current.taints, this.#stamp(value.taints, state)),
          ...(name !== undefined ? { fields } : {}),
        });
        return;
      }
      this.#expr(node.expression, state, frame);
      return;
    }
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
      // Destructuring assignment: every target gets the whole value, conservatively.
      for (const element of ts.isObjectLiteralExpression(node) ? node.properties : node.elements) {
        if (ts.isShorthandPropertyAssignment(element))
          this.#assignName(element.name.text, value, state, element.name);
        else if (ts.isPropertyAssignment(element))
          this.#assign(element.initializer, value, state, frame);
        else if (ts.isSpreadAssignment(element) || ts.isSpreadElement(element))
          this.#assign(element.expression, value, state, frame);
        else if (ts.isExpression(element)) this.#assign(element, value, state, frame);
      }
    }
  }

  /** Binds a name to a value; a reassigned name's earlier guard facts no longer hold. */
  #assignName(name: string, value: Value, state: State, _at: ts.Node): void {
    const identity = value.identity ?? name;
    const taints = value.taints.map((taint) =>
      taint.subject === '' ? { ...taint, subject: identity } : taint,
    );
    if (identity === name && state.env.has(name)) {
      for (const key of [...state.subjects.keys()]) {
        if (key === name || key.startsWith(`${name}.`)) state.subjects.delete(key);
      }
    }
    state.env.set(name, { ...value, taints, identity });
  }

  #writeField(name: string, value: Value, state: State, at: ts.Node): void {
    const stamped = this.#stamp(value.taints, state).map((taint) => ({
      ...taint,
      trail: extendTrail(taint.trail, this.#step(at, `stored in \`this.${name}\``)),
    }));
    const local = state.env.get(`this.${name}`);
    state.env.set(`this.${name}`, {
      ...value,
      taints: unionTaints(local?.taints ?? [], stamped),
      identity: `this.${name}`,
    });
    const classNode = this.unit.classNode;
    if (!classNode || stamped.length === 0) return;
    const byField = this.#fieldWrites.get(classNode) ?? new Map<string, Taint[]>();
    byField.set(name, unionTaints(byField.get(name) ?? [], stamped));
    this.#fieldWrites.set(classNode, byField);
  }

  #bindPattern(pattern: ts.BindingName, value: Value, state: State, at: ts.Node): void {
    if (ts.isIdentifier(pattern)) {
      this.#assignName(pattern.text, value, state, pattern);
      return;
    }
    if (ts.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        if (element.dotDotDotToken) {
          // `...rest` keeps personal data only if its type still holds personal fields.
          const keeps =
            value.taints.length > 0 &&
            (value.personalContent === true || this.#typeIsPersonalOrUnknown(element.name));
          const remaining = restFields(pattern, value);
          if (!keeps && remaining && remaining.taints.length > 0) {
            // The fields of a local object literal that the pattern leaves in the rest.
            this.#bindPattern(element.name, remaining, state, element);
            continue;
          }
          this.#bindPattern(element.name, keeps ? value : { taints: [] }, state, element);
          continue;
        }
        const key =
          element.propertyName && ts.isIdentifier(element.propertyName)
            ? element.propertyName.text
            : ts.isIdentifier(element.name)
              ? element.name.text
              : undefined;
        let member: Value = value.fields?.get(key ?? '') ?? emptyValue;
        if (value.decision && (key === 'allowed' || key === 'reason')) {
          // `const { allowed } = await consent.decide(user, purpose)`.
          member =
            key === 'allowed'
              ? { taints: [], check: value.decision }
              : { taints: [], reasonOf: value.decision };
        } else if (!value.fields?.has(key ?? '')) {
          const personal = this.#personalBinding(element);
          const identity = value.identity;
          member = {
            taints:
              value.taints.length > 0 &&
              (personal || value.personalContent || this.#typeIsPersonalOrUnknown(element.name))
                ? value.taints
                : [],
            ...(identity !== undefined && key !== undefined
              ? { identity: ownerFields.has(key) ? identity : `${identity}.${key}` }
              : {}),
            ...(key !== undefined && this.host.model.tierFields.has(key) && identity !== undefined
              ? { tierOf: identity }
              : {}),
          };
          if (member.taints.length === 0 && personal && value.taints.length === 0) {
            member = {
              ...member,
              taints: [
                {
                  key: `source:${this.#locKey(element)}`,
                  subject: value.identity ?? '',
                  category: personal,
                  facts: unknownFacts(this.#all),
                  trail: [this.#step(element, `\`${key}\` holds personal data (${personal})`)],
                },
              ],
            };
          }
        }
        this.#bindPattern(element.name, member, state, element);
      }
      return;
    }
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.#bindPattern(element.name, this.#element(value, undefined), state, at);
    }
  }

  #object(node: ts.ObjectLiteralExpression, state: State, frame: Frame): Value {
    const fields = new Map<string, Value>();
    const parts: Value[] = [];
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const value = this.#expr(property.initializer, state, frame);
        const key = propertyKey(property.name);
        if (key !== undefined) fields.set(key, value);
        parts.push(value);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const value = this.#identifier(property.name, state);
        fields.set(property.name.text, value);
        parts.push(value);
      } else if (ts.isSpreadAssignment(property)) {
        const value = this.#expr(property.expression, state, frame);
        for (const [key, field] of value.fields ?? []) fields.set(key, field);
        parts.push(value);
      } else if (ts.isMethodDeclaration(property) || ts.isAccessor(property)) {
        // Methods of an object literal are summarised as their own units when at module level.
      }
    }
    const idField = fields.get('id') ?? fields.get('userId');
    return {
      ...mergeTaints(parts),
      fields,
      ...(idField?.identity !== undefined ? { identity: idField.identity, linked: true } : {}),
    };
  }

  #closure(node: ts.SignatureDeclaration, state: State): Closure {
    const unstable = new Set<string>();
    const container = enclosingFunctionBody(node);
    if (container) {
      // `let` bindings assigned after the closure is created may hold another subject when it runs.
      // \`let\` bindings assigned after the closure is created may hold another subject when it runs;
      // so may bindings the closure itself assigns.
      walk(container, undefined, (child) => {
        if (
          ts.isBinaryExpression(child) &&
          child.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isIdentifier(child.left) &&
          (child.getStart() > node.getEnd() || (child.pos >= node.pos && child.end <= node.end))
        ) {
          unstable.add(child.left.text);
        }
        return undefined;
      });
    }
    return { node, env: new Map(state.env), subjects: new Map(state.subjects), unstable };
  }

  // ----- calls ---------------------------------------------------------------------------

  #await(value: Value, state: State): Value {
    let result = value;
    if (value.check?.pending) result = { ...result, check: { ...value.check, pending: false } };
    if (value.decision?.pending)
      result = { ...result, decision: { ...value.decision, pending: false } };
    if (value.assertion?.pending) {
      this.#allowCheck(state, value.assertion);
      const { assertion: _assertion, ...rest } = result;
      result = rest;
    }
    return result;
  }

  #call(node: ts.CallExpression | ts.NewExpression, state: State, frame: Frame): Value {
    const callee = skipParens(node.expression);
    let receiver: Value | undefined;
    let calleeValue: Value | undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      receiver = this.#expr(callee.expression, state, frame);
    } else if (ts.isIdentifier(callee)) {
      calleeValue = state.env.get(callee.text);
    } else if (callee.kind !== ts.SyntaxKind.SuperKeyword) {
      calleeValue = this.#expr(callee, state, frame);
    }
    const args = (node.arguments ?? []).map((argument) =>
      this.#expr(ts.isSpreadElement(argument) ? argument.expression : argument, state, frame),
    );
    if (calleeValue?.closure) return this.#invoke(calleeValue.closure, args, state, frame);
    const kind = this.host.classifier.classify(node);
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';

    switch (kind.kind) {
      case 'sdk':
        return this.#sdkCall(kind.name, node, args, receiver, state, frame);
      case 'guard':
        return this.#policyGuard(kind, node, args, state);
      case 'sanitizer':
        return emptyValue;
      case 'source':
        return {
          taints: [
            {
              key: `source:${this.#locKey(node)}`,
              subject: '',
              category: kind.mappings[0]?.mapping.category ?? 'personal',
              facts: unknownFacts(this.#all),
              trail: [
                this.#step(
                  node,
                  `\`${shorten(node.expression.getText())}\` returns personal data (${kind.mappings[0]?.mapping.category ?? 'personal'})`,
                ),
              ],
            },
          ],
          ...this.#loaderIdentity(node, args),
        };
      case 'sink':
        this.#sink(kind, node, args, state);
        return emptyValue;
      case 'project':
        return this.#project(kind.units, node, args, receiver, state);
      default:
        return this.#library(kind, name, node, args, receiver, state, frame);
    }
  }

  #sdkCall(
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value {
    const purposeArg = (index: number) => {
      const argument = node.arguments?.[index];
      const purposes = args[index]?.literals ?? [];
      if (argument)
        for (const purpose of purposes) this.host.emitPurpose(this.#location(argument), purpose);
      return purposes;
    };
    const fact = (subjectIndex: number, purposeIndex: number, pending: boolean): CheckFact => ({
      subject: args[subjectIndex]?.identity ?? `#unknown:${this.#locKey(node)}`,
      purposes: purposeArg(purposeIndex),
      mask: this.#all,
      pending,
      negated: false,
      label: shorten(node.getText()),
      site: this.#step(
        node,
        `\`${shorten(node.getText())}\` checks \`${(args[purposeIndex]?.literals ?? []).join(', ')}\``,
      ),
    });
    switch (name) {
      case 'allows':
        return { taints: [], check: fact(0, 1, true) };
      case 'isAllowed':
        return { taints: [], check: fact(0, 1, false) };
      case 'decide':
        return { taints: [], decision: fact(0, 1, true) };
      case 'require':
        return { taints: [], assertion: fact(0, 1, true) };
      case 'assertAllowed': {
        this.#allowCheck(state, fact(0, 1, false));
        return emptyValue;
      }
      case 'filter': {
        const purposes = purposeArg(1);
        const items = args[0] ?? emptyValue;
        this.#recordGuard(this.#step(node, ''), shorten(node.getText()), purposes, this.#all);
        const keep = (list: readonly Taint[]): Taint[] =>
          list.map((taint) => ({
            ...taint,
            facts: allowFacts(
              meetFacts(taint.facts, this.#facts(state, taint.subject)),
              purposes,
              this.#all,
            ),
            trail: extendTrail(
              taint.trail,
              this.#step(node, `kept by the consent filter for ${purposes.join(', ')}`),
            ),
          }));
        return {
          taints: keep(items.taints),
          ...(items.element ? { element: mapValueTaints(items.element, keep) } : {}),
        };
      }
      case 'middleware': {
        const purposes = purposeArg(0);
        this.#recordGuard(this.#step(node, ''), shorten(node.getText()), purposes, this.#all);
        return { taints: [], middleware: purposes };
      }
      case 'snapshot':
        return args[0] ?? emptyValue;
      case 'anonymise':
      case 'aggregate':
        return emptyValue;
      case 'record':
        purposeArg(1);
        return emptyValue;
      case 'enforce':
      case 'processes':
        purposeArg(0);
        return emptyValue;
      default:
        return this.#library(
          sdkFactories.has(name) ? { kind: 'sdk', name } : { kind: 'unknown', name },
          name,
          node,
          args,
          receiver,
          state,
          frame,
        );
    }
  }

  #policyGuard(
    kind: Extract<CallKind, { kind: 'guard' }>,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    const mapping = kind.mappings[0]!.mapping;
    const purposes = [...new Set(kind.mappings.map((entry) => entry.mapping.purpose))];
    const subjectIndex = mapping.subjectArgument ?? 0;
    const isAsync = this.#returnsPromise(node);
    const fact: CheckFact = {
      subject: args[subjectIndex]?.identity ?? `#unknown:${this.#locKey(node)}`,
      purposes,
      mask: this.#all,
      pending: isAsync,
      negated: false,
      label: shorten(node.getText()),
      site: this.#step(node, `\`${shorten(node.getText())}\` checks \`${purposes.join(', ')}\``),
    };
    if (mapping.kind === 'assertion') {
      if (isAsync) return { taints: [], assertion: fact };
      this.#allowCheck(state, fact);
      return emptyValue;
    }
    if (mapping.kind === 'filter') {
      const items = args[subjectIndex] ?? emptyValue;
      return {
        taints: items.taints.map((taint) => ({
          ...taint,
          facts: allowFacts(taint.facts, purposes, this.#all),
        })),
      };
    }
    if (mapping.kind === 'middleware') return { taints: [], middleware: purposes };
    return { taints: [], check: fact };
  }

  #returnsPromise(node: ts.Node): boolean {
    const type = this.host.oracle.typeOf(node);
    if (!type) return false;
    return this.host.oracle
      .declarationsOfType(type)
      .some((declaration) => declarationNameIs(declaration, 'Promise'));
  }

  /** Data reaches a sink: each fact is either guarded, a precondition on a parameter, or a finding. */
  #sink(
    kind: Extract<CallKind, { kind: 'sink' }>,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): void {
    if (kind.when) {
      const option = args[kind.when.argument]?.fields?.get(kind.when.option);
      if (option?.literals && !option.literals.includes(kind.when.equals)) return;
    }
    const data: Value[] = [];
    if (kind.data.length === 0) data.push(...args);
    for (const entry of kind.data) {
      const argument = args[entry.argument];
      if (!argument) continue;
      data.push(
        entry.option !== undefined && argument.fields
          ? (argument.fields.get(entry.option) ?? emptyValue)
          : argument,
      );
    }
    this.host.recordSink(this.#location(node), {
      symbol: this.unit.name,
      sink: kind.label,
      purposes: [...kind.purposes].sort(),
    });
    const sinkStep = this.#step(node, `reaches ${kind.label} for ${kind.purposes.join(', ')}`);
    for (const taint of mergeTaints(data).taints) {
      this.#reach(
        taint,
        state,
        node,
        kind.purposes,
        kind.label,
        [sinkStep],
        unknownFacts(this.#all),
      );
    }
  }

  /**
   * The category this function's own parameter holds by its declared type: data a guard inside
   * the function (an `@enforce`d method) lets through never becomes a caller's precondition, so
   * the record of processing learns its category here.
   */
  #ownParameterCategory(taint: Taint): string | undefined {
    if (taint.param?.unit.id !== this.unit.id) return undefined;
    const parameter = this.unit.params[taint.param.index];
    return parameter === undefined ? undefined : this.personalCategoryOf(parameter.name);
  }

  /** Decides what one fact reaching a sink (directly or through a callee) means. */
  #reach(
    taint: Taint,
    state: State,
    site: ts.Node,
    purposes: readonly string[],
    label: string,
    suffix: readonly ts.Node[] | readonly FlowStep[],
    calleeFacts: GuardFacts,
  ): void {
    const facts = meetFacts(meetFacts(taint.facts, this.#facts(state, taint.subject)), calleeFacts);
    const sinkAt = (suffix as readonly FlowStep[])[suffix.length - 1];
    const category = taint.category ?? this.#ownParameterCategory(taint);
    if (sinkAt && category !== undefined) {
      this.host.recordSink(sinkAt, { categories: [category] });
    }
    let need = 0;
    for (const purpose of purposes) need |= this.host.model.needsCheck(purpose);
    need &= facts.possible;
    if (need === 0) return;
    const unguarded = need & ~allowedFor(facts, purposes);
    if (unguarded === 0) return;
    let trail = [...taint.trail];
    const checkSite = state.checkSites.get(state.aliases.get(taint.subject) ?? taint.subject);
    if (checkSite && (need & ~unguarded) !== 0) {
      const covered = this.host.model.tierNames(need & ~unguarded).join(', ');
      trail = extendTrail(trail, {
        ...checkSite,
        note: `${checkSite.note}, on the paths of tiers ${covered} only`,
      });
    }
    for (const step of suffix as FlowStep[]) trail = extendTrail(trail, step);
    // Data loaded here about the subject a parameter identifies: the callers may have checked it.
    const subjectParam = taint.param ? -1 : this.#paramOfSubject(taint.subject);
    if (subjectParam >= 0) {
      const key = `subject:${subjectParam}:${purposes.join()}:${this.#locKey(site)}`;
      const previous = this.#preconditions.get(key);
      this.#preconditions.set(key, {
        param: subjectParam,
        purposes,
        facts: previous ? joinFacts(previous.facts, facts) : facts,
        trail,
        sink: label,
        site: this.#location(site),
        subjectOf: taint.category !== undefined ? { category: taint.category } : {},
      });
      return;
    }
    if (taint.param) {
      const precondition: Precondition = {
        param: taint.param.index,
        purposes,
        facts,
        trail,
        sink: label,
        site: this.#location(site),
      };
      const key = `${taint.param.index}:${purposes.join()}:${this.#locKey(site)}`;
      if (taint.param.unit.id === this.unit.id) {
        const previous = this.#preconditions.get(key);
        this.#preconditions.set(
          key,
          previous ? { ...previous, facts: joinFacts(previous.facts, facts) } : precondition,
        );
      } else {
        // Data handed over through a field or an event: report where the other function hands it over.
        const handoff = [...taint.trail]
          .reverse()
          .find((step) => step.note.startsWith('stored in') || step.note.startsWith('emitted as'));
        const unit = this.host.unitOf((taint.param.unit as Unit).node);
        if (unit) {
          this.#external.push({
            unit,
            precondition: handoff
              ? {
                  ...precondition,
                  site: { file: handoff.file, line: handoff.line, column: handoff.column },
                }
              : precondition,
          });
        }
      }
      return;
    }
    if (sinkAt)
      this.host.recordSink(sinkAt, { unguardedTiers: this.host.model.tierNames(unguarded) });
    if (!this.report) return;
    const model = this.host.model;
    const mismatched = [...facts.allowed.entries()]
      .filter(([purpose, mask]) => !purposes.includes(purpose) && (mask & unguarded) !== 0)
      .map(([purpose]) => purpose)
      .sort();
    const primary = purposes[0] ?? '';
    this.host.emitFlow({
      location: this.#location(site),
      purpose: primary,
      purposes,
      sink: label,
      subject: taint.subject || '(unnamed)',
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: mismatched,
      guarantees: model.guarantees(primary, unguarded),
      flow: trail,
    });
  }

  #project(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
  ): Value {
    let result: Value | undefined;
    for (const unit of units) {
      const one = this.#applySummary(unit, node, args, state);
      result = result ? joinValues(result, one) : one;
    }
    let value = result ?? emptyValue;
    // A method marked `@personal` returns personal data.
    const marked = this.#personalDeclarations(this.host.oracle.declarationsOf(node));
    if (marked && value.taints.every((taint) => taint.param !== undefined)) {
      value = {
        ...value,
        personalContent: true,
        taints: unionTaints(value.taints, [
          {
            key: `source:${this.#locKey(node)}`,
            subject: receiver?.identity ?? '',
            category: marked,
            facts: unknownFacts(this.#all),
            trail: [
              this.#step(node, `\`${shorten(node.getText())}\` returns personal data (${marked})`),
            ],
          },
        ]),
      };
    }
    if (value.taints.every((taint) => taint.param !== undefined)) {
      value = this.#sourceByType(node, value, node);
    }
    return value;
  }

  #applySummary(
    unit: Unit,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    const summary = unit.summary;
    const callStep = this.#step(node, `passed to \`${unit.name}\``);
    const preconditions = [...summary.preconditions, ...unit.external.values()];
    for (const precondition of preconditions) {
      const argument = args[precondition.param];
      if (precondition.subjectOf) {
        // The callee loads data about the subject this argument identifies: check that subject here.
        const subject: Taint = {
          key: `subject:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`,
          subject: argument?.identity ?? '',
          facts: unknownFacts(this.#all),
          trail: [],
          ...(precondition.subjectOf.category !== undefined
            ? { category: precondition.subjectOf.category }
            : {}),
        };
        this.#reach(
          subject,
          state,
          node,
          precondition.purposes,
          precondition.sink,
          [callStep, ...precondition.trail],
          precondition.facts,
        );
        continue;
      }
      if (!argument) continue;
      for (const taint of argument.taints) {
        this.#reach(
          taint,
          state,
          node,
          precondition.purposes,
          precondition.sink,
          [callStep, ...precondition.trail.slice(1)],
          precondition.facts,
        );
      }
    }
    for (const effect of summary.asserts) {
      const subject = args[effect.param]?.identity;
      if (subject === undefined) continue;
      const fact: CheckFact = {
        subject,
        purposes: effect.purposes,
        mask: effect.mask,
        pending: unit.isAsync,
        negated: false,
        label: unit.name,
      };
      if (!unit.isAsync) this.#allowCheck(state, fact);
      else return { ...this.#returned(unit, summary, node, args), assertion: fact };
    }
    const value = this.#returned(unit, summary, node, args);
    const tierSubject = summary.returnsTier ? args[summary.returnsTier.param]?.identity : undefined;
    if (summary.returnsTier && tierSubject !== undefined && !unit.isAsync) {
      return { ...value, tierTest: { subject: tierSubject, mask: summary.returnsTier.mask } };
    }
    if (summary.returnsCheck) {
      const subject = args[summary.returnsCheck.param]?.identity;
      if (subject !== undefined) {
        return {
          ...value,
          check: {
            subject,
            purposes: summary.returnsCheck.purposes,
            mask: summary.returnsCheck.mask,
            pending: unit.isAsync || summary.returnsCheck.pending === true,
            negated: false,
            label: shorten(node.getText()),
          },
        };
      }
    }
    return value;
  }

  #returned(unit: Unit, summary: Summary, node: ts.Node, args: readonly Value[]): Value {
    const parts: Taint[][] = [];
    for (const [index, facts] of summary.returnsParams) {
      const argument = args[index];
      if (!argument) continue;
      parts.push(
        argument.taints.map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, facts),
          trail: extendTrail(taint.trail, this.#step(node, `returned by \`${unit.name}\``)),
        })),
      );
    }
    const sources = summary.returnsSources.map((taint) => ({
      ...taint,
      subject: '',
      trail: extendTrail(taint.trail, this.#step(node, `returned by \`${unit.name}\``)),
    }));
    const identityIndex = summary.returnsIdentityOf;
    const identityArg = identityIndex === undefined ? undefined : args[identityIndex];
    const identity =
      identityArg?.identity !== undefined
        ? { identity: identityArg.identity, linked: true }
        : this.#loaderIdentity(node, args);
    return { taints: unionTaints(sources, ...parts), ...identity };
  }

  /** A call given an id (`users.get(conversation.userId)`) returns that subject's record. */
  #loaderIdentity(node: ts.Node, args: readonly Value[]): { identity?: string; linked?: boolean } {
    const call = node as ts.CallExpression;
    for (const [index, argument] of (call.arguments ?? []).entries()) {
      const value = args[index];
      if (!value || value.identity === undefined) continue;
      const text = ts.isPropertyAccessExpression(argument)
        ? argument.name.text
        : ts.isIdentifier(argument)
          ? argument.text
          : '';
      if (value.linked || /(^id$|Id$|_id$)/.test(text))
        return { identity: value.identity, linked: true };
    }
    return {};
  }

  #invoke(closure: Closure, args: readonly Value[], state: State, frame: Frame): Value {
    // Recursion (a closure calling itself) is cut at the second entry: its data flows through.
    if (frame.depth >= maxClosureDepth || this.#active.has(closure.node)) return mergeTaints(args);
    this.#active.add(closure.node);
    try {
      return this.#invokeBody(closure, args, state, frame);
    } finally {
      this.#active.delete(closure.node);
    }
  }

  #invokeBody(closure: Closure, args: readonly Value[], state: State, frame: Frame): Value {
    const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
    // Current values of variables (a closure called later sees later assignments to `let`s).
    for (const [name, value] of state.env) {
      if (closure.unstable.has(name) || !inner.env.has(name)) inner.env.set(name, value);
    }
    for (const name of closure.unstable) {
      const value = inner.env.get(name);
      const subject = value?.identity ?? name;
      for (const key of [...inner.subjects.keys()]) {
        if (key === subject || key.startsWith(`${subject}.`)) inner.subjects.delete(key);
      }
    }
    closure.node.parameters.forEach((parameter, index) => {
      const value = args[index] ?? emptyValue;
      if (ts.isIdentifier(parameter.name))
        this.#assignName(parameter.name.text, value, inner, parameter);
      else this.#bindPattern(parameter.name, value, inner, parameter);
    });
    const innerFrame: Frame = {
      returns: [],
      breaks: [],
      continues: [],
      throws: [],
      depth: frame.depth + 1,
    };
    this.#body(closure.node, inner, innerFrame);
    const results = innerFrame.returns.map((entry) => entry.value);
    if (results.length === 0) return emptyValue;
    let value = results[0]!;
    for (const other of results.slice(1)) value = joinValues(value, other);
    return value;
  }

  /** Calls a closure as a predicate and returns the state where it returned true. */
  #predicate(
    callback: Value,
    element: Value,
    frame: Frame,
    collection?: string,
  ): GuardFacts | undefined {
    const closure = callback.closure;
    if (closure && isAsyncFunction(closure.node)) {
      // An async predicate returns a Promise, which is always truthy: the filter keeps everything.
      this.#emitCheck(closure.node, 'promise-as-condition', []);
      return undefined;
    }
    if (closure) {
      const parameter = closure.node.parameters[0];
      const body = bodyOf(closure.node);
      if (!parameter || !ts.isIdentifier(parameter.name) || !body) return undefined;
      const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
      const name = parameter.name.text;
      this.#assignName(name, element, inner, parameter);
      const expression = ts.isBlock(body)
        ? body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!)
          ? body.statements[0].expression
          : undefined
        : body;
      if (!expression) return undefined;
      const innerFrame: Frame = {
        returns: [],
        breaks: [],
        continues: [],
        throws: [],
        depth: frame.depth + 1,
      };
      const [whenTrue] = this.#cond(expression, inner, innerFrame);
      const identity = inner.env.get(name)?.identity ?? name;
      const own = this.#facts(whenTrue, identity);
      // `users.filter((_, i) => allowed[i])` with `allowed` mapped from `users`: checks by position.
      return collection === undefined
        ? own
        : meetFacts(own, this.#facts(whenTrue, `@element:${collection}`));
    }
    const unit = callback.functions?.[0];
    const effect = unit?.summary.returnsCheck;
    if (effect && effect.param === 0 && !unit.isAsync) {
      return allowFacts(unknownFacts(this.#all), effect.purposes, effect.mask);
    }
    return undefined;
  }

  /** Calls of library and unknown code: data flows from receiver and arguments to the result. */
  #library(
    kind: CallKind,
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value {
    const callee = skipParens(node.expression);
    const callback = args[0];
    if (
      (name === 'includes' || name === 'has') &&
      receiver?.literals &&
      args[0]?.tierOf !== undefined
    ) {
      return {
        taints: [],
        tierTest: { subject: args[0].tierOf, mask: this.#tierMask(receiver.literals) },
      };
    }
    if (
      receiver &&
      ts.isCallExpression(node) &&
      elementMethods.has(name) &&
      callback &&
      (callback.closure || callback.functions)
    ) {
      return this.#elementCall(name, node, receiver, args, state, frame);
    }
    const channel = ts.isPropertyAccessExpression(callee)
      ? this.#channelKey(node, callee)
      : undefined;
    if (channel !== undefined && name === 'emit') {
      // Data emitted on an event reaches every listener of that event on the same emitter.
      const event = args[0]?.literals?.[0] ?? '';
      this.host.writeChannel(
        channel,
        this.#stamp(mergeTaints(args.slice(1)).taints, state).map((taint) => ({
          ...taint,
          trail: extendTrail(taint.trail, this.#step(node, `emitted as event \`${event}\``)),
        })),
      );
      return emptyValue;
    }
    const listener = args[1];
    if (channel !== undefined && listener && (listener.closure || listener.functions)) {
      this.#callValue(listener, [{ taints: this.host.channel(channel) }], state, frame, node);
      return emptyValue;
    }
    if (receiver && name === 'then' && callback && (callback.closure || callback.functions)) {
      const resolved = this.#await(receiver, state);
      return this.#callValue(callback, [resolved], state, frame, node);
    }
    if (receiver && collectionWriters.has(name) && ts.isPropertyAccessExpression(callee)) {
      const written = mergeTaints(args);
      if (written.taints.length > 0) {
        // A record pushed into a fresh collection (or one of records) keeps its shape.
        const record = args.length === 1 && args[0]?.fields ? args[0] : undefined;
        const shape =
          record === undefined
            ? undefined
            : mapValueTaints(record, (taints) => this.#stamp(taints, state));
        const element =
          shape === undefined
            ? undefined
            : receiver.element
              ? joinValues(receiver.element, shape)
              : receiver.taints.length === 0
                ? shape
                : undefined;
        const { element: _previous, ...rest } = receiver;
        this.#assign(
          callee.expression,
          {
            ...rest,
            taints: unionTaints(receiver.taints, this.#stamp(written.taints, state)),
            ...(element === undefined ? {} : { element }),
          },
          state,
          frame,
        );
      }
      return receiver;
    }
    if (
      name === 'assign' &&
      ts.isPropertyAccessExpression(callee) &&
      accessChain(callee).join('.') === 'Object.assign'
    ) {
      const [target, ...sources] = node.arguments ?? [];
      const value = mergeTaints(args);
      if (target && sources.length > 0)
        this.#assign(target, { ...(args[0] ?? emptyValue), taints: value.taints }, state, frame);
      return value;
    }
    // Callbacks handed to code we do not see run later, with what that code gives them.
    let middleware: readonly string[] | undefined;
    for (const argument of args) {
      if (argument.middleware) middleware = argument.middleware;
      if (argument.closure) {
        const closure = argument.closure;
        const params = closure.node.parameters.map((parameter) =>
          this.#sourceByType(parameter.name, emptyValue, parameter),
        );
        const inner =
          middleware &&
          closure.node.parameters[0] &&
          ts.isIdentifier(closure.node.parameters[0].name)
            ? this.#withAllowed(closure, closure.node.parameters[0].name.text, middleware)
            : closure;
        this.#invoke(inner, params, state, frame);
      } else if (argument.functions) {
        for (const unit of argument.functions) {
          if (middleware) {
            // A named handler registered after consent middleware starts with its request allowed.
            this.host.guardEntry(unit, 0, middleware);
            continue;
          }
          this.#applySummary(
            unit,
            node,
            unit.params.map(() => emptyValue),
            state,
          );
        }
      }
    }
    const data = [...args.filter((argument) => !argument.closure && !argument.functions)];
    if (receiver) {
      // A service injected through another function's parameter (`this.store.user(id)`) is not data.
      data.push({
        taints: receiver.taints.filter(
          (taint) => taint.param === undefined || taint.param.unit.id === this.unit.id,
        ),
      });
    }
    const value = mergeTaints(data);
    const identity = this.#loaderIdentity(node, args);
    if (kind.kind === 'builtin' && name === 'all' && args[0]?.check) {
      return { taints: [], check: args[0].check };
    }
    if (kind.kind === 'builtin') {
      // `Promise.all(rows)`, `Array.from(rows)`: one collection in, the same elements out.
      const carried = data.filter((entry) => entry.taints.length > 0);
      const only =
        carried.length === 1 ? args.find((arg) => arg.taints === carried[0]?.taints) : undefined;
      if (only?.identity !== undefined && identity.identity === undefined) {
        return { ...value, identity: only.identity, ...(only.linked ? { linked: true } : {}) };
      }
      return { ...value, ...identity };
    }
    // Data from parameters (ids, services) does not make the result personal; its type may
    // (not an SDK factory's: see `sdkFactories`).
    if (
      value.taints.every((taint) => taint.param !== undefined) &&
      !(kind.kind === 'sdk' && sdkFactories.has(kind.name))
    ) {
      return this.#sourceByType(node, { ...value, ...identity }, node);
    }
    return { ...value, ...identity };
  }

  /** The key of an event channel: the emitter's declaration and the event name, for emit and listener calls. */
  #channelKey(
    node: ts.CallExpression | ts.NewExpression,
    callee: ts.PropertyAccessExpression,
  ): string | undefined {
    return eventChannelKey(node, callee, this.host.oracle);
  }

  #withAllowed(closure: Closure, subject: string, purposes: readonly string[]): Closure {
    const subjects = new Map(closure.subjects);
    subjects.set(subject, allowFacts(unknownFacts(this.#all), purposes, this.#all));
    return { ...closure, subjects, unstable: closure.unstable };
  }

  #callValue(
    callback: Value,
    args: readonly Value[],
    state: State,
    frame: Frame,
    node: ts.CallExpression | ts.NewExpression,
  ): Value {
    if (callback.closure) return this.#invoke(callback.closure, args, state, frame);
    let result: Value | undefined;
    for (const unit of callback.functions ?? []) {
      const one = this.#applySummary(unit, node, args, state);
      result = result ? joinValues(result, one) : one;
    }
    return result ?? emptyValue;
  }

  #elementCall(
    name: string,
    node: ts.CallExpression,
    receiver: Value,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): Value {
    const callback = args[0]!;
    const closureParam = (callback.closure?.node.parameters ?? callback.functions?.[0]?.params)?.[
      name === 'reduce' ? 1 : 0
    ];
    const paramName =
      closureParam && ts.isIdentifier(closureParam.name) ? closureParam.name.text : undefined;
    const element = this.#element(receiver, paramName);
    if (name === 'filter' || name === 'find' || name === 'findLast') {
      const facts = this.#predicate(callback, element, frame, receiver.identity);
      if (!facts) return receiver;
      return {
        ...receiver,
        taints: receiver.taints.map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, { possible: facts.possible, allowed: facts.allowed }),
        })),
      };
    }
    if (name === 'reduce') {
      const initial = args[1] ?? emptyValue;
      const result = this.#callValue(callback, [initial, element], state, frame, node);
      return mergeTaints([initial, result]);
    }
    const result = this.#callValue(callback, [element], state, frame, node);
    if (name === 'map' || name === 'flatMap') {
      // The callback's results are elements again: facts about the parameter go back to the collection.
      const subject = receiver.identity;
      const taints =
        paramName === undefined
          ? result.taints
          : result.taints.map((taint) =>
              taint.subject === paramName ? { ...taint, subject: subject ?? '' } : taint,
            );
      return {
        taints,
        ...(receiver.identity !== undefined ? { identity: receiver.identity } : {}),
        ...(receiver.linked ? { linked: true } : {}),
        ...(result.check
          ? {
              check:
                result.check.subject === paramName && receiver.identity !== undefined
                  ? { ...result.check, subject: `@element:${receiver.identity}` }
                  : result.check,
            }
          : {}),
      };
    }
    if (name === 'sort' || name === 'toSorted') return receiver;
    return emptyValue;
  }

  /** An element of a collection: a fresh subject per element unless the collection belongs to one subject. */
  #element(collection: Value, name: string | undefined): Value {
    const content = collection.personalContent ? { personalContent: true } : {};
    // The fields of the records pushed into it, when all its data came in through them.
    const shape =
      collection.element?.fields && shapeCovers(collection.element, collection.taints)
        ? collection.element.fields
        : undefined;
    if (collection.linked && collection.identity !== undefined) {
      return {
        taints: collection.taints,
        identity: collection.identity,
        linked: true,
        ...content,
        ...(shape ? { fields: shape } : {}),
      };
    }
    const subject = collection.identity;
    const rename = (list: readonly Taint[]): Taint[] =>
      list.map((taint) =>
        subject !== undefined && taint.subject === subject
          ? { ...taint, subject: name ?? '' }
          : taint,
      );
    const fields =
      shape === undefined
        ? undefined
        : new Map([...shape].map(([key, field]) => [key, mapValueTaints(field, rename)]));
    return {
      taints: rename(collection.taints),
      ...(name !== undefined ? { identity: name } : {}),
      ...content,
      ...(fields ? { fields } : {}),
    };
  }

  // ----- personal data -------------------------------------------------------------------

  /** A value read from code we do not see is personal when its type holds personal data. */
  #sourceByType(at: ts.Node, value: Value, node: ts.Node): Value {
    const type = this.host.oracle.typeOf(at);
    if (!type) return value;
    const category = this.#personalType(type, 3);
    if (!category) return value;
    const text = ts.isIdentifier(at) ? at.text : shorten(node.getText());
    return {
      ...value,
      taints: unionTaints(value.taints, [
        {
          key: `source:${this.#locKey(node)}`,
          subject:
            ts.isParameter(node) && ts.isIdentifier(node.name)
              ? node.name.text
              : (value.identity ?? ''),
          category,
          facts: unknownFacts(this.#all),
          trail: [this.#step(node, `\`${text}\` holds personal data (${category})`)],
        },
      ]),
    };
  }

  #typeIsPersonalOrUnknown(node: ts.Node): boolean {
    const type = this.host.oracle.typeOf(node);
    if (!type) return true;
    // `any`, `unknown` and type parameters say nothing: keep the data.
    if (this.host.oracle.isOpaque(type)) return true;
    return this.#personalType(type, 3) !== undefined;
  }

  /** The category of personal data a type holds, or undefined. */
  #personalType(type: OracleType, depth: number): string | undefined {
    const top = this.#exploring.size === 0;
    if (top) {
      const cached = this.#personalTypes.get(type.key);
      if (cached !== undefined) return cached ?? undefined;
    }
    if (depth <= 0 || this.#exploring.has(type.key)) return undefined;
    this.#exploring.add(type.key);
    let category: string | undefined;
    try {
      const declarations = this.host.oracle.declarationsOfType(type);
      for (const declaration of declarations) {
        const sources = this.host.model.sources.get(declaration);
        if (sources?.[0]) category = sources[0].mapping.category;
      }
      // Libraries (the standard library, npm packages) declare no personal fields of the project.
      const projectType = declarations.every(
        (declaration) =>
          this.host.oracle.packageOf(declaration.getSourceFile().fileName) === undefined &&
          !declaration.getSourceFile().isDeclarationFile,
      );
      if (!category && projectType) {
        for (const member of this.host.oracle.membersOf(type)) {
          category = this.#personalDeclarations(member.declarations);
          if (!category && member.type) category = this.#personalType(member.type, depth - 1);
          if (category) break;
        }
      }
      if (!category) {
        for (const part of this.host.oracle.partsOf(type)) {
          category = this.#personalType(part, depth);
          if (category) break;
        }
      }
    } finally {
      this.#exploring.delete(type.key);
    }
    if (top) this.#personalTypes.set(type.key, category ?? null);
    return category;
  }

  /** The category a member is marked with (`@personal`) or declared as (`code.sources`). */
  #personalDeclarations(declarations: readonly ts.Node[]): string | undefined {
    for (const declaration of declarations) {
      // A member of a type the policy declares personal as a whole is personal.
      const sources =
        this.host.model.sources.get(declaration) ?? this.host.model.sources.get(declaration.parent);
      if (sources?.[0]) return sources[0].mapping.category;
      if (!ts.canHaveDecorators(declaration)) continue;
      for (const decorator of ts.getDecorators(declaration) ?? []) {
        const call = decorator.expression;
        if (
          ts.isCallExpression(call) &&
          this.host.classifier.sdkNameOf(call.expression) === 'personal'
        ) {
          return literalText(call.arguments[0]) ?? 'personal';
        }
      }
    }
    return undefined;
  }

  #personalProperty(node: ts.PropertyAccessExpression): string | undefined {
    if (!this.host.personalMemberNames.has(node.name.text)) return undefined;
    return this.#personalDeclarations(this.host.oracle.declarationsOf(node));
  }

  #personalBinding(element: ts.BindingElement): string | undefined {
    // The SDK's markers are functions, never personal data.
    if (this.host.classifier.markerBinding(element) !== undefined) return undefined;
    return this.#personalDeclarations(this.host.oracle.bindingPropertyDeclarationsOf(element));
  }

  // ----- helpers -------------------------------------------------------------------------

  /** Taints with the guard facts of the current path recorded on them (they travel with the data). */
  #stamp(taints: readonly Taint[], state: State): Taint[] {
    return taints.map((taint) => ({
      ...taint,
      facts: meetFacts(taint.facts, this.#facts(state, taint.subject)),
    }));
  }

  #stampValue(value: Value, state: State): Value {
    if (value.taints.length === 0) return value;
    const taints = this.#stamp(value.taints, state).filter(
      (taint) => !taint.param || taint.param.unit.id === this.unit.id,
    );
    return { ...value, taints };
  }

  #emitCheck(node: ts.Node, problem: CheckCallEvent['problem'], purposes: readonly string[]): void {
    if (!this.report) return;
    this.host.emitCheck({
      location: this.#location(node),
      problem,
      check: shorten(node.getText()),
      purposes,
    });
  }

  #location(node: ts.Node): Location {
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

  #step(node: ts.Node, note: string): FlowStep {
    const { file, line, column } = this.#location(node);
    return { file, line, column, note };
  }

  #locKey(node: ts.Node): string {
    return `${node.getSourceFile().fileName}:${node.getStart()}`;
  }
}

function skipParens(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

const channelMethods = new Set(['emit', 'on', 'once', 'addListener', 'prependListener']);

/** The channel an `emit`/`on` call uses: the emitter's declaration and the event name, or undefined. */
export function eventChannelKey(
  node: ts.CallExpression | ts.NewExpression,
  callee: ts.PropertyAccessExpression,
  oracle: TypeOracle,
): string | undefined {
  if (!channelMethods.has(callee.name.text)) return undefined;
  const event = node.arguments?.[0];
  if (!event || !ts.isStringLiteralLike(event)) return undefined;
  const emitter = oracle.declarationsOf(callee.expression)[0];
  if (!emitter) return undefined;
  const file = emitter.getSourceFile();
  return `${file.fileName}:${emitter.getStart(file)}:${event.text}`;
}

/** An id read: `user.id`, `conversation.userId`, `userId`. */
function isIdLike(node: ts.Expression): boolean {
  const inner = skipParens(node);
  const name = ts.isPropertyAccessExpression(inner)
    ? inner.name.text
    : ts.isIdentifier(inner)
      ? inner.text
      : '';
  return /(^id$|Id$|_id$)/.test(name);
}

function boolLiteral(node: ts.Expression): boolean | undefined {
  const inner = skipParens(node);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))
    return name.text;
  return undefined;
}

/** The fields an object pattern's `...rest` keeps of a value with known fields, as one value. */
function restFields(pattern: ts.ObjectBindingPattern, value: Value): Value | undefined {
  if (!value.fields || value.fields.size === 0) return undefined;
  const taken = new Set<string>();
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) continue;
    const key =
      element.propertyName !== undefined
        ? propertyKey(element.propertyName)
        : ts.isIdentifier(element.name)
          ? element.name.text
          : undefined;
    // A computed key may take any field: nothing is known to stay.
    if (key === undefined) return undefined;
    taken.add(key);
  }
  const fields = new Map([...value.fields].filter(([key]) => !taken.has(key)));
  return { ...mergeTaints([...fields.values()]), fields };
}

/** Whether an expression is always falsy: `undefined`, `null`, `false`, `void x`, `0`, `''`. */
function isFalsyLiteral(expression: ts.Expression): boolean {
  const node = skipParens(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isVoidExpression(node)) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  if (ts.isStringLiteralLike(node)) return node.text === '';
  return node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.FalseKeyword;
}

/** Whether an operator compares for equality (`===`, `==`) or inequality (`!==`, `!=`). */
function comparisonOf(operator: ts.SyntaxKind): 'equal' | 'unequal' | undefined {
  if (
    operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    operator === ts.SyntaxKind.EqualsEqualsToken
  )
    return 'equal';
  if (
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsToken
  )
    return 'unequal';
  return undefined;
}

/** Conditions `#cond` takes apart (negation, `&&`/`||`, comparisons, `includes`) rather than evaluates. */
function isStructuralCondition(node: ts.Expression): boolean {
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      comparisonOf(operator) !== undefined
    );
  }
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    (node.expression.name.text === 'includes' || node.expression.name.text === 'has')
  );
}

function declarationNameIs(declaration: ts.Node, name: string): boolean {
  const own = (declaration as { name?: ts.Node }).name;
  return own !== undefined && ts.isIdentifier(own) && own.text === name;
}

function subjectParamIndex(selector: ts.ArrowFunction | ts.FunctionExpression): number {
  const body = selector.body;
  let expression: ts.Expression | undefined = ts.isBlock(body)
    ? body.statements.find(ts.isReturnStatement)?.expression
    : body;
  while (
    expression &&
    (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression))
  ) {
    if (
      ts.isElementAccessExpression(expression) &&
      ts.isNumericLiteral(expression.argumentExpression)
    ) {
      return Number(expression.argumentExpression.text);
    }
    expression = expression.expression;
  }
  if (expression && ts.isIdentifier(expression)) {
    const index = selector.parameters.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === expression.text,
    );
    if (index >= 0) return index;
  }
  return 0;
}

function enclosingFunctionBody(node: ts.Node): ts.Node | undefined {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current))
    current = current.parent;
  return current;
}

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 80 ? `${single.slice(0, 77)}...` : single;
}

/** A path relative to the root, with forward slashes. */
export function relativePath(root: string, fileName: string): string {
  const normalisedRoot = root.replace(/\\/g, '/').replace(/\/$/, '');
  const normalised = fileName.replace(/\\/g, '/');
  return normalised.startsWith(`${normalisedRoot}/`)
    ? normalised.slice(normalisedRoot.length + 1)
    : normalised;
}
