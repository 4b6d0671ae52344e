import { ts } from 'ts-morph';
import { elementMethod, promiseContinuation } from '../catalogue/builtins.js';
import type { FlowStep, Location } from '../findings.js';
import {
  functionMemberOf,
  implementedTypeOf,
  mayImplementByObject,
  withoutAssertions,
} from './implementers.js';
import type { GuardFacts } from './lattice.js';
import type { StoredOrigin, Taint, UnitRef } from './taint.js';
import { mayHoldMatch, walk } from './walk.js';

/** "Parameter i reaches a sink of these purposes unguarded for some tiers": a precondition callers discharge. */
export interface Precondition {
  readonly param: number;
  readonly purposes: readonly string[];
  /** Guard facts about the parameter's subject where it reaches the sink, inside the function. */
  readonly facts: GuardFacts;
  /** From the parameter to the sink. */
  readonly trail: readonly FlowStep[];
  /** The parameter reaches the sink only through these fields (`row.prompt`). */
  readonly via?: readonly string[];
  readonly sink: string;
  /** Where the function's own code sends the parameter on (the sink, or the call towards it). */
  readonly site: Location;
  /**
   * Set when the data is not the parameter itself but personal data the function loads about the
   * subject the parameter identifies (`db.conversations(userId)`): callers discharge it with a
   * guard on that subject, whatever data they pass.
   */
  readonly subjectOf?: { readonly categories?: readonly string[] };
  /** The categories of the parameter's data that reach the sink, when a projection narrowed them. */
  readonly categories?: readonly string[];
  /** The subject as this function's code names it at the sink (`user` for an `id`), for messages. */
  readonly subjectName?: string;
  /** The sink is a vendor's training API: untraced data reaching it is reported, not dropped. */
  readonly training?: true;
  /**
   * The data is what the constructor of the instance the parameter holds stored from its
   * arguments (`transcript.jsonl`): callers resolve it against the instance they pass.
   */
  readonly stored?: StoredOrigin;
  /**
   * The data reaches the sink only through the function callers pass as parameter `param`,
   * when that is the unit `unit` (`forEachExchange(rows, share)` runs `share`): a caller that
   * passes another function does not meet this precondition.
   */
  readonly through?: PassedFunction;
}

/** A function a caller passes as a parameter: the parameter's index and the function's unit id. */
export interface PassedFunction {
  readonly param: number;
  readonly unit: number;
}

/** "The function returns true only if parameter i allows the purposes", or "throws unless". */
export interface GuardEffect {
  readonly param: number;
  readonly purposes: readonly string[];
  readonly mask: number;
  /** The returned outcome is a Promise even if the function is not async. */
  readonly pending?: boolean;
}

