import { ts } from 'ts-morph';
import {
  collectionWriters,
  type ElementMethod,
  elementMethod,
  eventEmitter,
  membershipMethods,
  objectAssign,
  promiseCombinator,
  promiseContinuation,
} from '../../catalogue/builtins.js';
import { accessChain } from '../access-chain.js';
import { type CallKind, isSdkFactory } from '../classify.js';
import { meetFacts } from '../lattice.js';
import {
  emptyValue,
  extendTrail,
  joinValues,
  mapValueTaints,
  mergeTaints,
  shapeCovers,
  type Taint,
  unionTaints,
  type Value,
} from '../values.js';
import { Calls } from './calls.js';
import type { Frame, State } from './state.js';
import { eventChannelKey, skipParens } from './syntax.js';

/** Calls of library and unknown code: collections, events, callbacks and promises. */
export abstract class LibraryCalls extends Calls {
  /** Calls of library and unknown code: data flows from receiver and arguments to the result. */
  protected library(
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
    if (membershipMethods.has(name) && receiver?.literals && args[0]?.tierOf !== undefined) {
      return {
        taints: [],
        tierTest: { subject: args[0].tierOf, mask: this.tierMask(receiver.literals) },
      };
    }
    const method = elementMethod(name);
    if (
      receiver &&
      ts.isCallExpression(node) &&
      method &&
      callback &&
      (callback.closure || callback.functions)
    ) {
      return this.elementCall(method, node, receiver, args, state, frame);
    }
    const channel = ts.isPropertyAccessExpression(callee)
      ? this.channelKey(node, callee)
      : undefined;
    if (channel !== undefined && name === eventEmitter.emit) {
      // Data emitted on an event reaches every listener of that event on the same emitter.
      const event = args[0]?.literals?.[0] ?? '';
      this.host.writeChannel(
        channel,
        this.stamp(mergeTaints(args.slice(1)).taints, state).map((taint) => ({
          ...taint,
          trail: extendTrail(taint.trail, this.step(node, `emitted as event \`${event}\``)),
        })),
      );
      return emptyValue;
    }
    const listener = args[1];
    if (channel !== undefined && listener && (listener.closure || listener.functions)) {
      this.callValue(listener, [{ taints: this.host.channel(channel) }], state, frame, node);
      return emptyValue;
    }
    if (
      receiver &&
      name === promiseContinuation &&
      callback &&
      (callback.closure || callback.functions)
    ) {
      const resolved = this.awaited(receiver, state);
      return this.callValue(callback, [resolved], state, frame, node);
    }
    if (receiver && collectionWriters.has(name) && ts.isPropertyAccessExpression(callee)) {
      const written = mergeTaints(args);
      if (written.taints.length > 0) {
        // A record pushed into a fresh collection (or one of records) keeps its shape.
        const record = args.length === 1 && args[0]?.fields ? args[0] : undefined;
        const shape =
          record === undefined
            ? undefined
            : mapValueTaints(record, (taints) => this.stamp(taints, state));
        const element =
          shape === undefined
            ? undefined
            : receiver.element
              ? joinValues(receiver.element, shape)
              : receiver.taints.length === 0
                ? shape
                : undefined;
        const { element: _previous, ...rest } = receiver;
        this.assign(
          callee.expression,
          {
            ...rest,
            taints: unionTaints(receiver.taints, this.stamp(written.taints, state)),
            ...(element === undefined ? {} : { element }),
          },
          state,
          frame,
        );
      }
      return receiver;
    }
    if (
      name === objectAssign.name &&
      ts.isPropertyAccessExpression(callee) &&
      accessChain(callee).join('.') === objectAssign.path
    ) {
      const [target, ...sources] = node.arguments ?? [];
      const value = mergeTaints(args);
      if (target && sources.length > 0)
        this.assign(target, { ...(args[0] ?? emptyValue), taints: value.taints }, state, frame);
      return value;
    }
    // Callbacks handed to code we do not see run later, with what that code gives them.
    let middleware: readonly string[] | undefined;
    for (const argument of args) {
      if (argument.middleware) middleware = argument.middleware;
      if (argument.closure) {
        const closure = argument.closure;
        const params = closure.node.parameters.map((parameter) =>
          this.sourceByType(parameter.name, emptyValue, parameter),
        );
        const inner =
          middleware &&
          closure.node.parameters[0] &&
          ts.isIdentifier(closure.node.parameters[0].name)
            ? this.withAllowed(closure, closure.node.parameters[0].name.text, middleware)
            : closure;
        this.invoke(inner, params, state, frame);
      } else if (argument.functions) {
        for (const unit of argument.functions) {
          if (middleware) {
            // A named handler registered after consent middleware starts with its request allowed.
            this.host.guardEntry(unit, 0, middleware);
            continue;
          }
          this.applySummary(
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
    const identity = this.loaderIdentity(node, args);
    if (kind.kind === 'builtin' && name === promiseCombinator && args[0]?.check) {
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
    // (not an SDK factory's: see `isSdkFactory`).
    if (
      value.taints.every((taint) => taint.param !== undefined) &&
      !(kind.kind === 'sdk' && isSdkFactory(kind.name))
    ) {
      return this.sourceByType(node, { ...value, ...identity }, node);
    }
    return { ...value, ...identity };
  }

  /** The key of an event channel: the emitter's declaration and the event name, for emit and listener calls. */
  protected channelKey(
    node: ts.CallExpression | ts.NewExpression,
    callee: ts.PropertyAccessExpression,
  ): string | undefined {
    return eventChannelKey(node, callee, this.host.oracle);
  }

  protected elementCall(
    method: ElementMethod,
    node: ts.CallExpression,
    receiver: Value,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): Value {
    const callback = args[0]!;
    const closureParam = (callback.closure?.node.parameters ?? callback.functions?.[0]?.params)?.[
      method.role === 'fold' ? 1 : 0
    ];
    const paramName =
      closureParam && ts.isIdentifier(closureParam.name) ? closureParam.name.text : undefined;
    const element = this.element(receiver, paramName);
    if (method.role === 'select') {
      const facts = this.predicate(callback, element, frame, receiver.identity);
      if (!facts) return receiver;
      return {
        ...receiver,
        taints: receiver.taints.map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, { possible: facts.possible, allowed: facts.allowed }),
        })),
      };
    }
    if (method.role === 'fold') {
      const initial = args[1] ?? emptyValue;
      const result = this.callValue(callback, [initial, element], state, frame, node);
      return mergeTaints([initial, result]);
    }
    const result = this.callValue(callback, [element], state, frame, node);
    if (method.role === 'transform') {
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
    if (method.role === 'reorder') return receiver;
    return emptyValue;
  }

  /** An element of a collection: a fresh subject per element unless the collection belongs to one subject. */
  protected element(collection: Value, name: string | undefined): Value {
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
}
