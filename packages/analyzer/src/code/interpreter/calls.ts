import { ts } from 'ts-morph';
import { idName, promiseTypeName } from '../../catalogue/builtins.js';
import type { FileApiEntry } from '../../catalogue/file-apis.js';
import type { ObjectStorageEntry } from '../../catalogue/object-storage.js';
import { defaultCategory, sdkEntry } from '../../catalogue/sdk.js';
import type { FlowStep } from '../../findings.js';
import { boundMember, type CallKind, isSdkFactory } from '../classify.js';
import { allowFacts, type GuardFacts, joinFacts, meetFacts, unknownFacts } from '../lattice.js';
import {
  bodyOf,
  type FileWrite,
  isAsyncFunction,
  type ParamCalls,
  type PassedFunction,
  type Precondition,
  type Summary,
  type Unit,
} from '../units.js';
import {
  type CheckFact,
  type Closure,
  emptyValue,
  extendTrail,
  type IterableOperator,
  joinValues,
  mapValueTaints,
  mergeTaints,
  narrowTaint,
  paramFileKey,
  type StoredOrigin,
  type Taint,
  unionTaints,
  type Value,
} from '../values.js';
import { Expressions } from './expressions.js';
import { purposeParam, purposeParamIndex } from './purpose-params.js';
import { type Frame, guardsAtEnd, State } from './state.js';
import { declarationNameIs, shorten, skipParens } from './syntax.js';

/** Calls: the SDK, policy guards, sources, sinks, project functions and closures. */

/** The data a call hands over besides the functions it passes: what those may be given. */
function handedData(args: readonly Value[]): Value {
  return mergeTaints(args.filter((arg) => !arg.closure && !arg.functions && !arg.bound));
}

/** The flow steps `handSite` made: where a function handed over is run or handed on. */
const handSites = new WeakSet<FlowStep>();

export abstract class Calls extends Expressions {
  /** The route guards the function body evaluated last registered on every path to its end. */
  protected bodyGuards: ReadonlySet<string> = new Set();