/** What callers need to know about a function, computed without looking at them. */
export interface Summary {
  readonly preconditions: readonly Precondition[];
  readonly returnsCheck?: GuardEffect;
  /** "Returns true only if parameter i's tier is in `mask`" (`isPaid(user)`). */
  readonly returnsTier?: { readonly param: number; readonly mask: number };
  readonly asserts: readonly GuardEffect[];
  /** Parameter → return flows, with the guard facts the returned data carries. */
  readonly returnsParams: ReadonlyMap<number, GuardFacts>;
  /** For a parameter returned only in part (`conversation.messages`): the categories it keeps. */
  readonly returnsParamCategories?: ReadonlyMap<number, readonly string[]>;
  /** For parameters returned only through some of their fields (`{ content: exchange.prompt }`): those fields. */
  readonly returnsParamFields?: ReadonlyMap<number, readonly string[]>;
  /** Personal data the function reads from a source and returns. */
  readonly returnsSources: readonly Taint[];
  /**
   * Data a getter or method returns from fields its class's constructor filled from the
   * constructor's parameters (`this.#lines = rows…`): those parameters' taints, resolved at each
   * read against the arguments of the instance the caller holds.
   */
  readonly returnsStored?: readonly Taint[];
  /**
   * Data a getter or method of an instance a parameter holds returns from what its constructor
   * stored (`return transcript.jsonl`): callers resolve it against the instance they pass.
   */
  readonly returnsParamStored?: readonly {
    readonly param: number;
    readonly stored: StoredOrigin;
    readonly facts: GuardFacts;
    /** The callee's part of the flow, after the parameter (`returned by \`Transcript.jsonl\``). */
    readonly trail: readonly FlowStep[];
  }[];
  /**
   * Files named by parameters (`@param:0`) whose content the function reads and returns, with
   * the guard facts on the way: callers resolve the key against the path they pass and get what
   * was written there.
   */
  readonly returnsFiles?: readonly { readonly key: string; readonly facts: GuardFacts }[];
  /** The returned value is the subject of parameter i (a loader by id). */
  readonly returnsIdentityOf?: number;
  /**
   * A middleware or route guard: it calls its continuation (parameter `param`, `next()`) only
   * when the request (its first parameter) allows `purposes` for every tier.
   */
  readonly continuesOnlyIf?: { readonly param: number; readonly purposes: readonly string[] };
  /**
   * A hook that goes on by returning: it returns without a value only when the request (its
   * first parameter) allows these purposes for every tier, and stops otherwise (returns a reply,
   * throws).
   */
  readonly returnsBareOnlyIf?: readonly string[];
  /**
   * A file middleware (Next.js `middleware.ts`): it returns the framework's continuation value
   * (`NextResponse.next()`) or nothing only when the request (its first parameter, or what it
   * holds) allows these purposes for every tier.
   */
  readonly continuesByReturnOnlyIf?: readonly string[];
  /**
   * A plugin, or a helper handed an app: it registers, on its instance parameter `param`, hooks
   * or middleware that let a request go on only when it allows `purposes` (so a parent sharing
   * its scope, or the caller, gets them); `anyOrder` when they are all hooks that run for every
   * route of the instance whatever the order.
   */
  readonly registersGuards?: {
    readonly param: number;
    readonly purposes: readonly string[];
    readonly anyOrder?: boolean;
  };
  /**
   * The parameters it registers routes, middleware, hooks or plugins on, itself or through the
   * helpers it hands them to (`registerExportRoutes(app)`): a caller hands it an app or router.
   */
  readonly registersOn?: readonly number[];
  /**
   * A guard wrapper (`withConsent(handler)`): it returns a function that calls its parameter
   * `param`, handing it argument i allowed for the purposes `allowed[i]` (none: unchecked) at
   * every such call.
   */
  readonly callsHandler?: {
    readonly param: number;
    readonly allowed: readonly (readonly string[])[];
  };
  /**
   * The function parameters it calls itself (`fn(row)` in `forEachTrainable(rows, fn)`), by
   * parameter index: for each argument position, the guard facts of what it hands there, joined
   * over every such call (what holds at all of them). A function written inline for that
   * parameter runs with them.
   */
  readonly callsParams?: ReadonlyMap<number, ParamCalls>;
  /**
   * The same for the functions an options parameter holds (`options.onItem(item)`), by
   * `index.member` (`0.onItem`).
   */
  readonly callsParamMembers?: ReadonlyMap<string, ParamCalls>;
  /**
   * The returned value names a file (`mkdtemp…/train.jsonl`), or an object whose fields do
   * (`{ path }`): the path keys, so callers read what was written there.
   */
  readonly returnsPath?: {
    readonly path?: string;
    readonly fields?: readonly (readonly [string, string])[];
  };
  /**
   * Data written to files named by a parameter (`@param:0.path`) or by a fixed path key; taints
   * from parameters stand for the arguments callers pass.
   */
  readonly writesFiles?: readonly FileWrite[];
}

/**
 * The calls a function makes of one of its function parameters: per argument position, the
 * guard facts of what it hands there at all of them (and which of its own parameters it hands
 * there, for its callers to add what they checked), and where those calls are (its own, and
 * those of the functions it hands the parameter on to), for the flows of what they hand over.
 */
export interface ParamCalls {
  readonly facts: readonly GuardFacts[];
  /** Per argument position, the function's own parameter handed there at every call, if one is. */
  readonly params: readonly (number | undefined)[];
  readonly sites: readonly FlowStep[];
}

/** Data a function writes to a file: the path key (maybe relative to a parameter) and the data. */
export interface FileWrite {
  readonly key: string;
  readonly taints: readonly Taint[];
}

/** The summary of a function nothing is known about yet. */
export const emptySummary: Summary = {
  preconditions: [],
  asserts: [],
  returnsParams: new Map(),
  returnsSources: [],
};

/** The guards an instance a unit is given has at one place it is given: for every path, and for the paths under a mount. */
export interface PluginScope {
  readonly param: number;
  readonly purposes: readonly string[];
  readonly mounted?: readonly MountedGuard[];
}

