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
import type { FileApiEntry } from '../../catalogue/file-apis.js';
import {
  type ContinuationStyle,
  defaultContinuation,
  type FrameworkRegistration,
  type WebFramework,
} from '../../catalogue/frameworks.js';
import type { ObjectStorageEntry } from '../../catalogue/object-storage.js';
import { accessChain } from '../access-chain.js';
import { type CallKind, isSdkFactory } from '../classify.js';
import { meetFacts, unknownFacts } from '../lattice.js';
import type { FileWrite, Summary, Unit } from '../units.js';
import {
  emptyValue,
  extendTrail,
  type IterableOperator,
  joinValues,
  mapValueTaints,
  mergeTaints,
  optionOf,
  shapeCovers,
  type Taint,
  unionTaints,
  type Value,
} from '../values.js';
import { Calls, throughFields } from './calls.js';
import { joinPathKeys } from './path-keys.js';
import type { Frame, State } from './state.js';
import { eventChannelKey, shorten, skipParens } from './syntax.js';

/**
 * The purposes a middleware, hook or guard value lets the request go on only for, in one of a
 * framework's continuation styles; undefined unless every function it may be is such a guard.
 */
function guardPurposes(
  units: readonly Unit[] | undefined,
  styles: readonly ContinuationStyle[],
): readonly string[] | undefined {
  if (!units || units.length === 0) return undefined;
  let kept: readonly string[] | undefined;
  for (const unit of units) {
    const summary = unit.summary;
    const own = new Set<string>();
    for (const style of styles) {
      const purposes =
        style === 'return' ? summary.returnsBareOnlyIf : summary.continuesOnlyIf?.purposes;
      for (const purpose of purposes ?? []) own.add(purpose);
    }
    kept = (kept ?? [...own]).filter((purpose) => own.has(purpose));
  }
  return kept && kept.length > 0 ? kept : undefined;
}

/**
 * Where a plugin (or a helper handed an app) evaluated on its own starts, by instance parameter:
 * the guards every place that gives it that instance has, for every path (`purposes`) and under
 * mounts (`guards`, those for every path included). Parameters nothing gives an instance are absent.
 */
function pluginStarts(
  unit: Unit,
): Map<number, { readonly purposes: readonly string[]; readonly guards: readonly RouteGuard[] }> {
  const places = new Map<number, RouteGuard[][]>();
  for (const scope of unit.pluginScopes.values()) {
    const list = places.get(scope.param) ?? [];
    list.push([{ purposes: scope.purposes }, ...(scope.mounted ?? [])]);
    places.set(scope.param, list);
  }
  const starts = new Map<number, { purposes: string[]; guards: RouteGuard[] }>();
  for (const [param, list] of places) {
    const guards = meetGuards(list);
    const purposes = guards.filter((guard) => guard.mount === undefined).flatMap((g) => g.purposes);
    starts.set(param, { purposes: [...new Set(purposes)], guards });
  }
  return starts;
}

/** The purposes of the guards in `guards` that run for routes under `path` (every path: undefined). */
function coveringPurposes(guards: readonly RouteGuard[], path: string | undefined): string[] {
  return guards.filter((guard) => mountCovers(guard.mount, path)).flatMap((g) => g.purposes);
}

/**
 * The guards every one of `places` has: each guard of one place keeps the purposes every other
 * place's guards covering its mount path let requests go on for.
 */
function meetGuards(places: readonly (readonly RouteGuard[])[]): RouteGuard[] {
  const kept = new Map<string, RouteGuard>();
  for (const [index, guards] of places.entries()) {
    for (const guard of guards) {
      let purposes = [...guard.purposes];
      for (const [other, others] of places.entries()) {
        if (other === index) continue;
        const covering = new Set(coveringPurposes(others, guard.mount));
        purposes = purposes.filter((purpose) => covering.has(purpose));
      }
      if (purposes.length === 0) continue;
      const key = guard.mount ?? '';
      const previous = kept.get(key)?.purposes ?? [];
      kept.set(key, {
        ...(guard.mount === undefined ? {} : { mount: guard.mount }),
        purposes: [...new Set([...previous, ...purposes])].sort(),
      });
    }
  }
  return [...kept.values()];
}

/** The mount of middleware at a path the analysis cannot read (`app.use(settings.path, guard)`): it covers no route. */
const unreadMount = '\u0000unread';

/** Whether middleware mounted at `mount` runs for a route at `path` (`/api/*` runs for `/api/x`). */
function mountCovers(mount: string | undefined, path: string | undefined): boolean {
  if (mount === unreadMount) return false;
  const base = (mount ?? '').replace(/\*+$/, '').replace(/\/+$/, '');
  if (base === '') return true;
  if (path === undefined) return false;
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Middleware or a hook on an app or router: the path it is mounted at, the purposes it lets
 * requests go on for, and, when a registration of the body being evaluated added it, its key in
 * the path state (it guards only where every path registered it) and where it was registered.
 */
interface RouteGuard {
  readonly mount?: string;
  readonly purposes: readonly string[];
  readonly key?: string;
  readonly site?: ts.Node;
}

/** Whether a guard runs on the current path: one this body registered, only where every path did. */
function onPath(guard: RouteGuard, state: State): boolean {
  return guard.key === undefined || state.guards.has(guard.key);
}

/**
 * Why a registration runs on some paths only, from the nearest construct around it that
 * branches, repeats, may throw or may not call it (`when \`config.requireConsent\` is true`).
 */
function pathCondition(node: ts.Node): string {
  let child: ts.Node = node;
  for (let outer = node.parent; outer && !ts.isSourceFile(outer); outer = outer.parent) {
    if (ts.isIfStatement(outer) || ts.isConditionalExpression(outer)) {
      const test = ts.isIfStatement(outer) ? outer.expression : outer.condition;
      if (child !== test) {
        const holds = child === (ts.isIfStatement(outer) ? outer.thenStatement : outer.whenTrue);
        return `only when \`${shorten(test.getText())}\` is ${holds ? 'true' : 'false'}`;
      }
    }
    if (ts.isBinaryExpression(outer) && child === outer.right) {
      const operator = outer.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken)
        return `only when \`${shorten(outer.left.getText())}\` is truthy`;
      if (operator === ts.SyntaxKind.BarBarToken)
        return `only when \`${shorten(outer.left.getText())}\` is falsy`;
      if (operator === ts.SyntaxKind.QuestionQuestionToken)
        return `only when \`${shorten(outer.left.getText())}\` is null or undefined`;
    }
    if (ts.isCaseClause(outer)) return `only for \`case ${shorten(outer.expression.getText())}\``;
    if (ts.isDefaultClause(outer)) return 'only in the `default` of a `switch`';
    if (ts.isIterationStatement(outer, false) && child === outer.statement)
      return 'inside a loop, which may run no time';
    if (ts.isTryStatement(outer) && child === outer.tryBlock)
      return 'inside a `try` block, whose `catch` goes on without it';
    if (ts.isFunctionLike(outer)) return 'inside a callback, which may not run';
    child = outer;
  }
  return 'on some paths only';
}

