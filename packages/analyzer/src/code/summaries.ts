import { ts } from 'ts-morph';
import { defaultCategory } from '../catalogue/sdk.js';
import type { GuardEvidence } from '../code-evidence.js';
import type { FlowStep, Location } from '../findings.js';
import type { CallClassifier } from './classify.js';
import type { AnalysisIncompleteEvent, CodeEvents, UnguardedFlowEvent } from './events.js';
import { fileRequestHandlers, guardFileMiddlewareRoutes } from './file-middleware.js';
import { incompleteUnit, unsettledUnit } from './incomplete.js';
import { type InterpreterHost, type SinkSeen, UnitInterpreter } from './interpreter/index.js';
import type { AnalysisLimits } from './limits.js';
import type { CodeModel } from './model.js';
import type { TypeOracle } from './type-oracle.js';
import type { Precondition, Unit } from './units.js';
import type { Taint } from './values.js';

const maxSccIterations = 4;
/** How many evaluations pass between two `onCheckpoint` calls. */
const CHECKPOINT_EVERY = 25;
/** How many taints a field, channel or file keeps. */
const maxStoredTaints = 32;

/** An event of the analysis, kept per unit until its last evaluation. */
type BufferedEvent = {
  [K in keyof CodeEvents]: { event: K; payload: CodeEvents[K] };
}[keyof CodeEvents];

/** What the interpreter saw at a sink or a guard, for the record of processing. */
export type Seen = { sink: { at: Location; seen: SinkSeen } } | { guard: GuardEvidence };

/** What the phases after the call graph share: where they report progress, problems and skips. */
export interface PhaseContext {
  readonly root: string;
  readonly oracle: TypeOracle;
  readonly model: CodeModel;
  readonly limits: AnalysisLimits;
  readonly relative: (fileName: string) => string;
  readonly progress: (step: { phase: string; done: number; total: number }) => void;
  readonly checkpoint: (where: () => string) => void;
  /** Parts of the code not analysed: each becomes an `analysis-incomplete` finding. */
  readonly incomplete: AnalysisIncompleteEvent[];
}

/** The call graph: units linked to their callers and callees, and the order to summarise them in. */
export interface LinkedProgram {
  readonly units: readonly Unit[];
  readonly unitsByNode: ReadonlyMap<ts.Node, Unit>;
  readonly classifier: CallClassifier;
  /** The units listening on each event channel. */
  readonly listenersOf: ReadonlyMap<string, ReadonlySet<Unit>>;
  /** Strongly connected components, callees first. */
  readonly order: readonly (readonly Unit[])[];
  /** Units that can reach a sink or a consent check, and what they call: only they need a summary. */
  readonly relevant: ReadonlySet<Unit>;
  /** Member names the policy's personal types declare. */
  readonly personalMemberNames: ReadonlySet<string>;
  /** Names some project getter is declared under (counts left out): other reads run no getter. */
  readonly getterNames: ReadonlySet<string>;
}

/**
 * What the summaries phase keeps: the data units store (fields, channels, files), the units to
 * evaluate again, and the events and evidence of each unit's last evaluation.
 */
interface SummaryState {
  readonly fieldStore: Map<ts.ClassLikeDeclaration, Map<string, Taint[]>>;
  readonly channels: Map<string, Taint[]>;
  /** Data written to files, by path key, and the units that read each key (to evaluate again). */
  readonly files: Map<string, Taint[]>;
  readonly fileReaders: Map<string, Set<Unit>>;
  /** Routers and sub-apps by declaration: the purposes each mount guards, and who registers their routes. */
  readonly groups: Map<ts.Node, Map<string, readonly string[]>>;
  readonly groupReaders: Map<ts.Node, Set<Unit>>;
  readonly personalTypes: Map<number, readonly string[]>;
  readonly failed: Set<Unit>;
  /** Units whose inputs (callee summaries, stores) changed since they were last evaluated. */
  readonly stale: Set<Unit>;
  readonly unitsByClass: ReadonlyMap<ts.ClassLikeDeclaration, readonly Unit[]>;
  // Events are kept per unit and replaced when the unit is evaluated again, so the last
  // evaluation (with final callee summaries) is what the rules see; no separate report pass.
  readonly eventsByUnit: Map<Unit, BufferedEvent[]>;
  readonly seenByUnit: Map<Unit, Seen[]>;
  /** Where the running evaluation's events and evidence go. */
  events: BufferedEvent[];
  seen: Seen[];
  evaluations: number;
}