  /** A call of a catalogued file, folder or path API (library-calls.ts). */
  protected abstract fileCall(
    entry: FileApiEntry,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value;
  /** A call of a catalogued object storage API (library-calls.ts). */
  protected abstract objectCall(
    entry: ObjectStorageEntry,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
  ): Value;
  /** Runs operators over iterables on a source (library-calls.ts). */
  protected abstract applyOperators(
    source: Value,
    operators: readonly IterableOperator[],
    state: State,
    frame: Frame,
  ): Value;
  /** A call of project functions that register routes on an app they are handed (library-calls.ts). */
  protected abstract handApps(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    state: State,
  ): void;
  /** A callee's path key at a call, from the arguments (library-calls.ts). */
  protected abstract resolveFileKey(key: string, args: readonly Value[]): string | undefined;
  /** The project functions a value is (`upload`, an inline closure), if it is any (library-calls.ts). */
  protected abstract functionsOf(value: Value | undefined): readonly Unit[] | undefined;
  /** Applies a callee's write to a file at a call (library-calls.ts). */
  protected abstract applyFileWrite(
    unit: Unit,
    write: FileWrite,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): void;

  protected call(node: ts.CallExpression | ts.NewExpression, state: State, frame: Frame): Value {
    const callee = skipParens(node.expression);
    let receiver: Value | undefined;
    let calleeValue: Value | undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      receiver = this.expression(callee.expression, state, frame);
    } else if (ts.isIdentifier(callee)) {
      calleeValue = state.env.get(callee.text);
    } else if (callee.kind !== ts.SyntaxKind.SuperKeyword) {
      calleeValue = this.expression(callee, state, frame);
    }
    const args = (node.arguments ?? []).map((argument) =>
      this.expression(ts.isSpreadElement(argument) ? argument.expression : argument, state, frame),
    );
    if (calleeValue?.closure) {
      const value = this.invoke(calleeValue.closure, args, state, frame);
      // A function called here runs now: the guards it registers on every path are registered here.
      for (const key of this.bodyGuards) state.guards.add(key);
      return value;
    }
    if (calleeValue?.bound) return this.callBound(calleeValue.bound, node, args, state, frame);
    // A composed operator (`pipe(map(fn))(rows)`) runs on its argument.
    if (calleeValue?.operators && args[0])
      return this.applyOperators(args[0], calleeValue.operators, state, frame);
    // `await import(name)`: a module the analysis does not follow.
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      return {
        taints: [],
        untraced: `it comes from a dynamic import (\`${shorten(node.getText())}\`)`,
      };
    }
    if (ts.isIdentifier(callee) && args.length === 0) this.continuation(callee.text, state);
    if (this.wrapped && ts.isIdentifier(callee)) this.handlerCall(callee.text, args, state);
    else if (ts.isIdentifier(callee)) this.paramCall(callee.text, node, args, state);
    else if (
      !this.wrapped &&
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression)
    )
      this.paramCall(callee.expression.text, node, args, state, callee.name.text);
    const kind = this.host.classifier.classify(node);
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    return this.dispatch(kind, name, node, args, receiver, state, frame);
  }

  /** A call of what `kind` says the callee is, with these arguments and receiver. */
  protected dispatch(
    kind: CallKind,
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value {
    switch (kind.kind) {
      case 'sdk':
        return this.sdkCall(kind.name, node, args, receiver, state, frame);
      case 'guard':
        return this.policyGuard(kind, node, args, state);
      case 'sanitizer':
        return emptyValue;
      case 'source': {
        // One fact per category: a table's rows hold each category its mapped columns hold.
        const categories = [...new Set(kind.entries.map((entry) => entry.entry.category))];
        return {
          taints: (categories.length > 0 ? categories : [defaultCategory]).map(
            (category, index) => ({
              key: `source:${this.locKey(node)}${index === 0 ? '' : `:${index}`}`,
              subject: '',
              categories: [category],
              ...(kind.columns
                ? {
                    fields: kind.entries
                      .filter((entry) => entry.entry.category === category)
                      .flatMap((entry) => kind.columns?.get(entry) ?? ['*']),
                  }
                : {}),
              facts: unknownFacts(this.all),
              trail: [
                this.step(
                  node,
                  `\`${shorten(kind.columns ? node.getText().replace(/\s*\n\s*/g, '') : node.expression.getText())}\` returns personal data (${category})`,
                ),
              ],
            }),
          ),
          ...this.loaderIdentity(node, args),
        };
      }
      case 'sink':
        return this.sink(kind, node, args, state);
      case 'file':
        return this.fileCall(kind.entry, node, args, state);
      case 'object':
        return this.objectCall(kind.entry, node, args, receiver, state);
      case 'project':
        if (kind.processes) {
          this.host.recordSink(this.location(node), {
            symbol: this.unit.name,
            sink: kind.processes.label,
            purposes: [...kind.processes.purposes].sort(),
          });
        }
        return this.project(kind.units, node, args, receiver, state, frame, kind.passedAs);
      case 'invoke':
        return this.invokeThrough(kind, name, node, args, receiver, state, frame);
      case 'bound':
        // Arguments bound where the function was bound elsewhere are not known here.
        return this.dispatch(
          kind.target,
          name,
          node,
          [...Array.from({ length: kind.leading }, () => emptyValue), ...args],
          undefined,
          state,
          frame,
        );
      default:
        return this.library(kind, name, node, args, receiver, state, frame);
    }
  }

  /**
   * A call through a function invoker (`add.call(queue, row)`, `add.apply(queue, [row])`): the
   * direct call, with `this` and the arguments the invoker passes on; `bind` returns the
   * function that makes that call later. Library code the function may be just gets the data.
   */
  protected invokeThrough(
    kind: Extract<CallKind, { kind: 'invoke' }>,
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value {
    const { invoker, target } = kind;
    const self = args[invoker.thisArgument];
    const given = invoker.asArray
      ? spreadArguments(args[invoker.passesFrom])
      : args.slice(invoker.passesFrom);
    // `fn.call(undefined, row)` of a parameter: a call of it, as `fn(row)` is.
    const callee = skipParens(node.expression);
    if (
      !invoker.binds &&
      !this.wrapped &&
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression)
    )
      this.paramCall(callee.expression.text, node, given, state);
    if (target.kind === 'builtin' || target.kind === 'unknown' || target.kind === 'invoke') {
      return this.library(target, name, node, args, receiver, state, frame);
    }
    if (invoker.binds) {
      return { taints: [], bound: { target, args: given, ...(self ? { receiver: self } : {}) } };
    }
    return this.dispatch(target, name, node, given, self, state, frame);
  }

  /**
   * A function written inline and handed to a project function (`withRetry(() =>
   * upload(row))`, `each(rows, (row) => upload(row.prompt))`) runs there, at some point: its
   * body runs here, behind the guards on this path, each parameter given what its declared type
   * holds and whatever data the call hands over (the project function may pass it on). A guard
   * wrapper's handler (`withConsent(async (user) => …)`) is left to `wrappedHandlers`, which
   * runs it behind the wrapper's check.
   */
  protected handedClosures(
    units: readonly Unit[],
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): void {
    const handed: [number, Closure, string | undefined][] = [];
    const own = (value: Value | undefined) =>
      value?.closure !== undefined && this.host.unitOf(value.closure.node) === undefined;
    for (const [index, arg] of args.entries()) {
      if (units.some((unit) => unit.summary.callsHandler?.param === index)) continue;
      if (own(arg)) handed.push([index, arg.closure!, undefined]);
      // An options object's functions (`run({ rows, onRow: async (row) => … })`) are handed over
      // with it.
      else
        for (const [member, value] of arg.fields ?? [])
          if (own(value)) handed.push([index, value.closure!, member]);
    }
    if (handed.length === 0) return;
    const data = handedData(args);
    for (let [position, closure, member] of handed) {
      const { facts, sites } = this.handedTo(units, position, args, state, member);
      const params = closure.node.parameters.map((parameter, index) => {
        const at = facts?.[index];
        // What the callee checked before handing this argument over holds in the closure.
        if (at && at.allowed.size > 0 && ts.isIdentifier(parameter.name)) {
          const subjects = new Map(closure.subjects);
          subjects.set(parameter.name.text, at);
          closure = { ...closure, subjects };
        }
        return this.handedValue(parameter, this.asParameter(parameter, data, state), at, sites);
      });
      this.invoke(closure, params, state, frame);
    }
  }

  /**
   * A function written inline in a function and stored in a collection
   * (`this.#handlers.set('fine-tune', async (exchange) => …)`) runs whenever the code that takes
   * it out calls it, on data the analysis does not see: its body runs here, each parameter given
   * what its declared type holds, behind none of this path's route guards. What it captured
   * keeps what was checked about it. (One written at module top level is a unit of its own, an
   * entry point.)
   */
  protected storedClosures(
    args: readonly Value[],
    call: ts.CallExpression | ts.NewExpression,
    state: State,
    frame: Frame,
  ): void {
    for (const arg of args) {
      const closure = arg.closure;
      if (closure === undefined || this.host.unitOf(closure.node) !== undefined) continue;
      const site = this.step(
        call,
        `\`${shorten(call.expression.getText())}\` keeps the function, for code that runs it later`,
      );
      // Its parameters are its own, whatever the names around it were checked for.
      const subjects = new Map(closure.subjects);
      for (const parameter of closure.node.parameters) {
        if (ts.isIdentifier(parameter.name)) subjects.delete(parameter.name.text);
      }
      const params = closure.node.parameters.map((parameter) =>
        this.handedValue(parameter, emptyValue, undefined, [site]),
      );
      const detached = state.clone();
      detached.guards = new Set();
      this.invoke({ ...closure, subjects }, params, detached, frame);
    }
  }

  /**
   * The data a call hands over, as what an inline function's parameter holds there: with the
   * guard facts of this path on it, and about the parameter's subject, so a check of the
   * parameter in the function (`if (!(await consent.allows(row, …))) return;`) covers it.
   */
  protected asParameter(parameter: ts.ParameterDeclaration, data: Value, state: State): Value {
    if (!ts.isIdentifier(parameter.name) || data.taints.length === 0) return data;
    const subject = parameter.name.text;
    return mapValueTaints(data, (taints) =>
      this.stamp(taints, state).map((taint) => ({ ...taint, subject })),
    );
  }

  /**
   * What the project functions a function is handed to establish at their calls of it, per
   * argument (`callsParams`, when they call it in place), and where they run it: a change there
   * changes what it is handed, so the flows of what it is handed go through there.
   */
  protected handedTo(
    units: readonly Unit[],
    position: number,
    args: readonly Value[],
    state: State,
    member?: string,
  ): { facts: readonly GuardFacts[] | undefined; sites: readonly FlowStep[] } {
    const calls = this.callsOfParam(units, position, member);
    return {
      facts: calls ? this.factsAtCall(calls, args, state) : undefined,
      sites:
        calls?.sites ??
        units.map((unit) =>
          this.handSite(unit.node, `\`${unit.name}\` runs the function it is handed`),
        ),
    };
  }

  /**
   * A parameter of a function handed to project functions, as they may call it: what its type
   * holds and the data the call hands over, through the sites that run it, with what they
   * checked.
   */
  protected handedValue(
    parameter: ts.ParameterDeclaration,
    data: Value,
    facts: GuardFacts | undefined,
    sites: readonly FlowStep[],
  ): Value {
    return mapValueTaints(
      joinValues(this.sourceByType(parameter.name, emptyValue, parameter), data),
      (taints) =>
        taints.map((taint) => ({
          ...taint,
          trail: [...taint.trail, ...sites],
          ...(facts && facts.allowed.size > 0 ? { facts: meetFacts(taint.facts, facts) } : {}),
        })),
    );
  }

  /**
   * The guard facts, per argument, at every call the callees make of their parameter `index`
   * (`callsParams`), when each callee calls it only in place (it neither stores nor hands it on)
   * and calls it at all; joined over the callees.
   */
  protected callsOfParam(
    units: readonly Unit[],
    index: number,
    member?: string,
  ): ParamCalls | undefined {
    let joined: ParamCalls | undefined;
    for (const unit of units) {
      const param = unit.params[index];
      const calls =
        member === undefined
          ? unit.summary.callsParams?.get(index)
          : unit.summary.callsParamMembers?.get(`${index}.${member}`);
      const inPlace =
        param !== undefined &&
        (member === undefined
          ? this.host.classifier.calledInPlace(param)
          : this.host.classifier.memberCalledInPlace(param, member));
      if (!calls || !inPlace) return undefined;
      joined = joined ? this.joinCalls(joined, calls) : calls;
    }
    return joined;
  }

  /**
   * A project function bound with arguments and handed to a project function
   * (`forEachExchange(rows, this.shareWithTag.bind(this, tag))`) runs at the call, as an inline
   * function does: with what it was bound to, then for each other parameter what its type holds
   * and the data the call hands over.
   */
  protected boundHandOffs(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): void {
    let data: Value | undefined;
    for (const [position, arg] of args.entries()) {
      const bound = arg.bound;
      if (!bound || bound.args.length === 0 || bound.target.kind !== 'project') continue;
      const [first] = bound.target.units;
      if (!first) continue;
      const { facts, sites } = this.handedTo(units, position, args, state);
      data ??= handedData(args);
      const handed = data;
      const rest = first.params
        .slice(bound.args.length)
        .map((parameter, index) => this.handedValue(parameter, handed, facts?.[index], sites));
      this.callBound(bound, node, rest, state, frame);
    }
  }

  /** A call of a function an invoker bound (`enqueue(row)`, or a callback a method runs). */
  protected callBound(
    bound: NonNullable<Value['bound']>,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): Value {
    return this.dispatch(
      bound.target,
      '',
      node,
      [...bound.args, ...args],
      bound.receiver,
      state,
      frame,
    );
  }

  protected sdkCall(
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value {
    const purposeArg = (index: number) => {
      const argument = node.arguments?.[index];
      const param = this.wrapped ? this.parameterPurpose(args[index]) : undefined;
      if (param !== undefined) return [param];
      const purposes = args[index]?.literals ?? [];
      if (argument)
        for (const purpose of purposes) this.host.emitPurpose(this.location(argument), purpose);
      return purposes;
    };
    const fact = (subjectIndex: number, purposeIndex: number, pending: boolean): CheckFact => ({
      subject: args[subjectIndex]?.identity ?? `#unknown:${this.locKey(node)}`,
      purposes: purposeArg(purposeIndex),
      mask: this.all,
      pending,
      negated: false,
      label: shorten(node.getText()),
      site: this.step(
        node,
        `\`${shorten(node.getText())}\` checks \`${(args[purposeIndex]?.literals ?? []).join(', ')}\``,
      ),
    });
    const entry = sdkEntry(name);
    const subjectIndex = entry?.subjectArgument ?? 0;
    const purposeIndex = entry?.purposeArgument ?? 0;
    switch (entry?.role) {
      case 'check':
        return { taints: [], check: fact(subjectIndex, purposeIndex, entry.async === true) };
      case 'decision':
        return { taints: [], decision: fact(subjectIndex, purposeIndex, entry.async === true) };
      case 'assertion': {
        if (entry.async) return { taints: [], assertion: fact(subjectIndex, purposeIndex, true) };
        this.allowCheck(state, fact(subjectIndex, purposeIndex, false));
        return emptyValue;
      }
      case 'consent-filter': {
        const purposes = purposeArg(purposeIndex);
        const items = args[subjectIndex] ?? emptyValue;
        this.recordGuard(this.step(node, ''), shorten(node.getText()), purposes, this.all);
        const keep = (list: readonly Taint[]): Taint[] =>
          list.map((taint) => ({
            ...taint,
            facts: allowFacts(
              meetFacts(taint.facts, this.facts(state, taint.subject)),
              purposes,
              this.all,
            ),
            trail: extendTrail(
              taint.trail,
              this.step(node, `kept by the consent filter for ${purposes.join(', ')}`),
            ),
          }));
        return {
          taints: keep(items.taints),
          ...(items.element ? { element: mapValueTaints(items.element, keep) } : {}),
        };
      }
      case 'route-middleware': {
        const purposes = purposeArg(purposeIndex);
        this.recordGuard(this.step(node, ''), shorten(node.getText()), purposes, this.all);
        return { taints: [], middleware: purposes };
      }
      case 'pass-through':
        return args[subjectIndex] ?? emptyValue;
      case 'sanitizer':
        return emptyValue;
      case 'purpose-reference':
      case 'enforce-decorator':
      case 'processes-marker':
        purposeArg(purposeIndex);
        return emptyValue;
      default:
        return this.library(
          isSdkFactory(name) ? { kind: 'sdk', name } : { kind: 'unknown', name },
          name,
          node,
          args,
          receiver,
          state,
          frame,
        );
    }
  }

  protected policyGuard(
    kind: Extract<CallKind, { kind: 'guard' }>,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    const guard = kind.entries[0]!.entry;
    const purposes = [...new Set(kind.entries.map((resolved) => resolved.entry.purpose))];
    const subjectIndex = guard.subjectArgument ?? 0;
    const isAsync = this.returnsPromise(node);
    const fact: CheckFact = {
      subject: args[subjectIndex]?.identity ?? `#unknown:${this.locKey(node)}`,
      purposes,
      mask: this.all,
      pending: isAsync,
      negated: false,
      label: shorten(node.getText()),
      site: this.step(node, `\`${shorten(node.getText())}\` checks \`${purposes.join(', ')}\``),
    };
    switch (guard.guard) {
      case 'assertion':
        if (isAsync) return { taints: [], assertion: fact };
        this.allowCheck(state, fact);
        return emptyValue;
      case 'consent-filter': {
        const items = args[subjectIndex] ?? emptyValue;
        return {
          taints: items.taints.map((taint) => ({
            ...taint,
            facts: allowFacts(taint.facts, purposes, this.all),
          })),
        };
      }
      case 'route-middleware':
        return { taints: [], middleware: purposes };
      case 'check':
      case 'field-check':
        return { taints: [], check: fact };
    }
  }

  /**
   * In the function a guard wrapper returns, a purpose that is one of the wrapper's parameters
   * (`consent.allows(user, purpose)`): the purpose that stands for what its callers pass there.
   */
  protected parameterPurpose(value: Value | undefined): string | undefined {
    if (!value || value.literals || value.identity === undefined) return undefined;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === value.identity,
    );
    const own = value.taints.some(
      (taint) => taint.param?.unit === this.unit && taint.param.index === index,
    );
    return index >= 0 && own ? purposeParam(index) : undefined;
  }

  protected returnsPromise(node: ts.Node): boolean {
    const type = this.host.oracle.typeOf(node);
    if (!type) return false;
    return this.host.oracle
      .declarationsOfType(type)
      .some((declaration) => declarationNameIs(declaration, promiseTypeName));
  }

  protected project(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
    passedAs?: { readonly owner: ts.Node; readonly param: number },
  ): Value {
    let result: Value | undefined;
    const outer = this.through;
    for (const unit of units) {
      // A function a caller passed in: what it lifts to this unit's parameters holds for the
      // callers that pass that function only.
      if (passedAs?.owner === this.unit.node)
        this.through = { param: passedAs.param, unit: unit.id };
      let one: Value;
      try {
        one = this.applySummary(unit, node, args, state);
      } finally {
        this.through = outer;
      }
      if (ts.isNewExpression(node) && ts.isConstructorDeclaration(unit.node)) {
        // The instance remembers what its constructor was given, for its getters and methods.
        one = { ...one, instances: [{ constructorId: unit.id, args }] };
      } else {
        one = this.withStored(one, unit, node, receiver);
      }
      result = result ? joinValues(result, one) : one;
    }
    this.handedClosures(units, args, state, frame);
    this.boundHandOffs(units, node, args, state, frame);
    this.handedParams(units, node, args, state);
    this.wrappedHandlers(units, args, state, frame);
    this.handApps(units, node, state);
    let value = result ?? emptyValue;
    // A method marked `@personal` returns personal data.
    const marked = this.personalDeclarations(this.host.oracle.declarationsOf(node));
    if (marked && value.taints.every((taint) => taint.param !== undefined)) {
      value = {
        ...value,
        personalContent: true,
        taints: unionTaints(value.taints, [
          {
            key: `source:${this.locKey(node)}`,
            subject: receiver?.identity ?? '',
            categories: [marked],
            facts: unknownFacts(this.all),
            trail: [
              this.step(node, `\`${shorten(node.getText())}\` returns personal data (${marked})`),
            ],
          },
        ]),
      };
    }
    if (value.taints.every((taint) => taint.param !== undefined)) {
      value = this.sourceByType(node, value, node);
    }
    return value;
  }

  /**
   * A call of a parameter with no argument (`next()`): records what the first parameter's
   * subject (the request, or what it holds: `req.user`) is allowed for every tier there.
   */
  protected continuation(name: string, state: State): void {
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name,
    );
    if (index <= 0 || !state.reachable) return;
    const allowed = this.allowedForRequest(state);
    if (!allowed) return;
    const previous = this.continuations.get(index);
    this.continuations.set(
      index,
      (previous ?? [...allowed]).filter((purpose) => allowed.has(purpose)).sort(),
    );
  }

  /**
   * A handler given to a guard wrapper (`withConsent(async (user, conversation) => …)`) runs when
   * the function the wrapper returns calls it: with the arguments the wrapper checked allowed.
   */
  protected wrappedHandlers(
    units: readonly Unit[],
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): void {
    const wrappers = units.map((unit) => unit.summary.callsHandler);
    const first = wrappers[0];
    if (!first || wrappers.some((wrapper) => wrapper?.param !== first.param)) return;
    const handler = args[first.param];
    // A purpose the wrapper checks with its own parameter is the literal passed there.
    const bound = (purposes: readonly string[]) =>
      purposes.flatMap((purpose) => {
        const param = purposeParamIndex(purpose);
        return param === undefined ? [purpose] : (args[param]?.literals ?? []);
      });
    const allowed = (index: number) =>
      wrappers
        .map((wrapper) => bound(wrapper!.allowed[index] ?? []))
        .reduce((kept, next) => kept.filter((purpose) => next.includes(purpose)));
    if (handler?.closure) {
      let closure = handler.closure;
      closure.node.parameters.forEach((parameter, index) => {
        const purposes = allowed(index);
        if (purposes.length > 0 && ts.isIdentifier(parameter.name))
          closure = this.withAllowed(closure, parameter.name.text, purposes);
      });
      const params = closure.node.parameters.map((parameter) =>
        this.sourceByType(parameter.name, emptyValue, parameter),
      );
      this.invoke(closure, params, state, frame);
    }
    for (const unit of handler?.functions ?? []) {
      unit.params.forEach((_parameter, index) => {
        const purposes = allowed(index);
        if (purposes.length > 0) this.host.guardEntry(unit, index, purposes);
      });
    }
  }

  /**
   * A call of the wrapper's parameter from the function it returns (`handler(user, conversation)`):
   * each argument from that function's parameters, or a subject checked there, is allowed for the
   * purposes allowed for every tier there; kept only where every call agrees.
   */
  protected handlerCall(name: string, args: readonly Value[], state: State): void {
    const wrapped = this.wrapped;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name,
    );
    if (!wrapped || index < 0 || !state.reachable) return;
    const allowed = new Set<string>();
    const checked = new Set<string>();
    for (const [subject, facts] of state.subjects) {
      for (const [purpose, mask] of facts.allowed) {
        if ((mask & facts.possible) === facts.possible && facts.possible !== 0) {
          allowed.add(purpose);
          checked.add(subject);
        }
      }
    }
    const here = args.map((arg) => {
      const identity = arg.identity;
      if (identity === undefined) return [];
      const root = identity.split('.')[0]!;
      return wrapped.params.has(root) || checked.has(identity) ? [...allowed].sort() : [];
    });
    const previous = wrapped.calls.get(index);
    wrapped.calls.set(
      index,
      previous
        ? here.map((purposes, at) => purposes.filter((p) => previous[at]?.includes(p)))
        : here,
    );
  }

  /**
   * A call of one of this function's parameters (`fn(row)`), or of a function an options
   * parameter holds (`options.onItem(item)`, under `index.member`): records, per argument, the
   * guard facts of what it hands there on this path (`row` checked for `model-training`), joined
   * with those of the other calls of the same parameter.
   */
  protected paramCall(
    name: string,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
    member?: string,
  ): void {
    let index = this.paramOfSubject(name);
    // `onItem(item)` of a parameter destructured as `({ items, onItem }: Batch)`.
    if (index < 0 && member === undefined) {
      this.unit.params.forEach((parameter, position) => {
        if (!ts.isObjectBindingPattern(parameter.name)) return;
        for (const element of parameter.name.elements) {
          if (ts.isIdentifier(element.name) && element.name.text === name) {
            index = position;
            member = boundMember(element);
          }
        }
      });
      if (member === undefined) return;
    }
    if (!state.reachable || index < 0) return;
    // Where what it hands over was handed to this function, when a project function ran it
    // (`rows.forEach` aside): a change there changes what the guards here establish.
    const sites = [this.handSite(node, `\`${this.unit.name}\` calls the function it is handed`)];
    for (const arg of args)
      for (const taint of arg.taints)
        for (const step of taint.trail) if (handSites.has(step)) sites.push(step);
    const here: ParamCalls = {
      facts: args.map((arg) =>
        arg.identity === undefined ? unknownFacts(this.all) : this.facts(state, arg.identity),
      ),
      params: args.map((arg) => this.ownParameter(arg)),
      sites,
    };
    if (member === undefined) {
      this.joinParamCall(index, here);
      return;
    }
    const key = `${index}.${member}`;
    const previous = this.memberCalls.get(key);
    this.memberCalls.set(key, previous ? this.joinCalls(previous, here) : here);
  }

  /**
   * The index of this function's parameter a value is, as it was handed in (`exchange`): its
   * name, and nothing but what the caller handed there (not a value assigned to it since).
   */
  protected ownParameter(value: Value | undefined): number | undefined {
    const identity = value?.identity;
    if (identity === undefined || identity.includes('.')) return undefined;
    const index = this.paramOfSubject(identity);
    const own =
      value!.taints.length > 0 &&
      value!.taints.every(
        (taint) => taint.param?.unit.id === this.unit.id && taint.param.index === index,
      );
    return index >= 0 && own ? index : undefined;
  }

  /**
   * What holds, per argument position, at the calls `calls` records, given what this call
   * hands the callee: an argument that is the callee's own parameter also has what holds here
   * for the value this call passes for that parameter.
   */
  protected factsAtCall(calls: ParamCalls, args: readonly Value[], state: State): GuardFacts[] {
    return calls.facts.map((facts, position) => {
      const param = calls.params[position];
      const identity = param === undefined ? undefined : args[param]?.identity;
      return identity === undefined ? facts : meetFacts(facts, this.facts(state, identity));
    });
  }

  /** A step of a flow where a project function runs or hands on a function it is handed. */
  protected handSite(node: ts.Node, note: string): FlowStep {
    const step = this.step(node, note);
    handSites.add(step);
    return step;
  }

  /** Joins one more call of parameter `index` (or of what it is handed on to) into `paramCalls`. */
  protected joinParamCall(index: number, here: ParamCalls): void {
    if (index < 0) return;
    const previous = this.paramCalls.get(index);
    this.paramCalls.set(index, previous ? this.joinCalls(previous, here) : here);
  }

  /** What holds at the calls of two records, and where both were made. */
  protected joinCalls(a: ParamCalls, b: ParamCalls): ParamCalls {
    const sites = [...a.sites];
    for (const site of b.sites) {
      if (
        !sites.some(
          (known) =>
            known.file === site.file && known.line === site.line && known.column === site.column,
        )
      )
        sites.push(site);
    }
    const length = Math.max(a.params.length, b.params.length);
    const params = Array.from({ length }, (_, at) =>
      a.params[at] === b.params[at] ? a.params[at] : undefined,
    );
    return { facts: this.joinArguments(a.facts, b.facts), params, sites };
  }

  /** Facts per argument position that hold at two calls: joined position by position. */
  protected joinArguments(a: readonly GuardFacts[], b: readonly GuardFacts[]): GuardFacts[] {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, at) =>
      joinFacts(a[at] ?? unknownFacts(this.all), b[at] ?? unknownFacts(this.all)),
    );
  }

  /**
   * This function's own parameters handed on to project functions that call them
   * (`inner(rows, fn)` in `outer(rows, fn)`): their calls of it are calls of it made here.
   */
  protected handedParams(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): void {
    if (!state.reachable || this.wrapped) return;
    (node.arguments ?? []).forEach((argument, position) => {
      const name = skipParens(argument);
      if (!ts.isIdentifier(name)) return;
      const calls = this.callsOfParam(units, position);
      if (!calls) return;
      const handing = this.handSite(
        node,
        `\`${this.unit.name}\` hands on the function it is handed`,
      );
      this.joinParamCall(this.paramOfSubject(name.text), {
        facts: this.factsAtCall(calls, args, state),
        params: calls.params.map((param) =>
          param === undefined ? undefined : this.ownParameter(args[param]),
        ),
        sites: [handing, ...calls.sites],
      });
    });
  }

  /**
   * The purposes the first parameter's subject (the request, or what it holds: `req.user`) is
   * allowed for every tier in a state; undefined when the first parameter is not a plain name.
   */
  protected allowedForRequest(state: State): Set<string> | undefined {
    const first = this.unit.params[0];
    if (!first || !ts.isIdentifier(first.name)) return undefined;
    const request = first.name.text;
    const allowed = new Set<string>();
    for (const [subject, facts] of state.subjects) {
      if (subject !== request && !subject.startsWith(`${request}.`)) continue;
      for (const [purpose, mask] of facts.allowed) {
        if ((mask & facts.possible) === facts.possible && facts.possible !== 0)
          allowed.add(purpose);
      }
    }
    return allowed;
  }

  protected applySummary(
    unit: Unit,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    const summary = unit.summary;
    const callStep = this.step(node, `passed to \`${unit.name}\``);
    const preconditions = [...summary.preconditions, ...unit.external.values()];
    const outer = this.through;
    for (const precondition of preconditions) {
      const passed = this.passedThrough(precondition, node, args);
      if (passed === false) continue;
      this.through = passed ?? outer;
      try {
        this.meetPrecondition(precondition, callStep, node, args, state);
      } finally {
        this.through = outer;
      }
    }
    return this.afterPreconditions(unit, summary, node, args, state);
  }

  /**
   * For a precondition that holds only when a given function is passed (`through`): false when
   * this call passes other functions; the parameter of this unit it passes on, when it hands
   * its own parameter over; undefined when it holds here as it is.
   */
  protected passedThrough(
    precondition: Precondition,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
  ): PassedFunction | false | undefined {
    const through = precondition.through;
    if (!through) return undefined;
    // What the argument names by another name than its own (`sinks.training`, `a ? b : c`).
    const argument = node.arguments?.[through.param];
    const named = argument ? this.host.classifier.functionsNamed(argument) : [];
    const given = args[through.param];
    // A function bound with arguments (`share.bind(null, tag)`) runs at the call
    // (`boundHandOffs`), not as the functions other callers pass.
    if (given?.bound && given.bound.args.length > 0 && given.bound.target.kind === 'project')
      return false;
    const value = this.functionsOf(given);
    const passed =
      value === undefined && named.length === 0 ? undefined : [...(value ?? []), ...named];
    if (passed !== undefined)
      return passed.some((unit) => unit.id === through.unit) ? undefined : false;
    // A function written inline here is not that function (`handedClosures` runs it).
    if (args[through.param]?.closure) return false;
    const handed = node.arguments?.[through.param];
    const name = handed && skipParens(handed);
    if (!name || !ts.isIdentifier(name)) return undefined;
    const param = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name.text,
    );
    return param < 0 ? undefined : { param, unit: through.unit };
  }

  /** Data an argument carries meets a callee's precondition here. */
  protected meetPrecondition(
    precondition: Precondition,
    callStep: FlowStep,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): void {
    const argument = args[precondition.param];
    if (precondition.subjectOf) {
      // The callee loads data about the subject this argument identifies: check that subject here.
      const subject: Taint = {
        key: `subject:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`,
        subject: argument?.identity ?? '',
        facts: unknownFacts(this.all),
        trail: [],
        ...(precondition.subjectOf.categories !== undefined
          ? { categories: precondition.subjectOf.categories }
          : {}),
      };
      this.reach(
        subject,
        state,
        node,
        precondition.purposes,
        precondition.sink,
        [callStep, ...precondition.trail],
        precondition.facts,
      );
      return;
    }
    if (!argument) return;
    if (precondition.training && argument.taints.length === 0 && argument.untraced !== undefined) {
      // Data the analysis cannot trace, handed to a function that trains on it: listed, as at
      // a training call written here.
      this.untracedTraining(node, precondition.sink, precondition.purposes, argument.untraced);
      return;
    }
    const given = precondition.stored
      ? this.storedArgument(argument, precondition.stored)
      : argument.taints;
    for (const taint of throughFields(given, precondition.via)) {
      this.reach(
        narrowTaint(taint, precondition.categories),
        state,
        node,
        precondition.purposes,
        precondition.sink,
        [callStep, ...precondition.trail.slice(1)],
        precondition.facts,
        precondition.training === true,
      );
    }
  }

  /** What a callee's summary does at a call besides its preconditions: writes, checks, the value. */
  protected afterPreconditions(
    unit: Unit,
    summary: Summary,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    for (const write of summary.writesFiles ?? [])
      this.applyFileWrite(unit, write, node, args, state);
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
      if (!unit.isAsync) this.allowCheck(state, fact);
      else return { ...this.returned(unit, summary, node, args), assertion: fact };
    }
    const value = this.returned(unit, summary, node, args);
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

  /**
   * A getter or method of an instance the caller holds: what it returns from fields its
   * constructor filled from its parameters is what this instance's constructor was given.
   */
  protected withStored(
    value: Value,
    unit: Unit,
    node: ts.Node,
    receiver: Value | undefined,
  ): Value {
    const stored = unit.summary.returnsStored;
    if (!stored || !receiver) return value;
    const parts: Taint[][] = [];
    // An instance this function was handed (`transcript` a parameter): what its constructor
    // stored stays this parameter's, for the callers to resolve against the instance they pass.
    const handed = receiver.taints.filter(
      (taint) => taint.param?.unit.id === this.unit.id && !taint.stored && !taint.fields,
    );
    for (const given of handed) {
      parts.push(
        stored.flatMap((taint): Taint[] => {
          if (!taint.param) return [];
          const origin: StoredOrigin = {
            constructorId: taint.param.unit.id,
            index: taint.param.index,
            ...(taint.via ? { via: taint.via } : {}),
            inside: taint.trail.slice(1),
          };
          const { via: _via, ...whole } = given;
          return [
            {
              ...whole,
              key: `${given.key}|stored:${origin.constructorId}:${origin.index}`,
              facts: meetFacts(given.facts, taint.facts),
              ...(taint.categories === undefined ? {} : { categories: taint.categories }),
              trail: extendTrail(given.trail, this.step(node, `returned by \`${unit.name}\``)),
              stored: origin,
            },
          ];
        }),
      );
    }
    for (const instance of receiver.instances ?? []) {
      for (const taint of stored) {
        if (taint.param?.unit.id !== instance.constructorId) continue;
        const argument = instance.args[taint.param.index];
        if (!argument) continue;
        // The constructor's part of the trail (`stored in this.#lines`), then the read.
        const inside = taint.trail.slice(1);
        parts.push(
          throughFields(argument.taints, taint.via).map((given) => {
            let trail = given.trail;
            for (const step of inside) trail = extendTrail(trail, step);
            return {
              ...narrowTaint(given, taint.categories),
              facts: meetFacts(given.facts, taint.facts),
              trail: extendTrail(trail, this.step(node, `returned by \`${unit.name}\``)),
            };
          }),
        );
      }
    }
    return parts.length === 0 ? value : { ...value, taints: unionTaints(value.taints, ...parts) };
  }

  /**
   * What the constructor of the instance an argument holds stored from its argument
   * `stored.index`, with the constructor's part of the flow; an instance this function was
   * handed in turn stays its parameter's, for its own callers.
   */
  protected storedArgument(argument: Value, stored: StoredOrigin): Taint[] {
    const found: Taint[] = [];
    for (const instance of argument.instances ?? []) {
      if (instance.constructorId !== stored.constructorId) continue;
      const given = instance.args[stored.index];
      if (!given) continue;
      for (const taint of throughFields(given.taints, stored.via)) {
        let trail = taint.trail;
        for (const step of stored.inside) trail = extendTrail(trail, step);
        found.push({ ...taint, trail });
      }
    }
    for (const taint of argument.taints) {
      if (taint.param?.unit.id !== this.unit.id || taint.stored || taint.fields) continue;
      const { via: _via, ...whole } = taint;
      found.push({
        ...whole,
        key: `${taint.key}|stored:${stored.constructorId}:${stored.index}`,
        stored,
      });
    }
    return found;
  }

  /** A property read that runs a getter of a project class (`transcript.jsonl`). */
  protected getterRead(node: ts.PropertyAccessExpression, object: Value): Value | undefined {
    for (const declaration of this.host.oracle.declarationsOf(node)) {
      if (!ts.isGetAccessorDeclaration(declaration)) continue;
      const unit = this.host.unitOf(declaration);
      if (!unit) continue;
      const value = this.returned(unit, unit.summary, node, []);
      return this.withStored(value, unit, node, object);
    }
    return undefined;
  }

  /**
   * The stand-in for what the file a parameter names holds (`@param:0`): it comes from that
   * parameter, for the callers to resolve against the path they pass.
   */
  protected paramFileTaint(key: string, facts: GuardFacts, step: FlowStep): Taint {
    const index = Number(/^@param:(\d+)/.exec(key)?.[1] ?? 0);
    return {
      key: paramFileKey(this.unit.id, key),
      subject: '',
      facts,
      trail: [step],
      param: { unit: this.unit, index },
    };
  }

  protected returned(unit: Unit, summary: Summary, node: ts.Node, args: readonly Value[]): Value {
    const parts: Taint[][] = [];
    for (const [index, facts] of summary.returnsParams) {
      const argument = args[index];
      if (!argument) continue;
      const kept = summary.returnsParamCategories?.get(index);
      const via = summary.returnsParamFields?.get(index);
      parts.push(
        throughFields(argument.taints, via).map((taint) => ({
          ...narrowTaint(taint, kept),
          facts: meetFacts(taint.facts, facts),
          trail: extendTrail(taint.trail, this.step(node, `returned by \`${unit.name}\``)),
        })),
      );
    }
    for (const { param, stored, facts, trail: inside } of summary.returnsParamStored ?? []) {
      const argument = args[param];
      if (!argument) continue;
      parts.push(
        this.storedArgument(argument, stored).map((taint) => {
          let trail = taint.trail;
          for (const step of inside) trail = extendTrail(trail, step);
          return {
            ...taint,
            facts: meetFacts(taint.facts, facts),
            trail: extendTrail(trail, this.step(node, `returned by \`${unit.name}\``)),
          };
        }),
      );
    }
    // A file the callee reads at the path this call passes: what was written there.
    for (const file of summary.returnsFiles ?? []) {
      const key = this.resolveFileKey(file.key, args);
      if (key === undefined) continue;
      const step = this.step(node, `read back by \`${unit.name}\``);
      if (key.startsWith('@param:')) {
        parts.push([this.paramFileTaint(key, file.facts, step)]);
        continue;
      }
      parts.push(
        this.host.file(key, this.unit).map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, file.facts),
          trail: extendTrail(taint.trail, step),
        })),
      );
    }
    const identityIndex0 = summary.returnsIdentityOf;
    const owner = identityIndex0 === undefined ? undefined : args[identityIndex0]?.identity;
    const sources = summary.returnsSources.map((taint) => ({
      ...taint,
      // Data a loader returns about the subject an argument identifies is that subject's.
      subject: owner ?? '',
      trail: extendTrail(taint.trail, this.step(node, `returned by \`${unit.name}\``)),
    }));
    const identityIndex = summary.returnsIdentityOf;
    const identityArg = identityIndex === undefined ? undefined : args[identityIndex];
    const identity =
      identityArg?.identity !== undefined
        ? { identity: identityArg.identity, linked: true }
        : this.loaderIdentity(node, args);
    return {
      taints: unionTaints(sources, ...parts),
      ...identity,
      ...this.returnedPath(summary, node),
    };
  }

  /** A callee's path key at a call: each temporary folder the callee made is this call's own. */
  protected atCallSite(path: string, node: ts.Node): string {
    const site = this.locKey(node).replaceAll('/', '|');
    return path.replace(/<mkdtemp ([^<>]*)>/g, `<mkdtemp $1 at ${site}>`);
  }

  /**
   * The path keys a function's result carries (`return { path }`), as a value's `path` and
   * fields. A temporary folder the callee made is a new one at each call site: two jobs that
   * use the same helper write different files.
   */
  protected returnedPath(
    summary: Summary,
    node: ts.Node,
  ): { path?: string; fields?: Map<string, Value> } {
    const returned = summary.returnsPath;
    if (!returned) return {};
    const here = (path: string) => this.atCallSite(path, node);
    return {
      ...(returned.path !== undefined ? { path: here(returned.path) } : {}),
      ...(returned.fields && returned.fields.length > 0
        ? {
            fields: new Map(
              returned.fields.map(([name, path]): [string, Value] => [
                name,
                { taints: [], path: here(path) },
              ]),
            ),
          }
        : {}),
    };
  }

  /** A call given an id (`users.get(conversation.userId)`) returns that subject's record. */
  protected loaderIdentity(
    node: ts.Node,
    args: readonly Value[],
  ): { identity?: string; linked?: boolean } {
    const call = node as ts.CallExpression;
    // A request handler's helper given the request itself reads the request's session: its
    // subject is the request's (`currentUser(request)`, `getToken({ req: request })`).
    const request = this.host.requestParam(this.unit);
    if (
      request !== undefined &&
      ((call.arguments ?? []).some((arg) => passes(arg, request)) ||
        // `(await cookies()).get('session')`: the request being handled, read from the context.
        ((call.arguments ?? []).length === 0 && this.host.classifier.readsRequestContext(call)))
    ) {
      return { identity: request, linked: true };
    }
    for (const [index, argument] of (call.arguments ?? []).entries()) {
      const value = args[index];
      if (!value) continue;
      if (value.identity === undefined) {
        // An options object that names the id (`{ where: { accountId: account.id } }`).
        const named = fieldIdentity(value, 0);
        if (named !== undefined) return { identity: named, linked: true };
        continue;
      }
      const text = ts.isPropertyAccessExpression(argument)
        ? argument.name.text
        : ts.isIdentifier(argument)
          ? argument.text
          : '';
      // A table's column (`eq(messages.accountId, account.id)`) names no subject.
      if (ts.isPropertyAccessExpression(argument) && this.host.classifier.isTableColumn(argument)) {
        continue;
      }
      if (value.linked || idName.test(text)) return { identity: value.identity, linked: true };
    }
    return {};
  }

  protected invoke(closure: Closure, args: readonly Value[], state: State, frame: Frame): Value {
    // Recursion (a closure calling itself) is cut at the second entry: its data flows through.
    this.bodyGuards = new Set();
    if (this.active.has(closure.node)) return mergeTaints(args);
    if (this.budget.closureTooDeep(frame.depth)) {
      this.host.emitIncomplete?.({
        location: this.location(closure.node),
        part: 'This call of the function',
        reason: `it is called inside ${frame.depth} functions already being evaluated at their calls`,
        limit: { name: 'closure-depth', value: this.budget.limits['closure-depth'] },
      });
      return mergeTaints(args);
    }
    this.active.add(closure.node);
    try {
      return this.invokeBody(closure, args, state, frame);
    } finally {
      this.active.delete(closure.node);
    }
  }

  protected invokeBody(
    closure: Closure,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): Value {
    const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
    // Called here, it runs behind the route guards registered on every path to here.
    inner.guards = new Set(state.guards);
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
        this.assignName(parameter.name.text, value, inner, parameter);
      else this.bindPattern(parameter.name, value, inner, parameter);
    });
    const innerFrame: Frame = {
      returns: [],
      breaks: [],
      continues: [],
      throws: [],
      depth: frame.depth + 1,
    };
    const end = this.body(closure.node, inner, innerFrame);
    this.bodyGuards = guardsAtEnd(end, innerFrame);
    const results = innerFrame.returns.map((entry) => entry.value);
    if (results.length === 0) return emptyValue;
    let value = results[0]!;
    for (const other of results.slice(1)) value = joinValues(value, other);
    return value;
  }

  protected callValue(
    callback: Value,
    args: readonly Value[],
    state: State,
    frame: Frame,
    node: ts.CallExpression | ts.NewExpression,
  ): Value {
    if (callback.closure) return this.invoke(callback.closure, args, state, frame);
    if (callback.bound) return this.callBound(callback.bound, node, args, state, frame);
    let result: Value | undefined;
    for (const unit of callback.functions ?? []) {
      const one = this.applySummary(unit, node, args, state);
      result = result ? joinValues(result, one) : one;
    }
    return result ?? emptyValue;
  }

  protected withAllowed(closure: Closure, subject: string, purposes: readonly string[]): Closure {
    const subjects = new Map(closure.subjects);
    subjects.set(subject, allowFacts(unknownFacts(this.all), purposes, this.all));
    return { ...closure, subjects, unstable: closure.unstable };
  }

  /** Calls a closure as a predicate and returns the state where it returned true. */
  protected predicate(
    callback: Value,
    element: Value,
    frame: Frame,
    collection?: string,
  ): GuardFacts | undefined {
    const closure = callback.closure;
    if (closure && isAsyncFunction(closure.node)) {
      // An async predicate returns a Promise, which is always truthy: the filter keeps everything.
      this.emitCheck(closure.node, 'promise-as-condition', []);
      return undefined;
    }
    if (closure) {
      const parameter = closure.node.parameters[0];
      const body = bodyOf(closure.node);
      if (!parameter || !ts.isIdentifier(parameter.name) || !body) return undefined;
      const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
      const name = parameter.name.text;
      this.assignName(name, element, inner, parameter);
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
      const [whenTrue] = this.cond(expression, inner, innerFrame);
      const identity = inner.env.get(name)?.identity ?? name;
      const own = this.facts(whenTrue, identity);
      // `users.filter((_, i) => allowed[i])` with `allowed` mapped from `users`: checks by position.
      return collection === undefined
        ? own
        : meetFacts(own, this.facts(whenTrue, `@element:${collection}`));
    }
    const unit = callback.functions?.[0];
    const effect = unit?.summary.returnsCheck;
    if (effect && effect.param === 0 && !unit.isAsync) {
      return allowFacts(unknownFacts(this.all), effect.purposes, effect.mask);
    }
    return undefined;
  }
}