/** Middleware mounted at a path, and the purposes it lets requests go on for. */
export interface MountedGuard {
  readonly mount: string;
  readonly purposes: readonly string[];
}

/** A function, method, accessor or module body the engine analyses and summarises. */
export interface Unit extends UnitRef {
  readonly node: ts.SignatureDeclaration | ts.SourceFile;
  readonly file: ts.SourceFile;
  readonly params: readonly ts.ParameterDeclaration[];
  readonly classNode?: ts.ClassLikeDeclaration;
  readonly isAsync: boolean;
  summary: Summary;
  /** Preconditions found in other functions of the class (data stored in a field, flushed elsewhere). */
  readonly external: Map<string, Precondition>;
  readonly callers: Set<Unit>;
  readonly callees: Set<Unit>;
  /** Units that pass this one as a value to code we do not see (a route registration, say). */
  readonly referrers: Set<Unit>;
  /** A reference to the function escapes to code we do not see (a framework callback, an export). */
  escapes: boolean;
  /** Purposes allowed on entry for a parameter, when the unit is registered behind consent middleware. */
  readonly entryGuards: Map<number, Set<string>>;
  /**
   * A plugin's registrations, or the calls that hand it an app or router (`registerExportRoutes(app)`),
   * by place: the purposes the guards of the instance it was given (its parameter `param`) let
   * requests go on for, for every path and (`mounted`) for the paths under a mount. Its routes
   * start behind the guards every place gives.
   */
  readonly pluginScopes: Map<string, PluginScope>;
  /**
   * The hooks its body added on each framework instance it owns (by the instance's scope and
   * name), in its last evaluation, on frameworks whose hooks run for every route whatever the
   * order: the purposes they let requests go on for, by the load of the instance's plugins they
   * were added in (an awaited `register` or `after()` loads those registered so far). Its routes
   * start behind all of them; a plugin it registers without `await`, behind those added up to
   * the load of that plugin.
   */
  instanceHooks: ReadonlyMap<string, readonly (readonly string[])[]>;
  /**
   * A closure written inline in a call at module top level (`app.use(async (c, next) => …)`):
   * the module evaluates it where it is passed; its own evaluation only gives its summary.
   */
  readonly inline?: true;
}

/**
 * The function an assignment writes into a property (`hooks.send = async (text) => …`), with
 * that property, or undefined for any other node.
 */
export function functionAssignment(node: ts.Node):
  | {
      readonly target: ts.PropertyAccessExpression;
      readonly fn: ts.ArrowFunction | ts.FunctionExpression;
    }
  | undefined {
  if (
    !ts.isBinaryExpression(node) ||
    node.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    !ts.isPropertyAccessExpression(node.left)
  ) {
    return undefined;
  }
  let fn = node.right;
  while (ts.isParenthesizedExpression(fn)) fn = fn.expression;
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)
    ? { target: node.left, fn }
    : undefined;
}

/** A statement that writes a function into a property of a named value (`functionAssignment`). */
export interface FunctionAssignment {
  readonly statement: ts.ExpressionStatement;
  readonly target: ts.PropertyAccessExpression;
  readonly fn: ts.ArrowFunction | ts.FunctionExpression;
}

/**
 * The statements of a file that write a function into a property of a named value
 * (`hooks.send = async (text) => …`, not `this.onDone = …`): at its top level, and directly in
 * the body of a function declared there (`export function configureExport() { hooks.send = … }`).
 */
export function functionAssignments(file: ts.SourceFile): FunctionAssignment[] {
  const found: FunctionAssignment[] = [];
  const read = (statements: readonly ts.Statement[]) => {
    for (const statement of statements) {
      if (!ts.isExpressionStatement(statement)) continue;
      const assigned = functionAssignment(statement.expression);
      if (assigned && ts.isIdentifier(rootOf(assigned.target)))
        found.push({ statement, ...assigned });
    }
  };
  read(file.statements);
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.body) read(statement.body.statements);
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (
        init &&
        (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) &&
        ts.isBlock(init.body)
      ) {
        read(init.body.statements);
      }
    }
  }
  return found;
}

/** The expression a chain of property accesses starts from (`hooks` of `hooks.export.send`). */
function rootOf(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return current;
}

/** The body of a function-like node, or undefined when it has none (overloads, abstract members). */
export function bodyOf(node: ts.SignatureDeclaration): ts.ConciseBody | undefined {
  return (node as { body?: ts.ConciseBody }).body;
}