/** The outcome of the summaries and report phases: every piece of evidence the interpreter saw. */
export interface EvaluatedProgram {
  readonly seen: readonly Seen[];
}

/**
 * Phases 4 and 5: summarises the relevant units to a fixpoint, then sends each unit's events
 * (and those of entry points' preconditions) to `onEvent`, in unit order.
 */
export function evaluateProgram(
  context: PhaseContext,
  linked: LinkedProgram,
  onEvent: <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => void,
): EvaluatedProgram {
  const state = createSummaryState(linked);
  const wrapsMiddleware = (call: ts.CallExpression) => linked.classifier.wrapsFileMiddleware(call);
  const requestHandlers = fileRequestHandlers(linked.units, context.relative, wrapsMiddleware);
  const host = createHost(context, linked, state, requestHandlers);
  summarise(context, linked, state, host);
  guardFileMiddlewareRoutes(linked.units, context.relative, wrapsMiddleware, host.guardEntry);
  const entrySeen = reportUnits(context, linked, state, host, onEvent);
  return { seen: [...[...state.seenByUnit.values()].flat(), ...entrySeen] };
}

function createSummaryState(linked: LinkedProgram): SummaryState {
  const unitsByClass = new Map<ts.ClassLikeDeclaration, Unit[]>();
  for (const unit of linked.units) {
    if (!unit.classNode) continue;
    const list = unitsByClass.get(unit.classNode) ?? [];
    list.push(unit);
    unitsByClass.set(unit.classNode, list);
  }
  return {
    fieldStore: new Map(),
    channels: new Map(),
    files: new Map(),
    fileReaders: new Map(),
    groups: new Map(),
    groupReaders: new Map(),
    personalTypes: new Map(),
    failed: new Set(),
    stale: new Set(linked.units.filter((unit) => linked.relevant.has(unit))),
    unitsByClass,
    eventsByUnit: new Map(),
    seenByUnit: new Map(),
    events: [],
    seen: [],
    evaluations: 0,
  };
}

/** Taints not yet in `previous`, by the key `keyOf` gives them. */
function addedTaints(
  previous: readonly Taint[],
  taints: readonly Taint[],
  keyOf: (taint: Taint) => string,
): Taint[] {
  const keys = new Set(previous.map(keyOf));
  return taints.filter((taint) => !keys.has(keyOf(taint)));
}

const bySubject = (taint: Taint) => `${taint.key}:${taint.subject}`;
const bySubjectAndFacts = (taint: Taint) => `${taint.key}:${taint.subject}:${factsKey(taint)}`;

