import { ts } from 'ts-morph';
import { enforceSubjectOption, sdkEntry } from '../../catalogue/sdk.js';
import { allowedFor, type GuardFacts, joinFacts, unknownFacts } from '../lattice.js';
import type { GuardEffect, Precondition, Summary, Unit } from '../units.js';
import { emptyValue, paramFileOf, type Taint, unionTaints, type Value } from '../values.js';
import { describeCategories } from '../wording.js';
import type { UnitResult } from './core.js';
import { LibraryCalls } from './library-calls.js';
import { policyPurposes } from './purpose-params.js';
import { type Frame, guardsAtEnd, joinStates, State } from './state.js';
import { literalText, shorten, skipParens, subjectParamIndex } from './syntax.js';

/** Whether a function's body calls one of `names` directly (`handler(user)`), outside nested functions. */
function callsOneOf(node: ts.SignatureDeclaration, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || (child !== node && ts.isFunctionLike(child))) return;
    const callee = ts.isCallExpression(child) ? skipParens(child.expression) : undefined;
    if (callee && ts.isIdentifier(callee) && names.has(callee.text)) found = true;
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/** Evaluates one unit on a structured control-flow walk of its body and computes its summary. */
export class UnitInterpreter extends LibraryCalls {
  run(): UnitResult {
    const node = this.unit.node;
    const state = new State(true, new Map(), new Map());
    const frame: Frame = { returns: [], breaks: [], continues: [], throws: [], depth: 0 };
    let end: State;
    if (ts.isSourceFile(node)) {
      end = this.block(node.statements, state, frame);
    } else {
      this.bindParams(node, state);
      this.applyEnforce(node, state);
      this.enterPluginScope();
      end = this.body(node, state, frame);
    }
    // Guards registered on every path of the body to its end guard its instance's routes in any order.
    this.guardsSure(guardsAtEnd(end, frame));
    const callsHandler = this.wrapperSummary(frame);
    const registersGuards = this.registeredGuards();
    const registersOn = this.registeredOn();
    this.host.instanceHooks(this.unit, this.addedInstanceHooks());
    const summary = this.summarise(end, frame);
    return {
      summary: {
        ...summary,
        ...(callsHandler ? { callsHandler } : {}),
        ...(registersGuards ? { registersGuards } : {}),
        ...(registersOn ? { registersOn } : {}),
      },
      fieldWrites: this.fieldWrites,
      external: this.external,
    };
  }