/** Whether a function-like node is declared `async`. */
export function isAsyncFunction(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** A readable name for a function-like node, e.g. `TrainingExport.run`. */
export function unitName(node: ts.Node): string {
  const own = (node as { name?: ts.Node }).name;
  let name = own && (ts.isIdentifier(own) || ts.isPrivateIdentifier(own)) ? own.text : '';
  if (ts.isConstructorDeclaration(node)) name = 'constructor';
  if (!name && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    name = node.parent.name.text;
  }
  if (!name && ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)) {
    name = node.parent.name.text;
  }
  if (!name && ts.isBinaryExpression(node) && ts.isPropertyAccessExpression(node.left)) {
    // `hooks.send = …` is named as written.
    const target = node.left.expression;
    const owner = ts.isIdentifier(target) ? `${target.text}.` : '';
    return `${owner}${ts.isIdentifier(node.left.name) ? node.left.name.text : '(anonymous)'}`;
  }
  const owner = node.parent;
  if (owner && (ts.isClassDeclaration(owner) || ts.isClassExpression(owner))) {
    // `const OpenAIHook = class { … }` is named by its variable.
    const className =
      owner.name?.text ??
      (ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name)
        ? owner.parent.name.text
        : undefined);
    if (className !== undefined) return `${className}.${name}`;
  }
  return name || '(anonymous)';
}

/** The callee of a call as a reader names it (`app.use`), shortened. */
function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) {
    const owner = ts.isIdentifier(callee.expression) ? `${callee.expression.text}.` : '';
    return `${owner}${callee.name.text}`;
  }
  return 'a call';
}

/**
 * A call that runs its callback with the data it is called on (`rows.map(toRow)`,
 * `promise.then(…)`): the callback is evaluated there with that data and needs no summary.
 */
function callsBackInPlace(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  return elementMethod(name) !== undefined || name === promiseContinuation;
}

/**
 * Collects every unit of a file: the module body, functions, methods and function-valued
 * constants. Closures passed inside a function to a method named in `nested` (a plugin's
 * `scope.addHook('preHandler', async (request) => …)`) are inline units too, so their summaries
 * say whether they guard; the function that passes them evaluates them in place.
 */