/** Whether a call's result is awaited where it is made (`await fastify.register(plugin)`). */
function isAwaited(node: ts.Node): boolean {
  let outer = node.parent;
  while (outer && ts.isParenthesizedExpression(outer)) outer = outer.parent;
  return outer !== undefined && ts.isAwaitExpression(outer);
}

/** What each factory body returns, found once: every registration on its result asks again. */
const returnedByBody = new WeakMap<ts.ConciseBody, readonly ts.Expression[]>();

/** The expressions a function body returns (an arrow's expression body), not those of functions inside it. */
function returnedExpressions(body: ts.ConciseBody): readonly ts.Expression[] {
  if (!ts.isBlock(body)) return [body];
  const cached = returnedByBody.get(body);
  if (cached) return cached;
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  returnedByBody.set(body, returned);
  return returned;
}

/** Calls of library and unknown code: collections, events, callbacks and promises. */
export abstract class LibraryCalls extends Calls {
  /**
   * Guards registered on an app or router (by its expression, `router`), with the path they are
   * mounted at: routes registered after them on it run only when the request passed them.
   */
  readonly #routeGuards = new Map<string, RouteGuard[]>();

  /**
   * The plugin written inline that binds an instance name (by name), so an instance of a plugin
   * is told apart from its parent's of the same name: where the plugin starts.
   */
  readonly #instanceScopes = new Map<string, string>();

  /**
   * Guards this evaluation registered on each instance itself, not those it started with (by
   * `#instanceKey`), whether each runs for every route of the instance whatever the order, and
   * the load of the instance's plugins it was added in.
   */
  readonly #ownGuards = new Map<
    string,
    (RouteGuard & { readonly anyOrder: boolean; readonly load: number })[]
  >();

  /** The loads of its plugins each instance went through so far (by `#instanceKey`). */
  readonly #loads = new Map<string, number>();

  /** The parameters this unit registers routes, middleware, hooks or plugins on, itself or through helpers. */
  readonly #registersOn = new Set<number>();