  /** Reports a precondition of a function no analysed code calls: its personal parameter reaches the sink unguarded. */
  reportPrecondition(precondition: Precondition, categories: readonly string[]): void {
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
        categories,
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
              : `${first.note} holds personal data (${describeCategories(categories)}); no caller in the project checks it`,
          },
          ...rest,
        ]
      : [];
    this.host.emitFlow({
      location: precondition.site,
      purpose: primary,
      purposes: precondition.purposes,
      sink: precondition.sink,
      subject: precondition.subjectName || name,
      categories,
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: policyPurposes(
        [...precondition.facts.allowed.entries()]
          .filter(
            ([purpose, mask]) =>
              !precondition.purposes.includes(purpose) && (mask & unguarded) !== 0,
          )
          .map(([purpose]) => purpose),
      ).sort(),
      guarantees: model.guarantees(primary, unguarded),
      flow,
    });
  }

  protected bindParams(node: ts.SignatureDeclaration, state: State): void {
    node.parameters.forEach((parameter, index) => {
      const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `#${index}`;
      const taint: Taint = {
        key: `param:${this.unit.id}:${index}`,
        subject: name,
        facts: unknownFacts(this.all),
        trail: [this.step(parameter, `parameter \`${name}\` of \`${this.unit.name}\``)],
        param: { unit: this.unit, index },
      };
      const value: Value = { taints: [taint], identity: name };
      if (ts.isIdentifier(parameter.name)) {
        state.env.set(name, value);
        // A parameter property (`constructor(private readonly rows: Row[])`) is a field write.
        if (ts.isParameterPropertyDeclaration(parameter, parameter.parent)) {
          this.writeField(name, value, state, parameter);
        }
      } else {
        this.bindPattern(parameter.name, value, state, parameter);
      }
    });
  }

  /** `@consent.enforce(purpose, { subject: (x) => x })` makes the method start with the subject allowed. */
  protected applyEnforce(node: ts.SignatureDeclaration, state: State): void {
    if (!ts.isMethodDeclaration(node)) return;
    for (const decorator of ts.getDecorators(node) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) continue;
      const name = this.host.classifier.sdkNameOf(call.expression);
      const entry = name === undefined ? undefined : sdkEntry(name);
      const purposeArgument = call.arguments[entry?.purposeArgument ?? 0];
      if (entry?.role === 'processes-marker') {
        const purpose = literalText(purposeArgument);
        if (purpose !== undefined) this.host.emitPurpose(this.location(purposeArgument!), purpose);
      }
      if (entry?.role !== 'enforce-decorator') continue;
      const purpose = literalText(purposeArgument);
      if (purpose === undefined) continue;
      this.host.emitPurpose(this.location(purposeArgument!), purpose);
      let index = 0;
      const options = call.arguments[1];
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            ts.isIdentifier(property.name) &&
            property.name.text === enforceSubjectOption &&
            (ts.isArrowFunction(property.initializer) ||
              ts.isFunctionExpression(property.initializer))
          ) {
            index = subjectParamIndex(property.initializer);
          }
        }
      }
      const parameter = node.parameters[index];
      if (parameter && ts.isIdentifier(parameter.name)) {
        this.allow(state, parameter.name.text, [purpose], this.all);
        this.recordGuard(
          this.step(decorator, ''),
          shorten(decorator.getText()),
          [purpose],
          this.all,
        );
      }
    }
  }

  /**
   * A guard wrapper: the function it returns calls one of its parameters (the handler). Evaluates
   * that function to learn what the handler is handed allowed, at every call of it.
   */
  protected wrapperSummary(frame: Frame): Summary['callsHandler'] {
    if (ts.isSourceFile(this.unit.node)) return undefined;
    const names = new Set(
      this.unit.params.flatMap((parameter) =>
        ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
      ),
    );
    let result: Summary['callsHandler'];
    for (const { value, state } of frame.returns) {
      const closure = value.closure;
      if (!closure || !state.reachable || !callsOneOf(closure.node, names)) continue;
      const params = closure.node.parameters.map((parameter) =>
        this.sourceByType(parameter.name, emptyValue, parameter),
      );
      this.wrapped = {
        params: new Set(
          closure.node.parameters.flatMap((parameter) =>
            ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
          ),
        ),
        calls: new Map(),
      };
      try {
        this.invoke(closure, params, state.clone(), {
          returns: [],
          breaks: [],
          continues: [],
          throws: [],
          depth: 0,
        });
        const [first] = [...this.wrapped.calls];
        if (first && this.wrapped.calls.size === 1) {
          result = { param: first[0], allowed: first[1] };
        }
      } finally {
        this.wrapped = undefined;
      }
    }
    return result;
  }

  /**
   * The purposes the request is allowed for every tier on each of the reachable exits, when
   * there is one; undefined when none is reachable or none is allowed.
   */
  protected returnsOnlyIf(exits: readonly State[]): readonly string[] | undefined {
    const live = exits.filter((state) => state.reachable);
    if (live.length === 0 || ts.isSourceFile(this.unit.node)) return undefined;
    let kept: string[] | undefined;
    for (const state of live) {
      const allowed = this.allowedForRequest(state);
      if (!allowed) return undefined;
      kept = (kept ?? [...allowed]).filter((purpose) => allowed.has(purpose));
    }
    return kept && kept.length > 0 ? kept.sort() : undefined;
  }

  protected summarise(end: State, frame: Frame): Summary {
    const exits = [...frame.returns.map((entry) => entry.state), end].filter((s) => s.reachable);
    const exit = joinStates(exits);
    const names = this.unit.params.map((parameter) =>
      ts.isIdentifier(parameter.name) ? parameter.name.text : undefined,
    );
    const asserts: GuardEffect[] = [];
    const returnsParams = new Map<number, GuardFacts>();
    let returnsSources: Taint[] = [];
    let returnsStored: Taint[] = [];
    const returnsParamStored: NonNullable<Summary['returnsParamStored']>[number][] = [];
    const returnsFiles = new Map<string, GuardFacts>();
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
            if (!here && facts && facts.possible !== this.all)
              here = { param: index, mask: facts.possible };
          });
        } else if (value.bool === true) {
          names.forEach((name, index) => {
            const facts = name === undefined ? undefined : state.subjects.get(name);
            if (!here && facts && facts.possible !== this.all)
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
    // A parameter returned only in part keeps the categories of those parts; returned whole
    // (on any path), all of them.
    const returnsParamCategories = new Map<number, readonly string[] | null>();
    const returnsParamFields = new Map<number, string[] | null>();
    for (const { value } of frame.returns) {
      for (const taint of value.taints) {
        const file = paramFileOf(taint);
        if (file !== undefined) {
          const previous = returnsFiles.get(file);
          returnsFiles.set(file, previous ? joinFacts(previous, taint.facts) : taint.facts);
        } else if (taint.param?.unit === this.unit && taint.stored) {
          const { index } = taint.param;
          const stored = taint.stored;
          const same = returnsParamStored.findIndex(
            (entry) =>
              entry.param === index &&
              entry.stored.constructorId === stored.constructorId &&
              entry.stored.index === stored.index &&
              entry.stored.via?.join() === stored.via?.join(),
          );
          if (same < 0)
            returnsParamStored.push({
              param: index,
              stored,
              facts: taint.facts,
              trail: taint.trail.slice(1),
            });
          else {
            const previous = returnsParamStored[same]!;
            returnsParamStored[same] = {
              ...previous,
              facts: joinFacts(previous.facts, taint.facts),
            };
          }
        } else if (taint.param?.unit === this.unit) {
          const kept = returnsParamCategories.get(taint.param.index);
          returnsParamCategories.set(
            taint.param.index,
            kept === null || taint.categories === undefined
              ? null
              : [...new Set([...(kept ?? []), ...taint.categories])].sort(),
          );
          const previous = returnsParams.get(taint.param.index);
          returnsParams.set(
            taint.param.index,
            previous ? joinFacts(previous, taint.facts) : taint.facts,
          );
          // Returned whole on any path: whole; else through the union of the fields read.
          const fields = returnsParamFields.get(taint.param.index);
          returnsParamFields.set(
            taint.param.index,
            fields === null || taint.via === undefined
              ? null
              : [...new Set([...(fields ?? []), ...taint.via])],
          );
        } else if (!taint.param) {
          returnsSources = unionTaints(returnsSources, [taint]);
        } else if (this.constructorOfClass(taint.param.unit as Unit)) {
          returnsStored = unionTaints(returnsStored, [taint]);
        }
      }
      if (value.identity !== undefined && value.linked) {
        const root = value.identity.split('.')[0]!;
        const index = names.indexOf(root);
        if (index >= 0) returnsIdentityOf = index;
      }
    }
    const narrowed = new Map<number, readonly string[]>();
    for (const [index, categories] of returnsParamCategories) {
      if (categories !== null) narrowed.set(index, categories);
    }
    let continuesOnlyIf: Summary['continuesOnlyIf'];
    for (const [param, purposes] of this.continuations) {
      if (purposes.length > 0) continuesOnlyIf = { param, purposes };
    }
    const returnsBareOnlyIf = this.returnsOnlyIf([
      ...frame.returns
        .filter((entry) => entry.expression === undefined)
        .map((entry) => entry.state),
      end,
    ]);
    const continuing = frame.returns.filter(
      (entry) =>
        entry.expression === undefined ||
        this.host.classifier.isContinuationValue(entry.expression),
    );
    const continuesByReturnOnlyIf =
      continuing.length < frame.returns.length
        ? this.returnsOnlyIf([...continuing.map((entry) => entry.state), end])
        : undefined;
    let returnsPath: { path?: string; fields?: [string, string][] } | undefined;
    for (const { value } of frame.returns) {
      const fields = [...(value.fields ?? [])]
        .filter(([, field]) => field.path !== undefined)
        .map(([name, field]): [string, string] => [name, field.path!]);
      if (value.path === undefined && fields.length === 0) continue;
      returnsPath = {
        ...(value.path !== undefined ? { path: value.path } : {}),
        ...(fields.length > 0 ? { fields } : {}),
      };
      break;
    }
    const writesFiles = [...this.fileWrites].map(([key, taints]) => ({ key, taints }));
    return {
      ...(this.paramCalls.size > 0 ? { callsParams: new Map(this.paramCalls) } : {}),
      ...(this.memberCalls.size > 0 ? { callsParamMembers: new Map(this.memberCalls) } : {}),
      ...(continuesOnlyIf ? { continuesOnlyIf } : {}),
      ...(returnsBareOnlyIf ? { returnsBareOnlyIf } : {}),
      ...(continuesByReturnOnlyIf ? { continuesByReturnOnlyIf } : {}),
      preconditions: [...this.preconditions.values()],
      ...(returnsPath ? { returnsPath } : {}),
      ...(writesFiles.length > 0 ? { writesFiles } : {}),
      ...(returnsCheck ? { returnsCheck } : {}),
      ...(returnsTier ? { returnsTier } : {}),
      asserts,
      returnsParams,
      ...(narrowed.size > 0 ? { returnsParamCategories: narrowed } : {}),
      ...([...returnsParamFields.values()].some((fields) => fields !== null)
        ? {
            returnsParamFields: new Map(
              [...returnsParamFields].filter(
                (entry): entry is [number, string[]] => entry[1] !== null,
              ),
            ),
          }
        : {}),
      returnsSources,
      ...(returnsStored.length > 0 ? { returnsStored } : {}),
      ...(returnsParamStored.length > 0 ? { returnsParamStored } : {}),
      ...(returnsFiles.size > 0
        ? { returnsFiles: [...returnsFiles].map(([key, facts]) => ({ key, facts })) }
        : {}),
      ...(returnsIdentityOf !== undefined ? { returnsIdentityOf } : {}),
    };
  }
}
