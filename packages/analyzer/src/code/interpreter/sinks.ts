import { ts } from 'ts-morph';
import type { FlowStep } from '../../findings.js';
import type { CallKind } from '../classify.js';
import { allowedFor, type GuardFacts, joinFacts, meetFacts, unknownFacts } from '../lattice.js';
import type { Precondition, Unit } from '../units.js';
import {
  emptyValue,
  extendTrail,
  mergeTaints,
  optionOf,
  paramFileOf,
  type Taint,
  type Value,
} from '../values.js';
import { PersonalTypes } from './personal-types.js';
import { policyPurposes } from './purpose-params.js';
import type { State } from './state.js';
import { subjectAsWritten } from './subject-name.js';

/** Data reaching a sink: guarded, a precondition on a parameter, or a finding. */
export abstract class Sinks extends PersonalTypes {
  /**
   * Why the route whose handlers are being evaluated runs without guards registered on other
   * paths only (set by a framework registration): the flow of what they report shows it.
   */
  protected routeNote: FlowStep | undefined;

  /** The file or stored object a value names, and what it holds (library-calls.ts). */
  protected abstract readNamed(
    value: Value | undefined,
    node: ts.CallExpression | ts.NewExpression,
    option: string | undefined,
  ): { readonly taints: readonly Taint[]; readonly untraced?: string };

  /** Data reaches a sink: each fact is either guarded, a precondition on a parameter, or a finding. */
  protected sink(
    kind: Extract<CallKind, { kind: 'sink' }>,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    if (kind.when) {
      const option = args[kind.when.argument]?.fields?.get(kind.when.option);
      if (option?.literals && !option.literals.includes(kind.when.equals)) return emptyValue;
    }
    const data: Value[] = [];
    if (kind.data.length === 0) data.push(...args);
    for (const entry of kind.data) {
      const argument = args[entry.argument];
      if (!argument) continue;
      const value = optionOf(argument, entry.option);
      if (value === undefined) continue;
      data.push(value);
      // A path or URI: the job trains on what was written there.
      if (entry.reads) data.push(this.readNamed(value, node, entry.option));
      if (entry.fileId) {
        const untraced = handUploaded(value);
        if (untraced !== undefined) data.push({ taints: [], untraced });
      }
    }
    this.host.recordSink(this.location(node), {
      symbol: this.unit.name,
      sink: kind.label,
      purposes: [...kind.purposes].sort(),
    });
    const sinkStep = this.step(node, `reaches ${kind.label} for ${kind.purposes.join(', ')}`);
    const merged = mergeTaints(data);
    const reaching = merged.taints;
    if (kind.training && reaching.length === 0 && merged.untraced !== undefined) {
      this.untracedTraining(node, kind.label, kind.purposes, merged.untraced);
    }
    // Only this function's parameters reach, none personal by type: if no caller makes their
    // data personal, the call is untraced.
    const fromParamsOnly =
      kind.training === true &&
      reaching.every(
        (taint) =>
          taint.param?.unit.id === this.unit.id && this.ownParameterCategories(taint) === undefined,
      );
    for (const taint of reaching) {
      // Data an upload sent (its file id, say) reaches the job started from it: the job is the
      // flow's last hop, and the upload's own finding gives way to it (`analyzeProgram`).
      this.reach(
        taint,
        state,
        node,
        kind.purposes,
        kind.label,
        [sinkStep],
        unknownFacts(this.all),
        fromParamsOnly,
      );
    }
    // The result (a file id, a dataset handle) carries what was sent, to the job started from it:
    // each of its fields (`file.id`, `file.urls.get`) stands for the whole upload.
    return {
      taints: this.stamp(reaching, state).map((taint) => ({
        ...taint,
        fields: ['*'],
        trail: extendTrail(taint.trail, sinkStep),
      })),
    };
  }

  /**
   * The categories of this function's own parameter, by its declared type: data a guard inside
   * the function (an `@enforce`d method) lets through never becomes a caller's precondition, so
   * the record of processing learns its categories here.
   */
  protected ownParameterCategories(taint: Taint): readonly string[] | undefined {
    if (taint.param?.unit.id !== this.unit.id) return undefined;
    const parameter = this.unit.params[taint.param.index];
    const categories = parameter === undefined ? [] : this.personalCategoriesOf(parameter.name);
    return categories.length > 0 ? categories : undefined;
  }

  /**
   * `name` when it is a parameter, of a function around `site`, typed by a web framework (a
   * request, or Hono's context `c`): data of its subject is read from it, and named by what reads it.
   */
  protected requestParameter(name: string, site: ts.Node): string | undefined {
    for (let node: ts.Node | undefined = site; node; node = node.parent) {
      if (!ts.isFunctionLike(node)) continue;
      const parameter = node.parameters.find(
        (param) => ts.isIdentifier(param.name) && param.name.text === name,
      );
      if (parameter) return this.host.classifier.isFrameworkType(parameter.name) ? name : undefined;
    }
    return undefined;
  }