  /** Notes a registration on `app`: when it names a parameter of the unit, callers hand the unit an app. */
  #registeringOn(app: string): void {
    // The instance of a plugin written inline is its own, even when it shadows a parameter's name.
    if (this.#instanceScopes.has(app)) return;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === app,
    );
    if (index >= 0) this.#registersOn.add(index);
  }

  /** Keys of guards registered on every path of the body that owns their instance, to its end. */
  readonly #sure = new Set<string>();

  /** An instance by its expression and the inline plugin that binds it, if any. */
  #instanceKey(app: string): string {
    return `${this.#instanceScopes.get(app) ?? ''}|${app}`;
  }

  /**
   * The hooks added on an instance anywhere in the body that owns it, as its last evaluation
   * found them: on frameworks whose hooks run in any order, they guard all of its routes. With
   * `loaded`, those added before the load after it: the hooks a plugin registered now starts with.
   */
  #instanceHooks(app: string, loaded?: boolean): readonly string[] {
    const key = this.#instanceKey(app);
    const byLoad = this.unit.instanceHooks.get(key) ?? [];
    return (loaded ? byLoad.slice(0, (this.#loads.get(key) ?? 0) + 1) : byLoad).flat();
  }

  /** The plugins registered on an instance so far load here (`await app.register(…)`, `await app.after()`). */
  #loadPlugins(app: string): void {
    const key = this.#instanceKey(app);
    this.#loads.set(key, (this.#loads.get(key) ?? 0) + 1);
  }

  /**
   * Records guards registered on an instance by this evaluation, at `site`: on the current path,
   * by a key that the same guards registered on another branch share.
   */
  #addGuards(app: string, guard: RouteGuard, anyOrder: boolean, state: State, site: ts.Node): void {
    const instance = this.#instanceKey(app);
    const key = `${instance}|${guard.mount ?? ''}|${[...new Set(guard.purposes)].sort().join()}`;
    state.guards.add(key);
    const keyed = { ...guard, key, site };
    this.#routeGuards.set(app, [...(this.#routeGuards.get(app) ?? []), keyed]);
    const load = this.#loads.get(instance) ?? 0;
    this.#ownGuards.set(instance, [
      ...(this.#ownGuards.get(instance) ?? []),
      { ...keyed, anyOrder, load },
    ]);
  }

  /** Marks the guards registered on every path to the end of a body that owns instances. */
  protected guardsSure(keys: ReadonlySet<string>): void {
    for (const key of keys) this.#sure.add(key);
  }

  /** Whether an own guard was registered on every path of its body: a hook on some guards no route before it. */
  #sureGuard(guard: RouteGuard): boolean {
    return guard.key === undefined || this.#sure.has(guard.key);
  }

  /** The purposes of the guards this evaluation registered on an instance itself, on every path, at no path. */
  #ownPurposes(app: string): string[] {
    return (this.#ownGuards.get(this.#instanceKey(app)) ?? [])
      .filter((guard) => guard.mount === undefined && this.#sureGuard(guard))
      .flatMap((guard) => guard.purposes);
  }

  /**
   * Evaluates a plugin written inline with its own instance: `name` (its instance parameter)
   * starts with `guards`, and names the plugin's instance, not the parent's, while it runs.
   */
  #withInstance(
    closure: ts.SignatureDeclaration,
    name: string | undefined,
    guards: readonly string[],
    run: () => void,
  ): void {
    if (name === undefined) {
      run();
      return;
    }
    const outerGuards = this.#routeGuards.get(name);
    const outerScope = this.#instanceScopes.get(name);
    this.#routeGuards.set(name, guards.length > 0 ? [{ purposes: guards }] : []);
    this.#instanceScopes.set(name, String(closure.getStart()));
    try {
      run();
    } finally {
      if (outerGuards === undefined) this.#routeGuards.delete(name);
      else this.#routeGuards.set(name, outerGuards);
      if (outerScope === undefined) this.#instanceScopes.delete(name);
      else this.#instanceScopes.set(name, outerScope);
    }
  }

  /** The hooks this evaluation added on the instances of its body that run in any order, by instance and load. */
  protected addedInstanceHooks(): Unit['instanceHooks'] {
    const hooks = new Map<string, string[][]>();
    for (const [key, guards] of this.#ownGuards) {
      const byLoad: string[][] = [];
      for (const guard of guards) {
        if (!guard.anyOrder || guard.mount !== undefined || !this.#sureGuard(guard)) continue;
        for (let load = byLoad.length; load <= guard.load; load++) byLoad.push([]);
        byLoad[guard.load] = [...new Set([...byLoad[guard.load]!, ...guard.purposes])].sort();
      }
      if (byLoad.length > 0) hooks.set(key, byLoad);
    }
    return hooks;
  }

  /**
   * A plugin's registration (`app.register(plugin, { prefix })`): the plugin runs with a child
   * instance that starts with the guards of `app` covering its prefix: those added before it,
   * and, when the framework loads a plugin after its parent's body and the registration is not
   * awaited, those added after it too. What it registers on the child stays there, unless it
   * shares its parent's scope (`fp(plugin)`): then its guards are the parent's.
   */
  protected plugin(
    framework: WebFramework,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): void {
    const plugins = framework.plugins;
    const callee = skipParens(node.expression);
    if (!plugins || !ts.isPropertyAccessExpression(callee)) return;
    const app = callee.expression.getText();
    this.#registeringOn(app);
    // Awaited, the registration loads the plugin (and those registered before it) right here.
    const awaited = isAwaited(node);
    const options = node.arguments?.[plugins.pluginArgument + 1];
    const prefixOption =
      options && ts.isObjectLiteralExpression(options)
        ? options.properties.find(
            (property) =>
              ts.isPropertyAssignment(property) &&
              ts.isIdentifier(property.name) &&
              property.name.text === plugins.prefixOption,
          )
        : undefined;
    const prefix =
      prefixOption &&
      ts.isPropertyAssignment(prefixOption) &&
      ts.isStringLiteralLike(prefixOption.initializer)
        ? prefixOption.initializer.text
        : undefined;
    // Inside the plugin, the parent's guards that cover its prefix run for every route.
    const inherited = [
      ...new Set([
        ...(this.#routeGuards.get(app) ?? [])
          .filter((guard) => mountCovers(guard.mount, prefix) && onPath(guard, state))
          .flatMap((guard) => guard.purposes),
        ...(plugins.loadsAfterParent && !awaited ? this.#instanceHooks(app, true) : []),
      ]),
    ];
    const argument = node.arguments?.[plugins.pluginArgument];
    let plugin = args[plugins.pluginArgument];
    if (argument && ts.isIdentifier(argument) && !plugin?.closure && !plugin?.functions) {
      // A plugin wrapped where it is declared (`export default fp(async (app) => …)`).
      const functions = this.host.oracle
        .declarationsOf(argument)
        .flatMap((declaration) => this.host.classifier.scopeSharedUnits(declaration));
      if (functions.length > 0) plugin = { taints: [], functions, sharesScope: true };
    }
    const shared: string[] = [];
    const closure = plugin?.closure;
    if (closure) {
      const instance = closure.node.parameters[plugins.instanceParameter];
      const name = instance && ts.isIdentifier(instance.name) ? instance.name.text : undefined;
      // The child instance is the closure's own, even when it shadows the parent's name.
      this.#withInstance(closure.node, name, inherited, () => {
        const params = closure.node.parameters.map((parameter) =>
          this.sourceByType(parameter.name, emptyValue, parameter),
        );
        this.invoke(closure, params, state, frame);
        this.guardsSure(this.bodyGuards);
        if (name !== undefined && plugin?.sharesScope) shared.push(...this.#ownPurposes(name));
      });
    }
    for (const unit of plugin?.functions ?? []) {
      const site = `${this.unit.id}:${node.getStart()}`;
      this.host.pluginEntry(unit, site, plugins.instanceParameter, inherited);
      const registers = unit.summary.registersGuards;
      if (plugin?.sharesScope && registers?.param === plugins.instanceParameter) {
        shared.push(...registers.purposes);
      }
    }
    if (shared.length > 0) {
      this.#addGuards(
        app,
        { purposes: [...new Set(shared)] },
        framework.hooks?.anyOrder === true,
        state,
        node,
      );
    }
    if (awaited) this.#loadPlugins(app);
  }

  /**
   * A plugin (or a helper handed apps) evaluated on its own starts with the guards of the
   * instances it is registered on (handed), for each instance parameter those every place gives.
   */
  protected enterPluginScope(): void {
    for (const [param, start] of pluginStarts(this.unit)) {
      const instance = this.unit.params[param];
      if (!instance || !ts.isIdentifier(instance.name) || start.guards.length === 0) continue;
      this.#routeGuards.set(instance.name.text, [...start.guards]);
    }
  }

  /**
   * A call of project functions that register routes on an app or router they are handed
   * (`registerExportRoutes(app)`): each starts with the guards the app has here, those
   * registered on it before (under their mount paths), the hooks of its instance that run
   * whatever the order, and those of the places it is mounted; the same as a plugin registered here.
   */
  protected handApps(
    units: readonly Unit[],
    node: ts.CallExpression | ts.NewExpression,
    state: State,
  ): void {
    for (const unit of units) {
      for (const index of unit.summary.registersOn ?? []) {
        const argument = node.arguments?.[index];
        const app =
          argument && !ts.isSpreadElement(argument) ? skipParens(argument).getText() : undefined;
        if (app !== undefined) this.#registeringOn(app);
        // Only the guards registered on this path to the call (not under a condition it skipped).
        const guards =
          app === undefined
            ? []
            : (this.#routeGuards.get(app) ?? []).filter((guard) => onPath(guard, state));
        const purposes = guards
          .filter((guard) => guard.mount === undefined)
          .flatMap((guard) => guard.purposes);
        if (app !== undefined) purposes.push(...this.#instanceHooks(app));
        // A router it may be runs behind the guards every place any of them is mounted has.
        const groups = argument && !ts.isSpreadElement(argument) ? this.groupsOf(argument) : [];
        purposes.push(...this.#mountedGuards(groups));
        const mounted = guards
          .flatMap((guard) =>
            guard.mount === undefined
              ? []
              : [{ mount: guard.mount, purposes: [...new Set(guard.purposes)].sort() }],
          )
          .sort((a, b) => (a.mount < b.mount ? -1 : a.mount > b.mount ? 1 : 0));
        const site = `${this.unit.id}:${node.getStart()}:${index}`;
        this.host.pluginEntry(unit, site, index, purposes, mounted);
        // What the helper registers on the app itself (`installConsent(app)`) guards the caller's routes.
        const registers = unit.summary.registersGuards;
        if (app !== undefined && registers?.param === index) {
          this.#addGuards(
            app,
            { purposes: registers.purposes },
            registers.anyOrder === true,
            state,
            node,
          );
        }
      }
    }
  }

  /** The parameters this evaluation registered routes, middleware, hooks or plugins on, for its summary. */
  protected registeredOn(): Summary['registersOn'] {
    return this.#registersOn.size > 0 ? [...this.#registersOn].sort((a, b) => a - b) : undefined;
  }

  /**
   * The guards a unit registered on a parameter itself by its end (a plugin's hooks, not those
   * its instance started with), for its summary.
   */
  protected registeredGuards(): Summary['registersGuards'] {
    for (const [index, parameter] of this.unit.params.entries()) {
      if (!ts.isIdentifier(parameter.name)) continue;
      const purposes = this.#ownPurposes(parameter.name.text);
      if (purposes.length === 0) continue;
      const own = (this.#ownGuards.get(this.#instanceKey(parameter.name.text)) ?? []).filter(
        (guard) => guard.mount === undefined,
      );
      return {
        param: index,
        purposes: [...new Set(purposes)].sort(),
        ...(own.every((guard) => guard.anyOrder) ? { anyOrder: true } : {}),
      };
    }
    return undefined;
  }

  /** The functions a value may be: named functions, or a closure that is a unit of its own. */
  protected functionsOf(value: Value | undefined): readonly Unit[] | undefined {
    if (value?.functions) return value.functions;
    // A function bound with no argument (`this.upload.bind(this)`) is that function.
    if (value?.bound && value.bound.args.length === 0 && value.bound.target.kind === 'project')
      return value.bound.target.units;
    const unit = value?.closure ? this.host.unitOf(value.closure.node) : undefined;
    return unit ? [unit] : undefined;
  }

  /**
   * A framework's middleware, hook or route registration: records the guards middleware and hooks
   * register for later routes, and returns the purposes the request is allowed for when the
   * callbacks of this registration run.
   */
  protected registration(
    framework: WebFramework,
    registers: FrameworkRegistration,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
    frame: Frame,
  ): readonly string[] | undefined {
    const callee = skipParens(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    // A registration returns the app it is made on: a chain's links all register on its start.
    const target = this.registrationTarget(callee.expression);
    // An app made where the chain starts (`new Hono()`) is a new one at each place.
    const fresh = ts.isCallExpression(target) || ts.isNewExpression(target);
    const app = fresh ? `${target.getText()}@${target.getStart()}` : target.getText();
    this.#registeringOn(app);
    const first = node.arguments?.[0];
    const paths = this.#pathsOf(first, args[0]);
    const path = paths?.length === 1 ? paths[0] : undefined;
    const registered = this.#routeGuards.get(app) ?? [];
    const covering = registered.filter((guard) => mountCovers(guard.mount, path));
    const before = covering
      .filter((guard) => onPath(guard, state))
      .flatMap((guard) => guard.purposes);
    // A route runs behind every hook of its instance when the framework applies them in any
    // order; hooks among themselves still run in the order they were added.
    if (registers === 'endpoint' && framework.hooks?.anyOrder) {
      before.push(...this.#instanceHooks(app));
    }
    // A router or sub-app runs behind the guards of every place it is mounted.
    before.push(...this.#mountedGuards(fresh ? [this.chainGroup(node)] : this.groupsOf(target)));
    // Guards registered on other paths only: the handlers of a route say why they run without them.
    // Guards at a path the analysis cannot read: the route says it may run without them.
    const missed = [...covering, ...registered.filter((guard) => guard.mount === unreadMount)].find(
      (guard) =>
        (!onPath(guard, state) || guard.mount === unreadMount) &&
        guard.purposes.some((p) => !before.includes(p)),
    );
    const why = (guard: RouteGuard, site: ts.Node) =>
      onPath(guard, state)
        ? `is mounted at a path the analysis cannot read (\`${shorten(
            (site as ts.CallExpression).arguments?.[0]?.getText() ?? '',
          )}\`): the route may run without its guard`
        : `runs ${pathCondition(site)}: the route also runs without its guard`;
    this.routeNote =
      missed?.site === undefined
        ? undefined
        : this.step(
            missed.site,
            `\`${shorten(missed.site.getText())}\` ${why(missed, missed.site)}`,
          );
    if (registers === 'mount' || registers === 'group') {
      this.mountGroups(framework, node, args, before);
      if (registers === 'group') return undefined;
    }
    let handlers = args;
    if (registers === 'hook') {
      const hooks = framework.hooks;
      const event = hooks ? args[hooks.eventArgument]?.literals : undefined;
      if (!hooks || event?.length !== 1 || !hooks.beforeHandler.includes(event[0]!))
        return undefined;
      handlers = args.slice(hooks.eventArgument + 1);
    } else if (registers === 'endpoint') {
      // Options before the handler (`{ preHandler: requireConsent }`) hold guards that run first.
      for (const options of node.arguments ?? []) {
        if (!ts.isObjectLiteralExpression(options)) continue;
        for (const property of options.properties) {
          if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property))
            continue;
          if (!ts.isIdentifier(property.name)) continue;
          if (!framework.routeOptions?.includes(property.name.text)) continue;
          const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
          // One guard or a list of them, each run in turn before the handler.
          const guards = ts.isArrayLiteralExpression(value) ? value.elements : [value];
          for (const guard of guards) {
            if (!ts.isIdentifier(guard) && !ts.isPropertyAccessExpression(guard)) continue;
            const purposes = guardPurposes(
              this.functionsOf(this.expression(guard, state, frame)),
              framework.continuation,
            );
            if (purposes) before.push(...purposes);
          }
        }
      }
      return before.length > 0 ? [...new Set(before)] : undefined;
    }
    const purposes = handlers.flatMap(
      (handler) => guardPurposes(this.functionsOf(handler), framework.continuation) ?? [],
    );
    // A hook runs for every route of its app; middleware for those under its mount paths, and
    // for none when the analysis cannot read them (`app.use(config.trainingPath, guard)`).
    const mounts: readonly (string | undefined)[] =
      registers !== 'mount' || paths === undefined
        ? [undefined]
        : paths.length > 0
          ? paths
          : [unreadMount];
    if (purposes.length > 0) {
      for (const mount of mounts) {
        this.#addGuards(
          app,
          { ...(mount === undefined ? {} : { mount }), purposes },
          registers === 'hook' && framework.hooks?.anyOrder === true,
          state,
          node,
        );
      }
    }
    return before.length > 0 ? [...new Set(before)] : undefined;
  }

  /**
   * The purposes guarding every place any of `groups` (the routers an expression may be) is
   * mounted. Every router is asked, so each mount of any of them evaluates the caller again.
   */
  #mountedGuards(groups: readonly ts.Node[]): readonly string[] {
    if (groups.length === 0) return [];
    const mounts = groups.map((group) => this.host.groupGuards(group, this.unit) ?? []);
    return mounts.reduce((kept, each) => kept.filter((purpose) => each.includes(purpose)));
  }

  /**
   * The paths a registration's first argument names: a literal, a list of literals, or a value
   * known to be one of some literals; no path (an empty list) for a path the analysis cannot
   * read; undefined when the first argument is not a path but a handler or nothing.
   */
  #pathsOf(
    first: ts.Expression | undefined,
    value: Value | undefined,
  ): readonly string[] | undefined {
    if (!first) return undefined;
    if (ts.isStringLiteralLike(first)) return [first.text];
    if (value?.functions || value?.closure || value?.middleware) return undefined;
    if (ts.isArrayLiteralExpression(first)) {
      const texts = first.elements.flatMap((element) =>
        ts.isStringLiteralLike(element) ? [element.text] : [],
      );
      if (texts.length === first.elements.length) return texts;
    }
    const type = this.host.oracle.typeOf(first);
    if (!type || !this.host.oracle.isText(type)) return undefined;
    return value?.literals && value.literals.length > 0 ? value.literals : [];
  }

  /**
   * Routers and sub-apps a mount passes (`app.use('/exports', requireConsent, exportsRouter)`,
   * `app.route('/exports', exportsApi)`): each runs behind the guards before it, those of the app
   * covering the path and those listed before it in the call.
   */
  protected mountGroups(
    framework: WebFramework,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    before: readonly string[],
  ): void {
    const running = [...before];
    for (const [index, argument] of (node.arguments ?? []).entries()) {
      const value = args[index];
      if (value?.middleware) running.push(...value.middleware);
      if (value?.functions || value?.closure || value?.middleware) {
        running.push(...(guardPurposes(this.functionsOf(value), framework.continuation) ?? []));
        continue;
      }
      for (const group of this.groupsOf(argument)) {
        this.host.mountGroup(group, `${this.unit.id}:${argument.getStart()}`, [
          ...new Set(running),
        ]);
      }
    }
  }

  /**
   * The declarations of the routers or apps an expression may be: the one a name refers to
   * (`const exportsRouter = Router()`), or those a project function returns when the name holds
   * its result or the expression calls it (`makeExportsRouter()`, `const r = makeExportsRouter()`).
   */
  protected groupsOf(
    expression: ts.Expression,
    seen: Set<ts.Node> = new Set(),
  ): readonly ts.Node[] {
    const node = skipParens(expression);
    // A chain of registrations on a new app (`new Hono().post(…)`) is that app.
    if (ts.isCallExpression(node) && this.isRegistration(node)) return [node];
    if (ts.isCallExpression(node)) return this.factoryGroups(node, seen);
    if (!ts.isIdentifier(node)) return [];
    const declaration = this.host.oracle
      .declarationsOf(node)
      .find(
        (candidate): candidate is ts.VariableDeclaration =>
          ts.isVariableDeclaration(candidate) &&
          candidate.initializer !== undefined &&
          ts.isIdentifier(candidate.name),
      );
    if (!declaration?.initializer) return [];
    const initializer = skipParens(declaration.initializer);
    if (ts.isCallExpression(initializer)) {
      const built = this.factoryGroups(initializer, seen);
      if (built.length > 0) return built;
    }
    return [declaration];
  }

  /**
   * The routers a project function called here builds and returns (`function makeExportsRouter()
   * { const router = Router(); …; return router; }`); none for a library's function or a return
   * the analysis cannot name.
   */
  protected factoryGroups(call: ts.CallExpression, seen: Set<ts.Node>): ts.Node[] {
    const groups: ts.Node[] = [];
    for (const declaration of this.host.oracle.declarationsOf(call)) {
      const factory = ts.isVariableDeclaration(declaration)
        ? declaration.initializer && skipParens(declaration.initializer)
        : declaration;
      if (
        !factory ||
        seen.has(factory) ||
        !(
          ts.isFunctionDeclaration(factory) ||
          ts.isArrowFunction(factory) ||
          ts.isFunctionExpression(factory)
        ) ||
        !factory.body
      ) {
        continue;
      }
      seen.add(factory);
      const returned = returnedExpressions(factory.body);
      const built = returned.map((expression) => this.groupsOf(expression, seen));
      // `seen` holds only the factories being resolved: one returned on two branches is read twice.
      seen.delete(factory);
      // A return that names no router leaves the factory's routers unknown.
      if (returned.length === 0 || built.some((list) => list.length === 0)) continue;
      groups.push(...built.flat());
    }
    return [...new Set(groups)];
  }

  /** Whether a call registers middleware, a hook, a route or a group on a framework's app. */
  protected isRegistration(call: ts.CallExpression): boolean {
    return (
      ts.isPropertyAccessExpression(skipParens(call.expression)) &&
      this.host.classifier.frameworkCall(call)?.registers !== undefined
    );
  }

  /** The app a chain of registrations starts on (`new Hono().use(guard)` → `new Hono()`). */
  protected registrationTarget(expression: ts.Expression): ts.Expression {
    let node = skipParens(expression);
    while (ts.isCallExpression(node) && this.isRegistration(node)) {
      node = skipParens((skipParens(node.expression) as ts.PropertyAccessExpression).expression);
    }
    return node;
  }

  /**
   * The app a registration chained on a new app registers on, named as its mounts name it: the
   * variable the whole chain initialises, or else the chain itself (returned by a factory,
   * passed to a mount).
   */
  protected chainGroup(registration: ts.CallExpression | ts.NewExpression): ts.Node {
    let top: ts.Node = registration;
    for (;;) {
      const access = top.parent;
      const call = access?.parent;
      if (
        !access ||
        !call ||
        !ts.isPropertyAccessExpression(access) ||
        access.expression !== top ||
        !ts.isCallExpression(call) ||
        call.expression !== access ||
        !this.isRegistration(call)
      ) {
        break;
      }
      top = call;
    }
    let holder = top.parent;
    while (
      holder &&
      (ts.isParenthesizedExpression(holder) ||
        ts.isAsExpression(holder) ||
        ts.isSatisfiesExpression(holder))
    ) {
      holder = holder.parent;
    }
    return holder && ts.isVariableDeclaration(holder) ? holder : top;
  }

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
    const sharing =
      ts.isCallExpression(node) && (callback?.closure || callback?.functions)
        ? this.host.classifier.scopeSharingCall(node)
        : undefined;
    if (callback && sharing) {
      // `fp(plugin)`: the plugin itself, marked to share its parent's scope where it is registered.
      const closure = callback.closure;
      if (closure) {
        // Its routes are the registering instances' (those every registration gives).
        const unit = this.host.unitOf(closure.node);
        const param = sharing.plugins?.instanceParameter ?? 0;
        const start = unit ? pluginStarts(unit).get(param) : undefined;
        const instance = closure.node.parameters[param];
        const name = instance && ts.isIdentifier(instance.name) ? instance.name.text : undefined;
        this.#withInstance(closure.node, name, start?.purposes ?? [], () => {
          const params = closure.node.parameters.map((parameter) =>
            this.sourceByType(parameter.name, emptyValue, parameter),
          );
          this.invoke(closure, params, state, frame);
          this.guardsSure(this.bodyGuards);
        });
      }
      const functions = this.functionsOf(callback);
      return {
        taints: [],
        ...(functions ? { functions } : callback.closure ? { closure: callback.closure } : {}),
        sharesScope: true,
      };
    }
    if (kind.kind === 'unknown' && ts.isCallExpression(node)) {
      const piped = this.iterableOperators(node, args, receiver, state, frame);
      if (piped) return piped;
    }
    const method = elementMethod(name);
    if (
      receiver &&
      ts.isCallExpression(node) &&
      method &&
      callback &&
      (callback.closure || callback.functions || callback.bound)
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
    if (receiver?.writes && receiver.path !== undefined && ts.isPropertyAccessExpression(callee)) {
      // `stream.write(line)`, `handle.appendFile(text)`: the data ends up in the handle's file.
      this.writeToFile(
        receiver.path,
        args,
        node,
        state,
        `the file of \`${shorten(callee.expression.getText())}\``,
      );
      return receiver;
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
    if (kind.kind === 'builtin' && collectionWriters.has(name)) {
      this.storedClosures(args, node, state, frame);
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
    const framework = this.host.classifier.frameworkCall(node);
    if (framework?.registers === 'plugin') {
      this.plugin(framework.framework, node, args, state, frame);
      return emptyValue;
    }
    if (
      framework &&
      ts.isPropertyAccessExpression(callee) &&
      framework.framework.plugins?.loadPending?.includes(name) &&
      isAwaited(node)
    ) {
      this.#loadPlugins(callee.expression.getText());
    }
    const outerNote = this.routeNote;
    let middleware = framework?.registers
      ? this.registration(framework.framework, framework.registers, node, args, state, frame)
      : undefined;
    for (const argument of args) {
      if (argument.middleware) middleware = argument.middleware;
      // The team's own middleware: it goes on only when the request allows its purposes.
      const guards = guardPurposes(
        this.functionsOf(argument),
        framework?.framework.continuation ?? defaultContinuation,
      );
      if (guards && !argument.closure) {
        middleware = [...new Set([...(middleware ?? []), ...guards])];
        continue;
      }
      if (argument.closure) {
        // A guard written inline runs here too, before the handlers after it are allowed.
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
        if (guards) middleware = [...new Set([...(middleware ?? []), ...guards])];
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
    this.routeNote = outerNote;
    const data = [...args.filter((argument) => !argument.closure && !argument.functions)];
    if (receiver) {
      // A service injected through another function's parameter (`this.store.user(id)`) is not
      // data; a built-in method (`this.#lines.join()`) works on the data its constructor stored.
      data.push({
        taints: receiver.taints.filter(
          (taint) =>
            taint.param === undefined ||
            taint.param.unit.id === this.unit.id ||
            kind.kind === 'builtin',
        ),
        ...(receiver.untraced === undefined ? {} : { untraced: receiver.untraced }),
      });
    }
    const value = mergeTaints(data);
    let identity = this.loaderIdentity(node, args);
    // A query narrowed to one subject (`.where('account_id', '=', account.id)`) stays theirs down the chain.
    if (identity.identity === undefined && receiver?.linked && receiver.identity !== undefined) {
      identity = { identity: receiver.identity, linked: true };
    }
    if (
      identity.identity === undefined &&
      framework &&
      !framework.registers &&
      receiver?.identity !== undefined
    ) {
      // What a framework's API reads from a request (`c.req.json()`, `c.get('user')`) is the
      // request's: checked and allowed with it.
      const root = receiver.identity.split('.')[0]!;
      const first = node.arguments?.[0];
      identity = {
        identity:
          node.arguments?.length === 1 && first && ts.isStringLiteralLike(first)
            ? `${root}.${first.text}`
            : root,
      };
    }
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
    if (
      kind.kind === 'unknown' &&
      kind.undeclaredModule !== undefined &&
      value.taints.length === 0
    ) {
      return {
        ...value,
        ...identity,
        untraced: `it comes from \`${shorten(node.expression.getText())}\` of \`${kind.undeclaredModule}\`, a module without type declarations`,
      };
    }
    // Data from parameters (ids, services) does not make the result personal; its type may
    // (not an SDK factory's: see `isSdkFactory`).
    if (
      value.taints.every((taint) => taint.param !== undefined) &&
      !(kind.kind === 'sdk' && isSdkFactory(kind.name))
    ) {
      const typed = this.sourceByType(node, { ...value, ...identity }, node);
      if (kind.kind === 'unknown' && kind.bodiless && typed.taints.length === 0) {
        // What a function without a body gives back cannot be followed: it may be anything.
        return {
          ...typed,
          untraced: `it comes from \`${shorten(node.expression.getText())}\`, which has no body and no catalogue row`,
        };
      }
      return typed;
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

  /**
   * Operators over iterables, known by their signatures: `map(fn)` makes one; a call given
   * operators (`pipe(rows, map(fn))`, `from(rows).pipe(map(fn))`) runs them on its data in order,
   * and one given only operators (`pipe(map(f), filter(g))`) composes them.
   */
  protected iterableOperators(
    node: ts.CallExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
    frame: Frame,
  ): Value | undefined {
    const operators = args.flatMap((argument) => argument.operators ?? []);
    if (operators.length > 0) {
      const sources = args.filter((argument) => !argument.operators);
      if (sources.length === 0 && receiver === undefined) return { taints: [], operators };
      const source =
        sources.length === 0
          ? receiver!
          : sources.length === 1
            ? sources[0]!
            : mergeTaints(sources);
      return this.applyOperators(source, operators, state, frame);
    }
    if (!args.some((argument) => argument.closure || argument.functions)) return undefined;
    const made = this.host.oracle.iterableOperator(node);
    const callback = made === undefined ? undefined : args[made.callback];
    if (!made || !callback || !(callback.closure || callback.functions)) return undefined;
    return { taints: [], operators: [{ selects: made.selects, callback, node }] };
  }

  /** Runs operators over iterables on a source, each like the array method of its role. */
  protected applyOperators(
    source: Value,
    operators: readonly IterableOperator[],
    state: State,
    frame: Frame,
  ): Value {
    let current = source;
    for (const operator of operators) {
      const method = operator.selects ? selectElements : transformElements;
      const result = this.elementCall(
        method,
        operator.node,
        current,
        [operator.callback],
        state,
        frame,
      );
      const step = this.step(
        operator.node,
        `each element goes through \`${shorten(operator.node.expression.getText())}\``,
      );
      current = mapValueTaints(result, (taints) =>
        taints.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
      );
    }
    return current;
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

  /** A catalogued file, folder or path API: files carry what was written to them, by path key. */
  protected fileCall(
    entry: FileApiEntry,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): Value {
    switch (entry.role) {
      case 'temp-dir':
        return { taints: [], path: '<tmpdir>' };
      case 'temp-dir-create': {
        const prefix = this.fileKey(args[0]) ?? '*';
        // One folder per call site: every run of it makes a new one, but they hold the same files.
        return { taints: [], path: `${prefix}<mkdtemp ${this.locKey(node).replaceAll('/', '|')}>` };
      }
      case 'path-join': {
        const parts = args.map((arg) => this.fileKey(arg) ?? '*');
        if (parts.every((part) => part === '*')) return mergeTaints(args);
        return { ...mergeTaints(args), path: joinPathKeys(parts) };
      }
      case 'file-write': {
        const key = this.fileKey(args[entry.path ?? 0]);
        if (key !== undefined) {
          this.writeToFile(
            key,
            (entry.data ?? []).map((index) => args[index] ?? emptyValue),
            node,
            state,
            this.pathShown(node, entry.path ?? 0),
          );
        }
        return emptyValue;
      }
      case 'file-write-handle': {
        const key = this.fileKey(args[entry.path ?? 0]);
        return key === undefined ? emptyValue : { taints: [], path: key, writes: true };
      }
      case 'file-copy': {
        const from = this.fileKey(args[entry.from ?? 0]);
        const to = this.fileKey(args[entry.path ?? 1]);
        if (from !== undefined && to !== undefined && !from.startsWith('@param:')) {
          this.writeToFile(
            to,
            [{ taints: this.host.file(from, this.unit) }],
            node,
            state,
            this.pathShown(node, entry.path ?? 1),
          );
        }
        return emptyValue;
      }
      case 'stream-pipeline': {
        const destination = args.findLastIndex(
          (arg) => arg.writes === true && arg.path !== undefined,
        );
        const key = args[destination]?.path;
        if (key !== undefined) {
          this.writeToFile(
            key,
            args.filter((arg, index) => index !== destination && !arg.closure && !arg.functions),
            node,
            state,
            this.pathShown(node, destination),
          );
        }
        return emptyValue;
      }
      case 'file-read': {
        const key = this.fileKey(args[entry.path ?? 0]);
        if (key === undefined) {
          const argument = node.arguments?.[entry.path ?? 0];
          return {
            taints: [],
            untraced: `it reads the file \`${shorten(argument?.getText() ?? '')}\`, a path the analysis cannot resolve`,
          };
        }
        const step = this.step(node, `\`${shorten(node.getText())}\` reads the file back`);
        if (key.startsWith('@param:')) {
          // A file its caller names: what the caller wrote there, once the summary is applied.
          return { taints: [this.paramFileTaint(key, unknownFacts(this.all), step)] };
        }
        const written = this.host.file(key, this.unit);
        // A file named by a value the analysis cannot follow, which nothing here writes.
        if (written.length === 0 && key.startsWith('@local:')) {
          const argument = node.arguments?.[entry.path ?? 0];
          return {
            taints: [],
            untraced: `it reads the file \`${shorten(argument?.getText() ?? '')}\`, a path the analysis cannot resolve`,
          };
        }
        return {
          taints: written.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
        };
      }
    }
  }

  /** A catalogued object storage API: stored objects carry what was written to them, by URI key. */
  protected objectCall(
    entry: ObjectStorageEntry,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    receiver: Value | undefined,
    state: State,
  ): Value {
    const scheme = `${entry.scheme}:`;
    const within = (base: string | undefined, name: string | undefined) =>
      base === undefined || name === undefined ? undefined : joinPathKeys([base, name]);
    switch (entry.role) {
      case 'object-write': {
        const options = args[0];
        const bucket = this.objectPart(optionOf(options, entry.bucket));
        const key = within(
          bucket === undefined ? undefined : joinPathKeys([scheme, bucket]),
          this.objectPart(optionOf(options, entry.key)),
        );
        const data = optionOf(options, entry.data) ?? emptyValue;
        if (key !== undefined)
          this.writeToFile(key, [data], node, state, `the object \`${uriShown(key)}\``);
        return emptyValue;
      }
      case 'object-bucket': {
        const bucket = this.objectPart(args[0]);
        return bucket === undefined
          ? emptyValue
          : { taints: [], path: joinPathKeys([scheme, bucket]) };
      }
      case 'object-file': {
        const key = within(receiver?.path, this.objectPart(args[0]));
        return key === undefined ? emptyValue : { taints: [], path: key };
      }
      case 'object-save': {
        const key = receiver?.path;
        if (key !== undefined)
          this.writeToFile(
            key,
            [args[0] ?? emptyValue],
            node,
            state,
            `the object \`${uriShown(key)}\``,
          );
        return emptyValue;
      }
      case 'object-upload': {
        const from = this.fileKey(args[0]);
        const named = this.objectPart(optionOf(args[1], entry.destination));
        const key = within(
          receiver?.path,
          named ?? (from === undefined ? undefined : from.split('/').pop()),
        );
        if (from !== undefined && key !== undefined && !from.startsWith('@param:')) {
          const argument = node.arguments?.[0];
          const read = this.step(
            node,
            `\`${shorten(argument?.getText() ?? '')}\` is read for the upload`,
          );
          this.writeToFile(
            key,
            [
              {
                taints: this.host
                  .file(from, this.unit)
                  .map((taint) => ({ ...taint, trail: extendTrail(taint.trail, read) })),
              },
            ],
            node,
            state,
            `the object \`${uriShown(key)}\``,
          );
        }
        return emptyValue;
      }
    }
  }

  /**
   * A part of an object's URI (bucket, key) as a path key: a constant, or a variable of this
   * function (the same variable names the same object here, and nothing elsewhere).
   */
  protected objectPart(value: Value | undefined): string | undefined {
    const key = this.fileKey(value);
    if (key === undefined) return undefined;
    // Path keys of parameters resolve at a call only as a whole: inside a URI they stay local.
    return key.startsWith('@param:') ? `@local:${this.unit.id}:${key}` : key;
  }

  /** The file or stored object a value names, and what it holds: for a sink that reads it. */
  protected readNamed(
    value: Value | undefined,
    node: ts.CallExpression | ts.NewExpression,
    option: string | undefined,
  ): { readonly taints: readonly Taint[]; readonly untraced?: string } {
    const key = this.fileKey(value);
    const what = option === undefined ? 'the path it is given' : `its \`${option}\``;
    if (key === undefined || (key.startsWith('@param:') && this.unit.callers.size === 0)) {
      return {
        taints: [],
        untraced: `${what} names a file or object the analysis cannot resolve`,
      };
    }
    if (key.startsWith('@param:')) return { taints: [] };
    const written = this.host.file(key, this.unit);
    if (written.length === 0 && key.startsWith('@local:')) {
      return {
        taints: [],
        untraced: `${what} names a file or object the analysis cannot resolve`,
      };
    }
    // A URI is shown as written; a local file as the call that reads it (its key is internal).
    const step = this.step(
      node,
      /^[a-z][a-z0-9+.-]*:\//i.test(key)
        ? `${what} names \`${uriShown(key)}\`, which it reads`
        : `\`${shorten(node.getText())}\` reads the file back`,
    );
    return {
      taints: written.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
    };
  }

  /** Data written to the file a path key names: to the shared store, or to the summary when the key is a parameter's. */
  protected writeToFile(
    key: string,
    data: readonly Value[],
    node: ts.CallExpression | ts.NewExpression,
    state: State,
    where: string,
  ): void {
    const callee = skipParens(node.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
    const step = this.step(node, `written to ${where} by \`${shorten(name)}\``);
    const taints = this.stamp(mergeTaints(data).taints, state).map((taint) => ({
      ...taint,
      trail: extendTrail(taint.trail, step),
    }));
    if (taints.length === 0) return;
    this.recordFileWrite(key, taints);
    if (!key.startsWith('@param:')) {
      // Data from this function's parameters stands for its callers' data: they write it.
      const own = taints.filter((taint) => taint.param?.unit.id !== this.unit.id);
      if (own.length > 0) this.host.writeFile(key, own);
    }
  }

  /**
   * Keeps a write for the summary when callers must see it: the file is named by a parameter,
   * the data comes from one, or the file is in a temporary folder each call makes anew.
   */
  protected recordFileWrite(key: string, taints: readonly Taint[]): void {
    if (key.startsWith('@local:')) return;
    const fromParams = taints.some((taint) => taint.param?.unit.id === this.unit.id);
    if (!key.startsWith('@param:') && !fromParams && !key.includes('<mkdtemp ')) return;
    this.fileWrites.set(key, unionTaints(this.fileWrites.get(key) ?? [], taints));
  }

  /** How a flow names the file a call's path argument gives. */
  protected pathShown(node: ts.CallExpression | ts.NewExpression, index: number): string {
    const argument = node.arguments?.[index];
    return argument ? `the file \`${shorten(argument.getText())}\`` : 'a file';
  }

  /** A callee's write to a file, with its parameters' data replaced by the arguments at this call. */
  protected applyFileWrite(
    unit: Unit,
    write: FileWrite,
    node: ts.CallExpression | ts.NewExpression,
    args: readonly Value[],
    state: State,
  ): void {
    const key = write.key.startsWith('@param:')
      ? this.resolveFileKey(write.key, args)
      : this.atCallSite(write.key, node);
    if (key === undefined) return;
    const call = this.step(node, `passed to \`${unit.name}\``);
    const taints: Taint[] = [];
    for (const taint of write.taints) {
      if (taint.param?.unit.id === unit.id) {
        const argument = args[taint.param.index];
        const inner = taint.trail.slice(1);
        for (const passed of throughFields(argument?.taints ?? [], taint.via)) {
          let trail = extendTrail(passed.trail, call);
          for (const step of inner) trail = extendTrail(trail, step);
          taints.push({ ...passed, facts: meetFacts(passed.facts, taint.facts), trail });
        }
      } else if (!taint.param) {
        taints.push(taint);
      }
    }
    if (taints.length > 0) {
      const stamped = this.stamp(taints, state);
      this.recordFileWrite(key, stamped);
      if (!key.startsWith('@param:')) {
        const own = stamped.filter((taint) => taint.param?.unit.id !== this.unit.id);
        if (own.length > 0) this.host.writeFile(key, own);
      }
    }
  }

  /** A callee's path key at a call: `@param:0.path` becomes the key of the first argument's `path`. */
  protected resolveFileKey(key: string, args: readonly Value[]): string | undefined {
    const match = /^@param:(\d+)((?:\.[^.]+)*)$/.exec(key);
    if (!match) return key.startsWith('@local:') ? undefined : key;
    let value = args[Number(match[1])];
    let suffix = '';
    for (const name of (match[2] ?? '').split('.').filter((part) => part !== '')) {
      const field = suffix === '' ? value?.fields?.get(name) : undefined;
      if (field) value = field;
      else suffix += `.${name}`;
    }
    const base = this.fileKey(value);
    return base === undefined ? undefined : `${base}${suffix}`;
  }

  /**
   * The key of the file a value names: its path (literals, temporary folders, joins), a
   * parameter's path (`@param:0.path`, resolved by callers), or a local variable's.
   */
  protected fileKey(value: Value | undefined): string | undefined {
    if (!value) return undefined;
    if (value.path !== undefined) return value.path;
    if (value.literals?.length === 1) return joinPathKeys([value.literals[0]!]);
    const identity = value.identity;
    if (identity === undefined || identity.startsWith('#') || identity.startsWith('@'))
      return undefined;
    const root = identity.split('.')[0] ?? '';
    const param = this.paramOfSubject(identity);
    if (param >= 0) return `@param:${param}${identity.slice(root.length)}`;
    return `@local:${this.unit.id}:${identity}`;
  }
}

/** A path key as a flow shows it: `s3:/bucket/key` as the URI `s3://bucket/key`. */
function uriShown(key: string): string {
  return key
    .replace(/^([a-z][a-z0-9+.-]*):\/(?!\/)/i, '$1://')
    .replace(/@local:\d+:([^/]+)/g, (_, name: string) => `\${${name}}`);
}

/** How an operator that selects elements (`filter(fn)`) or makes new ones (`map(fn)`) runs. */
const selectElements: ElementMethod = {
  name: 'selecting operator',
  role: 'select',
  linksCallee: false,
};
const transformElements: ElementMethod = {
  name: 'transforming operator',
  role: 'transform',
  linksCallee: false,
};