/** The interpreter's view of the program: lookups, the stores units share, and where events go. */
function createHost(
  context: PhaseContext,
  linked: LinkedProgram,
  state: SummaryState,
  requestHandlers: ReadonlyMap<Unit, string>,
): InterpreterHost {
  const { model } = context;
  const emit = <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => {
    state.events.push({ event, payload } as BufferedEvent);
  };
  const markStale = (units: Iterable<Unit>) => {
    for (const unit of units) if (linked.relevant.has(unit)) state.stale.add(unit);
  };
  return {
    oracle: context.oracle,
    model,
    classifier: linked.classifier,
    root: context.root,
    personalMemberNames: linked.personalMemberNames,
    getterNames: linked.getterNames,
    unitOf: (node) => linked.unitsByNode.get(node),
    fieldStore: (classNode, field) => state.fieldStore.get(classNode)?.get(field) ?? [],
    channel: (key) => state.channels.get(key) ?? [],
    writeChannel: (key, taints) => {
      const previous = state.channels.get(key) ?? [];
      const added = addedTaints(previous, taints, bySubject);
      if (added.length === 0) return;
      state.channels.set(key, [...previous, ...added].slice(0, maxStoredTaints));
      markStale(linked.listenersOf.get(key) ?? []);
    },
    file: (key, reader) => {
      const readers = state.fileReaders.get(key) ?? new Set<Unit>();
      readers.add(reader);
      state.fileReaders.set(key, readers);
      return state.files.get(key) ?? [];
    },
    writeFile: (key, taints) => {
      const previous = state.files.get(key) ?? [];
      const added = addedTaints(previous, taints, bySubjectAndFacts);
      if (added.length === 0) return;
      state.files.set(key, [...previous, ...added].slice(0, maxStoredTaints));
      markStale(state.fileReaders.get(key) ?? []);
    },
    emitFlow: (event) => emit('unguardedFlow', event),
    emitUntraced: (event) => emit('untracedTraining', event),
    emitIncomplete: (event) => emit('analysisIncomplete', event),
    limits: context.limits,
    emitCheck: (event) => emit('checkCall', event),
    recordSink: (at, seen) => {
      state.seen.push({ sink: { at, seen } });
    },
    recordGuard: (guard) => {
      state.seen.push({ guard });
    },
    requestParam: (unit) => requestHandlers.get(unit),
    groupGuards: (declaration, reader) => {
      const readers = state.groupReaders.get(declaration) ?? new Set<Unit>();
      readers.add(reader);
      state.groupReaders.set(declaration, readers);
      const mounts = [...(state.groups.get(declaration)?.values() ?? [])];
      if (mounts.length === 0) return undefined;
      return mounts.reduce((kept, purposes) => kept.filter((p) => purposes.includes(p)));
    },
    mountGroup: (declaration, site, purposes) => {
      const mounts = state.groups.get(declaration) ?? new Map<string, readonly string[]>();
      const sorted = [...new Set(purposes)].sort();
      if (mounts.get(site)?.join() === sorted.join()) return;
      mounts.set(site, sorted);
      state.groups.set(declaration, mounts);
      markStale(state.groupReaders.get(declaration) ?? []);
    },
    guardEntry: (unit, param, purposes) => {
      const set = unit.entryGuards.get(param) ?? new Set<string>();
      for (const purpose of purposes) set.add(purpose);
      unit.entryGuards.set(param, set);
    },
    pluginEntry: (unit, site, param, purposes, mounted) => {
      const previous = unit.pluginScopes.get(site);
      const scope = {
        param,
        purposes: [...new Set(purposes)].sort(),
        ...(mounted && mounted.length > 0 ? { mounted } : {}),
      };
      if (previous && JSON.stringify(previous) === JSON.stringify(scope)) return;
      unit.pluginScopes.set(site, scope);
      // A plugin written inline (`export default fp(async (app) => …)`) runs where it is written.
      markStale(unit.inline ? [unit, ...unit.callers] : [unit]);
    },
    instanceHooks: (unit, hooks) => {
      const key = (map: Unit['instanceHooks']) =>
        JSON.stringify([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      if (key(unit.instanceHooks) === key(hooks)) return;
      unit.instanceHooks = hooks;
      markStale([unit]);
    },
    emitPurpose: (location, purpose) => {
      emit('purposeReference', {
        location,
        purpose,
        declared: model.purposeIds.includes(purpose),
        known: model.purposeIds,
      });
    },
  };
}

/** Phase 4, summaries: evaluates stale units, callees first, until no summary changes (or the rounds run out). */
function summarise(
  context: PhaseContext,
  linked: LinkedProgram,
  state: SummaryState,
  host: InterpreterHost,
): void {
  const { units, order } = linked;
  const rounds = context.limits.rounds;
  for (let round = 0; round < rounds && state.stale.size > 0; round++) {
    let done = 0;
    for (const component of order) {
      for (let iteration = 0; iteration < maxSccIterations; iteration++) {
        const pending = component.filter((unit) => state.stale.has(unit));
        if (pending.length === 0) break;
        for (const unit of pending) evaluateUnit(context, linked, state, host, unit);
        if (component.length === 1) break;
      }
      done += component.length;
      context.progress({ phase: `summaries (round ${round + 1})`, done, total: units.length });
    }
  }
  // Fail closed: a summary that was still changing when the rounds ran out may lack a flow.
  for (const unit of units) {
    if (state.stale.has(unit) && !state.failed.has(unit)) {
      context.incomplete.push(unsettledUnit(unit, rounds, context.relative));
    }
  }
}

/** Evaluates one unit, keeps its events, and marks stale what its new summary and writes affect. */
function evaluateUnit(
  context: PhaseContext,
  linked: LinkedProgram,
  state: SummaryState,
  host: InterpreterHost,
  unit: Unit,
): void {
  state.stale.delete(unit);
  if (++state.evaluations % CHECKPOINT_EVERY === 0) {
    context.checkpoint(
      () =>
        `while summarising functions (${state.evaluations} evaluations of ${linked.units.length} functions, now in ${context.relative(unit.file.fileName)})`,
    );
  }
  if (state.failed.has(unit)) return;
  state.events = [];
  state.seen = [];
  const markCallers = (target: Unit) => {
    // Code that hands the unit to a framework reads its summary too (a middleware's guard).
    const readers = [...target.callers, ...target.referrers];
    for (let index = 0; index < readers.length; index++) {
      const reader = readers[index]!;
      if (linked.relevant.has(reader)) state.stale.add(reader);
      // An inline closure runs again where it is passed: the code that passes it reads it too.
      if (reader.inline) {
        for (const outer of reader.callers) if (!readers.includes(outer)) readers.push(outer);
      }
    }
  };
  try {
    const result = new UnitInterpreter(host, unit, true, state.personalTypes).run();
    // What an inline closure does is reported where the module evaluates it, with what it is handed.
    if (!unit.inline) {
      state.eventsByUnit.set(unit, state.events);
      state.seenByUnit.set(unit, state.seen);
    }
    const before = summaryKey(unit);
    unit.summary = result.summary;
    if (before !== summaryKey(unit)) markCallers(unit);
    for (const [classNode, fields] of result.fieldWrites) {
      const byField = state.fieldStore.get(classNode) ?? new Map<string, Taint[]>();
      for (const [field, taints] of fields) {
        const previous = byField.get(field) ?? [];
        const added = addedTaints(previous, taints, bySubject);
        if (added.length === 0) continue;
        byField.set(field, [...previous, ...added].slice(0, maxStoredTaints));
        for (const member of state.unitsByClass.get(classNode) ?? []) {
          if (member !== unit && linked.relevant.has(member)) state.stale.add(member);
        }
      }
      state.fieldStore.set(classNode, byField);
    }
    for (const { unit: target, precondition } of result.external) {
      const key = `${precondition.param}:${precondition.purposes.join()}:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
      if (!target.external.has(key)) {
        target.external.set(key, precondition);
        markCallers(target);
      }
    }
  } catch (error) {
    state.failed.add(unit);
    context.incomplete.push(incompleteUnit(unit, error, context.relative));
  }
}

/**
 * Phase 5, report: sends each unit's events once, in unit order, after reporting the
 * preconditions of entry points; returns the evidence those reports saw.
 */
function reportUnits(
  context: PhaseContext,
  linked: LinkedProgram,
  state: SummaryState,
  host: InterpreterHost,
  onEvent: <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => void,
): Seen[] {
  const { units } = linked;
  let done = 0;
  const sent = new Set<string>();
  const entrySeen: Seen[] = [];
  const reported: { event: keyof CodeEvents; payload: unknown }[] = [];
  for (const unit of units) {
    state.events = [];
    state.seen = entrySeen;
    if ((unit.callers.size === 0 || unit.escapes) && !state.failed.has(unit)) {
      try {
        reportEntry(unit, host, state.personalTypes);
      } catch (error) {
        context.incomplete.push(incompleteUnit(unit, error, context.relative));
      }
    }
    for (const { event, payload } of [...(state.eventsByUnit.get(unit) ?? []), ...state.events]) {
      // The same event may come from several evaluations of a closure.
      const key = `${event}:${JSON.stringify(payload)}`;
      if (sent.has(key)) continue;
      sent.add(key);
      reported.push({ event, payload });
    }
    context.progress({ phase: 'report', done: ++done, total: units.length });
  }
  const superseded = supersededFlows(reported);
  for (const { event, payload } of reported) {
    if (!superseded.has(payload)) onEvent(event, payload as never);
  }
  return entrySeen;
}

/**
 * Flows that end at an upload whose handle starts a job reported with the upload as a hop: one
 * finding per problem, at the job, unless the upload leaves tiers unguarded the job does not.
 */
function supersededFlows(
  events: readonly { readonly event: keyof CodeEvents; readonly payload: unknown }[],
): Set<unknown> {
  const flows = events
    .filter((entry) => entry.event === 'unguardedFlow')
    .map((entry) => entry.payload as UnguardedFlowEvent);
  const stepKey = (step: FlowStep) => `${step.file}:${step.line}:${step.column}:${step.note}`;
  // Hops a flow passes before its end, keyed by place and note.
  const hops = new Map<string, UnguardedFlowEvent[]>();
  for (const flow of flows) {
    for (const step of flow.flow.slice(0, -1)) {
      const list = hops.get(stepKey(step)) ?? [];
      list.push(flow);
      hops.set(stepKey(step), list);
    }
  }
  const superseded = new Set<unknown>();
  for (const flow of flows) {
    const end = flow.flow[flow.flow.length - 1];
    if (end === undefined) continue;
    const later = hops.get(stepKey(end)) ?? [];
    if (
      later.some(
        (other) =>
          other !== flow &&
          flow.purposes.every((purpose) => other.purposes.includes(purpose)) &&
          flow.unguardedTiers.every((tier) => other.unguardedTiers.includes(tier)),
      )
    ) {
      superseded.add(flow);
    }
  }
  return superseded;
}

/** Reports preconditions of a function nobody in the project calls, when its parameter is personal by type. */
function reportEntry(
  unit: Unit,
  host: InterpreterHost,
  personalTypes: Map<number, readonly string[]>,
): void {
  const preconditions: Precondition[] = [...unit.summary.preconditions, ...unit.external.values()];
  if (preconditions.length === 0) return;
  const probe = new UnitInterpreter(host, unit, true, personalTypes);
  // Training calls reached only by parameters nothing makes personal, by place; and the places
  // reported anyway (another parameter's type is personal), where the call is traced.
  const untraced = new Map<string, { precondition: Precondition; names: string[] }>();
  const reported = new Set<string>();
  const placeKey = (precondition: Precondition) =>
    `${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
  for (const precondition of preconditions) {
    const parameter = unit.params[precondition.param];
    if (!parameter) continue;
    const guarded = unit.entryGuards.get(precondition.param);
    if (guarded && precondition.purposes.some((purpose) => guarded.has(purpose))) continue;
    const personal = precondition.subjectOf
      ? [defaultCategory]
      : probe.personalCategoriesOf(parameter.name);
    if (
      precondition.training &&
      personal.length === 0 &&
      precondition.categories === undefined &&
      unit.callers.size === 0
    ) {
      // Data from outside the project that its type does not call personal: a training call
      // is still listed, with where its data comes from.
      const found = untraced.get(placeKey(precondition)) ?? { precondition, names: [] };
      found.names.push(ts.isIdentifier(parameter.name) ? parameter.name.text : 'a parameter');
      untraced.set(placeKey(precondition), found);
      continue;
    }
    // Read through fields only (`row.prompt`), or through what its instance's constructor
    // stored: a field the declared type marks personal is a source of its own, so what is left
    // is personal only by what callers pass.
    if ((precondition.via || precondition.stored) && !precondition.subjectOf) continue;
    // Data the function loads about the subject is personal whatever the parameter's type.
    const categories = precondition.subjectOf
      ? (precondition.subjectOf.categories ?? [defaultCategory])
      : narrowedTo(probe.personalCategoriesOf(parameter.name), precondition.categories);
    if (categories.length === 0) continue;
    reported.add(placeKey(precondition));
    probe.reportPrecondition(precondition, categories);
  }
  for (const [place, { precondition, names }] of untraced) {
    if (reported.has(place)) continue;
    const unique = [...new Set(names)];
    const listed = unique.map((name) => `\`${name}\``).join(', ');
    const one = unique.length === 1;
    const reason = `its data comes from ${listed}, ${one ? 'a parameter' : 'parameters'} of \`${unit.name}\`, which nothing in the project calls and whose ${one ? 'type declares' : 'types declare'} nothing personal`;
    host.emitUntraced({
      location: precondition.site,
      sink: precondition.sink,
      purposes: [...precondition.purposes].sort(),
      reason,
    });
    host.recordSink(precondition.site, { untraced: reason });
  }
}

/** A parameter's categories, narrowed to what reaches the sink when a projection says so. */
function narrowedTo(
  categories: readonly string[],
  reaching: readonly string[] | undefined,
): readonly string[] {
  if (categories.length === 0 || reaching === undefined) return categories;
  const kept = categories.filter((category) => reaching.includes(category));
  return kept.length > 0 ? kept : reaching;
}

/** The guard facts a taint carries, as text: data written under other facts is a new fact. */
function factsKey(taint: Taint): string {
  return `${taint.facts.possible}:${[...taint.facts.allowed].join(',')}`;
}

function summaryKey(unit: Unit): string {
  const summary = unit.summary;
  return JSON.stringify([
    summary.preconditions.map((p) => [
      p.param,
      p.purposes,
      p.facts.possible,
      [...p.facts.allowed],
      p.site.line,
      p.site.column,
      p.categories,
    ]),
    summary.returnsCheck,
    summary.returnsTier,
    summary.asserts,
    [...summary.returnsParams].map(([index, facts]) => [index, facts.possible, [...facts.allowed]]),
    [...(summary.returnsParamCategories ?? [])],
    summary.returnsSources.map((taint) => [
      taint.key,
      taint.facts.possible,
      [...taint.facts.allowed],
      taint.categories,
    ]),
    (summary.returnsStored ?? []).map((taint) => [
      taint.key,
      taint.facts.possible,
      [...taint.facts.allowed],
      taint.categories,
      taint.via,
    ]),
    (summary.returnsFiles ?? []).map((file) => [
      file.key,
      file.facts.possible,
      [...file.facts.allowed],
    ]),
    summary.returnsIdentityOf,
    summary.continuesOnlyIf,
    summary.returnsBareOnlyIf,
    summary.continuesByReturnOnlyIf,
    summary.registersGuards,
    summary.registersOn,
    summary.callsHandler,
    [...(summary.callsParams ?? []), ...(summary.callsParamMembers ?? [])].map(([param, calls]) => [
      param,
      calls.facts.map((fact) => [fact.possible, [...fact.allowed]]),
      calls.params,
      calls.sites.length,
    ]),
    summary.returnsPath,
    [...(summary.returnsParamFields ?? [])],
    summary.preconditions.map((p) => p.via),
    summary.preconditions.map((p) => p.stored && [p.stored.constructorId, p.stored.index]),
    (summary.returnsParamStored ?? []).map((entry) => [
      entry.param,
      entry.stored.constructorId,
      entry.stored.index,
      entry.stored.via,
      entry.facts.possible,
      [...entry.facts.allowed],
    ]),
    (summary.writesFiles ?? []).map((write) => [
      write.key,
      write.taints.map((taint) => [taint.key, taint.facts.possible, [...taint.facts.allowed]]),
    ]),
  ]);
}