export function collectUnits(
  file: ts.SourceFile,
  nextId: () => number,
  nested: ReadonlySet<string> = new Set(),
): Unit[] {
  const units: Unit[] = [];
  const make = (
    node: ts.SignatureDeclaration | ts.SourceFile,
    name: string,
    classNode?: ts.ClassLikeDeclaration,
    inline?: true,
  ): Unit => ({
    id: nextId(),
    name,
    node,
    file,
    params: ts.isSourceFile(node) ? [] : [...node.parameters],
    ...(classNode ? { classNode } : {}),
    isAsync: !ts.isSourceFile(node) && isAsyncFunction(node),
    summary: emptySummary,
    external: new Map(),
    callers: new Set(),
    callees: new Set(),
    referrers: new Set(),
    escapes: false,
    entryGuards: new Map(),
    pluginScopes: new Map(),
    instanceHooks: new Map(),
    ...(inline ? { inline } : {}),
  });
  units.push(make(file, `${file.fileName.split('/').pop() ?? 'module'} (module)`));

  const visitClass = (node: ts.ClassLikeDeclaration) => {
    for (const member of node.members) {
      if (
        (ts.isMethodDeclaration(member) ||
          ts.isConstructorDeclaration(member) ||
          ts.isGetAccessorDeclaration(member) ||
          ts.isSetAccessorDeclaration(member)) &&
        member.body
      ) {
        units.push(make(member, unitName(member), node));
      } else if (
        ts.isPropertyDeclaration(member) &&
        member.initializer &&
        (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))
      ) {
        units.push(make(member.initializer, unitName(member), node));
      }
    }
  };
  const visitedObjects = new Set<ts.ObjectLiteralExpression>();
  const memberUnits = new Set<ts.SignatureDeclaration>();
  const visitObject = (node: ts.ObjectLiteralExpression) => {
    visitedObjects.add(node);
    for (const property of node.properties) {
      // Methods, functions written as values, and the functions a factory declares and returns
      // (`return { upload, count }`), each once.
      const fn = functionMemberOf(property);
      if (fn && !memberUnits.has(fn)) {
        memberUnits.add(fn);
        units.push(make(fn, unitName(fn)));
      }
    }
  };

  /** Closures passed to calls in a top-level statement, outside function bodies. */
  const visitInline = (statement: ts.Node) => {
    walk(statement, undefined, (node) => {
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
        node.parent &&
        (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) &&
        node.parent.arguments?.includes(node) &&
        !callsBackInPlace(node.parent)
      ) {
        units.push(make(node, `(callback of ${calleeName(node.parent)})`, undefined, true));
      }
      return ts.isFunctionLike(node) || ts.isClassLike(node) ? false : undefined;
    });
  };

  /** Closures a function passes to a registration method: inline units of their own, inside out. */
  const visitNested = (unit: Unit) => {
    const body = ts.isSourceFile(unit.node) ? undefined : bodyOf(unit.node);
    if (!body) return;
    walk(body, undefined, (node) => {
      const call = node.parent;
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
        call &&
        ts.isCallExpression(call) &&
        call.arguments.includes(node) &&
        ts.isPropertyAccessExpression(call.expression) &&
        nested.has(call.expression.name.text)
      ) {
        units.push(make(node, `(callback of ${calleeName(call)})`, undefined, true));
        return false;
      }
      return ts.isClassLike(node) ? false : undefined;
    });
  };

  // Below the top level only classes and object literals written to implement a type are units
  // (a function nested in a function is a closure of its unit), so the walk goes down only where
  // the text may declare one.
  const mayHoldClass = mayHoldMatch(file.text, /\bclass\b/g);
  const mayHoldObject = mayHoldMatch(file.text, mayImplementByObject);
  walk<'top' | 'inner'>(file, 'top', (node, level) => {
    if (node === file) return 'top';
    const topLevel = level === 'top';
    if (
      topLevel &&
      (ts.isExpressionStatement(node) ||
        ts.isVariableStatement(node) ||
        // The module runs an exported call (`export default fp(async (app) => …)`).
        (ts.isExportAssignment(node) && ts.isCallExpression(node.expression)))
    ) {
      visitInline(node);
    }
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      visitClass(node);
    } else if (
      ts.isObjectLiteralExpression(node) &&
      !visitedObjects.has(node) &&
      implementedTypeOf(node)
    ) {
      // `const hook: ExportHook = { … }` inside a function: calls through the type dispatch to it.
      visitObject(node);
    } else if (ts.isFunctionDeclaration(node) && node.body && topLevel) {
      units.push(make(node, unitName(node)));
    } else if (
      ts.isExportAssignment(node) &&
      topLevel &&
      ts.isObjectLiteralExpression(withoutAssertions(node.expression))
    ) {
      // `export default { async send(text) { … } } satisfies ExportHook`
      visitObject(withoutAssertions(node.expression) as ts.ObjectLiteralExpression);
    } else if (
      ts.isExportAssignment(node) &&
      topLevel &&
      (ts.isArrowFunction(node.expression) || ts.isFunctionExpression(node.expression))
    ) {
      // `export default async (app: FastifyInstance) => { … }`
      units.push(
        make(
          node.expression,
          unitName(node.expression) === '(anonymous)' ? 'default' : unitName(node.expression),
        ),
      );
    } else if (ts.isVariableStatement(node) && topLevel) {
      for (const declaration of node.declarationList.declarations) {
        const init = declaration.initializer;
        // `const hook = { … } satisfies ExportHook` declares the object's methods too.
        const object = init && withoutAssertions(init);
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          units.push(make(init, unitName(init)));
        } else if (object && ts.isObjectLiteralExpression(object)) {
          visitObject(object);
        }
      }
    }
    if (topLevel && (ts.isModuleBlock(node) || ts.isModuleDeclaration(node))) return 'top';
    // Classes may be declared anywhere: in a function, as an expression (`const Hook = class …`).
    return mayHoldClass(node) || mayHoldObject(node) ? 'inner' : false;
  });
  // `hooks.send = async (text) => { … }`: calls of `hooks.send` run it (`assignedTo`).
  for (const { statement, fn } of functionAssignments(file)) {
    units.push(make(fn, unitName(statement.expression)));
  }
  if (nested.size > 0) {
    // Units found here are visited in turn: a hook inside a plugin inside a plugin.
    for (let index = 1; index < units.length; index++) visitNested(units[index]!);
  }
  return units;
}