  /** Decides what one fact reaching a sink (directly or through a callee) means. */
  protected reach(
    taint: Taint,
    state: State,
    site: ts.Node,
    purposes: readonly string[],
    label: string,
    suffix: readonly ts.Node[] | readonly FlowStep[],
    calleeFacts: GuardFacts,
    training = false,
  ): void {
    // What a file named by a parameter holds is resolved by the callers, not data here.
    if (paramFileOf(taint) !== undefined) return;
    const facts = meetFacts(meetFacts(taint.facts, this.facts(state, taint.subject)), calleeFacts);
    const sinkAt = (suffix as readonly FlowStep[])[suffix.length - 1];
    // A parameter read through fields its type does not mark personal (`row.tier`), or what the
    // constructor of its instance stored, is personal only by what callers pass: they record it.
    const categories =
      taint.param && (taint.via !== undefined || taint.stored !== undefined)
        ? undefined
        : (taint.categories ?? this.ownParameterCategories(taint));
    if (sinkAt && categories !== undefined) this.host.recordSink(sinkAt, { categories });
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
    if (this.routeNote) trail = extendTrail(trail, this.routeNote);
    for (const step of suffix as FlowStep[]) trail = extendTrail(trail, step);
    // Data loaded here about the subject a parameter identifies: the callers may have checked it.
    const subjectParam = taint.param ? -1 : this.paramOfSubject(taint.subject);
    const subjectName = () =>
      subjectAsWritten(
        taint.subject,
        state,
        site,
        {
          carriesData: (read) =>
            this.personalProperty(read) !== undefined ||
            (this.projectedCategories(read)?.length ?? 1) > 0,
          isRecord: (read) => {
            const type = this.host.oracle.typeOf(read);
            return type !== undefined && this.host.oracle.isRecord(type);
          },
        },
        this.host.requestParam(this.unit) ??
          this.requestParameter(taint.subject.split('.')[0]!, site),
      );
    if (subjectParam >= 0) {
      const key = `subject:${subjectParam}:${purposes.join()}:${this.locKey(site)}`;
      const previous = this.preconditions.get(key);
      this.preconditions.set(key, {
        param: subjectParam,
        purposes,
        facts: previous ? joinFacts(previous.facts, facts) : facts,
        trail,
        sink: label,
        site: this.location(site),
        subjectOf: taint.categories !== undefined ? { categories: taint.categories } : {},
        subjectName: subjectName(),
      });
      return;
    }
    if (taint.param) {
      const precondition: Precondition = {
        param: taint.param.index,
        purposes,
        facts,
        trail,
        ...(taint.via ? { via: taint.via } : {}),
        sink: label,
        site: this.location(site),
        ...(taint.categories === undefined ? {} : { categories: taint.categories }),
        ...(training ? { training: true as const } : {}),
        ...(taint.stored ? { stored: taint.stored } : {}),
        ...(this.through ? { through: this.through } : {}),
      };
      const stored = taint.stored
        ? `:stored:${taint.stored.constructorId}:${taint.stored.index}:${taint.stored.via?.join() ?? ''}`
        : '';
      const through = this.through ? `:through:${this.through.param}:${this.through.unit}` : '';
      const key = `${taint.param.index}:${purposes.join()}:${this.locKey(site)}${stored}${through}`;
      if (taint.param.unit.id === this.unit.id) {
        const previous = this.preconditions.get(key);
        this.preconditions.set(
          key,
          previous
            ? { ...previous, facts: joinFacts(previous.facts, facts) }
            : { ...precondition, subjectName: subjectName() },
        );
      } else {
        // Data handed over through a field or an event: report where the other function hands it over.
        const handoff = [...taint.trail]
          .reverse()
          .find((step) => step.note.startsWith('stored in') || step.note.startsWith('emitted as'));
        const unit = this.host.unitOf((taint.param.unit as Unit).node);
        if (unit) {
          this.external.push({
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
    const mismatched = policyPurposes(
      [...facts.allowed.entries()]
        .filter(([purpose, mask]) => !purposes.includes(purpose) && (mask & unguarded) !== 0)
        .map(([purpose]) => purpose),
    ).sort();
    const primary = purposes[0] ?? '';
    this.host.emitFlow({
      location: this.location(site),
      purpose: primary,
      purposes,
      sink: label,
      subject: subjectName() || '(unnamed)',
      categories: categories ?? [],
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: mismatched,
      guarantees: model.guarantees(primary, unguarded),
      flow: trail,
    });
  }
}

/**
 * Why a file id a job trains on names data the analysis cannot see: it comes from the
 * environment or is a literal, not from an upload in the code (whose result carries what was
 * uploaded). Undefined for a value that came from anywhere else.
 */
function handUploaded(value: Value): string | undefined {
  if (value.taints.length > 0) return undefined;
  const byHand = 'a file uploaded by hand, whose data is not visible to the analysis';
  if (value.environment !== undefined)
    return `the file id comes from the environment (\`${value.environment}\`): ${byHand}`;
  const literal = value.literals?.[0];
  if (literal !== undefined) return `the file id is a literal (\`${literal}\`): ${byHand}`;
  return undefined;
}