/** How many arguments an array of arguments not written as a literal may stand for. */
const spreadPositions = 8;

/**
 * The arguments an array passes on (`add.apply(queue, [row])`): its elements by position when
 * written as a literal; otherwise any element may be any of the first arguments.
 */
function spreadArguments(array: Value | undefined): readonly Value[] {
  if (!array) return [];
  if (array.items) return array.items;
  const element: Value = { taints: array.taints };
  return Array.from({ length: spreadPositions }, () => element);
}

/**
 * An argument's data that a callee reads only through some fields (`via`): the data those
 * fields hold (by the argument's known fields), which is then the data itself. All of it when
 * the callee uses the whole argument.
 */
export function throughFields(
  taints: readonly Taint[],
  via: readonly string[] | undefined,
): Taint[] {
  if (via === undefined) return [...taints];
  const kept: Taint[] = [];
  for (const taint of taints) {
    if (taint.fields?.includes('*') || via.some((field) => taint.fields?.includes(field))) {
      kept.push({ ...taint, fields: ['*'] });
    } else if (taint.param && !taint.fields) {
      // This function's own parameter: its callers decide, through the same fields.
      kept.push({ ...taint, via: [...new Set([...(taint.via ?? []), ...via])] });
    }
  }
  return kept;
}

/** The identity an object literal's id field holds, a few levels deep (`{ where: { userId } }`). */
function fieldIdentity(value: Value, depth: number): string | undefined {
  if (!value.fields || depth > 2) return undefined;
  for (const [key, field] of value.fields) {
    if (field.identity !== undefined && (field.linked || idName.test(key))) return field.identity;
    const nested = fieldIdentity(field, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** Whether an argument is the variable `name` itself, or an object literal with it as a property's value. */
function passes(argument: ts.Expression, name: string): boolean {
  const node = skipParens(argument);
  if (ts.isIdentifier(node)) return node.text === name;
  if (!ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some(
    (property) =>
      (ts.isShorthandPropertyAssignment(property) && property.name.text === name) ||
      (ts.isPropertyAssignment(property) &&
        ts.isIdentifier(skipParens(property.initializer)) &&
        (skipParens(property.initializer) as ts.Identifier).text === name),
  );
}
