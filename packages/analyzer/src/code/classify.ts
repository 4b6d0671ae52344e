import { ts } from 'ts-morph';
import {
  bindingInvokerNames,
  callingInvokerNames,
  elementMethod,
  type FunctionInvoker,
  functionInvoker,
  tableValues,
} from '../catalogue/builtins.js';
import type {
  CatalogueCondition,
  CatalogueData,
  GuardEntry,
  SanitizerEntry,
  SinkEntry,
  SourceEntry,
} from '../catalogue/entry.js';
import { type FileApiEntry, fileApiOf } from '../catalogue/file-apis.js';
import {
  type FrameworkRegistration,
  frameworkOfPackage,
  type PackageFunction,
  registrationOf,
  scopeSharingFramework,
  type WebFramework,
  webFrameworks,
} from '../catalogue/frameworks.js';
import { type ObjectStorageEntry, objectStorageApis } from '../catalogue/object-storage.js';
import {
  type QueryBuilderEntry,
  type QuerySelection,
  type QueryTable,
  queryBuilders,
} from '../catalogue/query-builders.js';
import { type SdkRole, sdkEntry, sdkPackage } from '../catalogue/sdk.js';
import { accessChain } from './access-chain.js';
import { constantInitializer, isConstantObject } from './constants.js';
import {
  entityTail,
  implementedTypeOf,
  localFunctionOf,
  withoutAssertions,
} from './implementers.js';
import {
  type CodeModel,
  type MappedTable,
  type ResolvedEntry,
  tableFactoryColumns,
  tableKey,
} from './model.js';
import { collectionWritten } from './module-collections.js';
import type { TypeOracle } from './type-oracle.js';
import { functionAssignment, type Unit } from './units.js';
import { walk } from './walk.js';

/**
 * Whether an SDK name makes the SDK's own objects (a consent client, markers, a store, a policy):
 * their results hold no personal data, so the analysis never needs to ask for their types, which
 * the checker would have to infer from the policy's generated types at some cost.
 */
export function isSdkFactory(name: string): boolean {
  const role = sdkEntry(name)?.role;
  return role === 'factory' || role === 'marker-factory';
}

/** Whether an SDK name is a marker that `createMarkers`/`getMarkers` return (`{ personal, processes }`). */
function isMarker(name: string): boolean {
  const role = sdkEntry(name)?.role;
  return role === 'personal-marker' || role === 'processes-marker';
}

/** Whether an SDK name checks one subject (or collection) and purpose: `check(subject, purpose, …)`. */
function isSdkCheck(name: string): boolean {
  const role = sdkEntry(name)?.role;
  return (
    role === 'check' || role === 'decision' || role === 'assertion' || role === 'consent-filter'
  );
}

/** The names of the functions that make a plugin share its parent's scope, in any framework. */
const scopeSharingNames: ReadonlySet<string> = new Set(
  webFrameworks.flatMap((framework) =>
    (framework.plugins?.sharedScope ?? []).map((wrapper) => wrapper.function),
  ),
);

/** The readers of the request being handled from the framework's context, in any framework. */
const requestContextReaders: readonly PackageFunction[] = webFrameworks.flatMap(
  (framework) => framework.fileMiddleware?.requestContext ?? [],
);

/** The functions that make a file middleware out of the function they are given, in any framework. */
const middlewareWrappers: readonly PackageFunction[] = webFrameworks.flatMap(
  (framework) => framework.fileMiddleware?.wrappers ?? [],
);

/** The identifier a declaration is named by, if any. */
function declaredName(declaration: ts.Node): string | undefined {
  const name = (declaration as { name?: ts.Node }).name;
  return name !== undefined && ts.isIdentifier(name) ? name.text : undefined;
}

/** An initializer without the `await`s and parentheses around it (`(await createConsent(…))`). */
function awaited(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isAwaitExpression(inner) || ts.isParenthesizedExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
}

/** What a call (or `new`, or decorator) is, from its callee's declaration. */
export type CallKind =
  | { readonly kind: 'sdk'; readonly name: string }
  | { readonly kind: 'guard'; readonly entries: readonly ResolvedEntry<GuardEntry>[] }
  | { readonly kind: 'sanitizer'; readonly entries: readonly ResolvedEntry<SanitizerEntry>[] }
  | {
      readonly kind: 'source';
      readonly entries: readonly ResolvedEntry<SourceEntry>[];
      /** For a query's rows: the row fields that hold each entry's column (`prompt`), or `*`. */
      readonly columns?: ReadonlyMap<ResolvedEntry<SourceEntry>, readonly string[]>;
    }
  | {
      readonly kind: 'sink';
      readonly label: string;
      readonly purposes: readonly string[];
      /** Data arguments: indexes with an optional option name; every argument when empty. */
      readonly data: readonly CatalogueData[];
      readonly when?: CatalogueCondition;
      /** A vendor's training API of the built-in catalogue: a training call `ropa` lists, traced or not. */
      readonly training?: true;
    }
  | {
      readonly kind: 'project';
      readonly units: readonly Unit[];
      /** A `@processes` method that checks consent itself before it processes: what it processes. */
      readonly processes?: { readonly label: string; readonly purposes: readonly string[] };
      /**
       * The call is of a parameter (`handle(exchange)`), and `units` are the functions callers
       * pass for it: parameter `param` of the function `owner`. Each caller runs only its own.
       */
      readonly passedAs?: { readonly owner: ts.Node; readonly param: number };
    }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'file'; readonly entry: FileApiEntry }
  | { readonly kind: 'object'; readonly entry: ObjectStorageEntry }
  | {
      /** A call through a function invoker (`add.call(queue, row)`, `add.bind(queue)`). */
      readonly kind: 'invoke';
      readonly invoker: FunctionInvoker;
      /** What calling the function directly is. */
      readonly target: CallKind;
    }
  | {
      /** A call of a function an invoker bound earlier, with `leading` arguments given then. */
      readonly kind: 'bound';
      readonly target: CallKind;
      readonly leading: number;
    }
  | {
      readonly kind: 'unknown';
      readonly name: string;
      /** The callee is imported from a module without type declarations the analysis can read. */
      readonly undeclaredModule?: string;
      /**
       * The callee is a function of the project declared without a body (`declare function
       * openStoredFile(path: string): Promise<File>`) and no catalogue row says what it does.
       */
      readonly bodiless?: true;
    };

/** How many functions a call may reach its callee through (`const add = queue.add`, `add.call`). */
const maxCalleeHops = 3;

/** Classifies calls by their callee's declaration, with a cache per node. */

export class CallClassifier {
  readonly #cache = new Map<ts.Node, CallKind>();
  readonly #sdkNames = new Map<ts.Node, string | undefined>();
  readonly #tableColumns = new Map<ts.Node, boolean>();
  #implIndex: Map<ts.Node, Implementer[]> | undefined;
  #passedIndex: Map<ts.ParameterDeclaration, Set<Unit>> | undefined;
  readonly #inPlace = new Map<ts.ParameterDeclaration, boolean>();
  #handOffSet: Set<ts.Node> | undefined;
  #indexing = false;
  /** `functionsNamed`, once per expression: read at every call that lifts a precondition. */
  readonly #named = new Map<ts.Node, Unit[]>();
  #sdkMissing: boolean | undefined;
  /** `assignedTo`'s index, built on first use. */
  #assigned: Map<ts.Node, Unit[]> | undefined;

  constructor(
    private readonly oracle: TypeOracle,
    private readonly model: CodeModel,
    private readonly unitsByNode: ReadonlyMap<ts.Node, Unit>,
    private readonly implementers: readonly Implementer[],
    private readonly handOffs: readonly (ts.CallExpression | ts.NewExpression)[] = [],
  ) {}

  /** Whether a declaration lives in the SDK package. */
  isSdkDeclaration(declaration: ts.Node): boolean {
    return this.oracle.packageOf(declaration.getSourceFile().fileName) === sdkPackage;
  }

  /** The web framework whose API a call's callee is declared in, and what the call registers. */
  frameworkCall(
    call: ts.CallExpression | ts.NewExpression,
  ): { readonly framework: WebFramework; readonly registers?: FrameworkRegistration } | undefined {
    for (const declaration of this.oracle.declarationsOf(call)) {
      const framework = frameworkOfPackage(
        webFrameworks,
        this.oracle.packageOf(declaration.getSourceFile().fileName),
      );
      if (!framework) continue;
      const chain = accessChain(call.expression);
      const owner = declaration.parent;
      const ownerName =
        owner && (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner))
          ? owner.name?.text
          : undefined;
      const registers = registrationOf(framework, ownerName, chain[chain.length - 1] ?? '');
      return { framework, ...(registers ? { registers } : {}) };
    }
    return undefined;
  }

  /**
   * The framework whose plugins a call wraps to share their parent's scope (`fp(plugin)` of
   * `fastify-plugin`), by the declaration of its callee; undefined for any other call.
   */
  scopeSharingCall(call: ts.CallExpression): WebFramework | undefined {
    for (const declaration of this.oracle.declarationsOf(call)) {
      const name = declaredName(declaration);
      if (name === undefined || !scopeSharingNames.has(name)) continue;
      const owner = this.oracle.packageOf(declaration.getSourceFile().fileName);
      const framework = scopeSharingFramework(webFrameworks, owner, name);
      if (framework) return framework;
    }
    return undefined;
  }

  /**
   * Whether a call reads the request being handled from the framework's context
   * (`cookies()` of `next/headers`), by the declaration of its callee.
   */
  readsRequestContext(call: ts.CallExpression | ts.NewExpression): boolean {
    return this.callsPackageFunction(call, requestContextReaders);
  }

  /**
   * Whether a call makes a file middleware out of the function it is given (`auth((request) =>
   * …)` of NextAuth v5), by the declaration of its callee.
   */
  wrapsFileMiddleware(call: ts.CallExpression): boolean {
    return this.callsPackageFunction(call, middlewareWrappers);
  }

  /** Whether a call's callee is one of `functions`, a package's own or the app's name for a member of a package's result. */
  private callsPackageFunction(
    call: ts.CallExpression | ts.NewExpression,
    functions: readonly PackageFunction[],
  ): boolean {
    if (functions.length === 0) return false;
    return this.oracle.declarationsOf(call).some((declaration) => {
      const owner = this.oracle.packageOf(declaration.getSourceFile().fileName);
      const name = declaredName(declaration);
      if (
        functions.some(
          (reader) =>
            reader.returnedBy === undefined && reader.package === owner && reader.name === name,
        )
      ) {
        return true;
      }
      // The app's own name for a member of a package's result (`export const { auth } = NextAuth(…)`).
      const kept = this.keptMember(declaration);
      return (
        kept !== undefined &&
        functions.some(
          (reader) =>
            reader.returnedBy !== undefined &&
            reader.name === kept.member &&
            this.oracle
              .declarationsOf(kept.result)
              .some(
                (factory) =>
                  declaredName(factory) === reader.returnedBy &&
                  this.oracle.packageOf(factory.getSourceFile().fileName) === reader.package,
              ),
        )
      );
    });
  }

  /**
   * Whether a declaration's type is a web framework's own (Hono's `Context`, Express's `Request`,
   * or a project interface that extends one): a request or its context, not a person's record.
   */
  isFrameworkType(declaration: ts.Node): boolean {
    const type = this.oracle.typeOf(declaration);
    if (!type) return false;
    const declared = (decl: ts.Declaration) =>
      frameworkOfPackage(webFrameworks, this.oracle.packageOf(decl.getSourceFile().fileName)) !==
      undefined;
    return this.oracle
      .declarationsOfType(type)
      .some(
        (decl) =>
          declared(decl) ||
          ((ts.isInterfaceDeclaration(decl) || ts.isClassDeclaration(decl)) &&
            (decl.heritageClauses ?? []).some((clause) =>
              clause.types.some((base) =>
                this.oracle.declarationsOf(base.expression).some(declared),
              ),
            )),
      );
  }

  /**
   * The member of a call's result a declaration keeps, and that call: `const { auth } = f()`,
   * `const { auth: session } = f()`, `const auth = f().auth`, or `const auth = result.auth` of a
   * `const result = f()`.
   */
  private keptMember(
    declaration: ts.Node,
  ): { readonly member: string; readonly result: ts.CallExpression } | undefined {
    const callOf = (expression: ts.Expression | undefined): ts.CallExpression | undefined => {
      let value = expression && awaited(expression);
      if (value && ts.isIdentifier(value)) {
        const holder = this.oracle.declarationsOf(value).find(ts.isVariableDeclaration);
        value = holder?.initializer && awaited(holder.initializer);
      }
      return value && ts.isCallExpression(value) ? value : undefined;
    };
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
      const holder = declaration.parent.parent;
      const key = declaration.propertyName ?? declaration.name;
      const result = ts.isVariableDeclaration(holder) ? callOf(holder.initializer) : undefined;
      return result && ts.isIdentifier(key) ? { member: key.text, result } : undefined;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const value = awaited(declaration.initializer);
      if (!ts.isPropertyAccessExpression(value)) return undefined;
      const result = callOf(value.expression);
      return result ? { member: value.name.text, result } : undefined;
    }
    return undefined;
  }

  /**
   * The plugin functions a declaration holds wrapped to share their parent's scope
   * (`const consentHooks = fp(async (app) => …)`, `export default fp(async function …)`,
   * `export default fp(exportRoutes)` of a function declared beside it).
   */
  scopeSharedUnits(declaration: ts.Node): readonly Unit[] {
    let value = ts.isVariableDeclaration(declaration)
      ? declaration.initializer
      : ts.isExportAssignment(declaration)
        ? declaration.expression
        : undefined;
    while (value && (ts.isParenthesizedExpression(value) || ts.isAsExpression(value))) {
      value = value.expression;
    }
    if (!value || !ts.isCallExpression(value) || !this.scopeSharingCall(value)) return [];
    return value.arguments.flatMap((argument) => {
      const unit = this.unitsByNode.get(argument);
      if (unit) return [unit];
      if (!ts.isIdentifier(argument)) return [];
      // A plugin function named in the call: its declaration, or the function a constant holds.
      return this.oracle.declarationsOf(argument).flatMap((declaration) => {
        const named =
          this.unitsByNode.get(declaration) ??
          (ts.isVariableDeclaration(declaration) && declaration.initializer
            ? this.unitsByNode.get(declaration.initializer)
            : undefined);
        return named ? [named] : [];
      });
    });
  }

  /**
   * Whether an expression is a framework's value that lets a request go on past a file
   * middleware (`NextResponse.next()`), by the declaration of its callee.
   */
  isContinuationValue(expression: ts.Expression): boolean {
    let node: ts.Expression = expression;
    while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
    if (!ts.isCallExpression(node)) return false;
    const continueWith = this.frameworkCall(node)?.framework.fileMiddleware?.continueWith;
    if (!continueWith) return false;
    const chain = accessChain(node.expression);
    if (chain[chain.length - 1] !== continueWith.method) return false;
    return this.oracle.declarationsOf(node).some((declaration) => {
      const owner = declaration.parent;
      return (
        owner !== undefined &&
        (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) &&
        owner.name?.text === continueWith.owner
      );
    });
  }

  /** The catalogue role of the SDK export or member an expression refers to. */
  sdkRoleOf(expression: ts.Node): SdkRole | undefined {
    const name = this.sdkNameOf(expression);
    return name === undefined ? undefined : sdkEntry(name)?.role;
  }

  /** The SDK export or member an expression refers to (`allows`, `processes`…), by declaration. */
  sdkNameOf(expression: ts.Node): string | undefined {
    if (this.#sdkNames.has(expression)) return this.#sdkNames.get(expression);
    let name: string | undefined;
    for (const declaration of this.oracle.declarationsOf(expression)) {
      if (this.isSdkDeclaration(declaration)) {
        name = declarationName(declaration);
        break;
      }
      if (ts.isBindingElement(declaration)) {
        name = this.markerBinding(declaration);
        if (name !== undefined) break;
      }
    }
    if (
      name === undefined &&
      (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression))
    ) {
      // A destructured marker (`const { processes } = createMarkers(policy)`) has the SDK member's type.
      for (const declaration of this.oracle.typeDeclarationsOf(expression)) {
        if (this.isSdkDeclaration(declaration) && ts.isMethodSignature(declaration)) {
          name = declarationName(declaration);
          break;
        }
      }
    }
    if (name === undefined && this.#sdkUnresolved()) name = this.#syntacticSdkName(expression, 0);
    this.#sdkNames.set(expression, name);
    return name;
  }

  /**
   * The marker a destructuring element takes from the SDK's markers
   * (`const { personal, processes } = createMarkers(policy)`), read from the declaration without
   * asking for the markers' type; undefined for any other element.
   */
  markerBinding(element: ts.BindingElement): string | undefined {
    const pattern = element.parent;
    const variable = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(variable))
      return undefined;
    const initializer = variable.initializer && awaited(variable.initializer);
    if (!initializer || !ts.isCallExpression(initializer)) return undefined;
    const property = element.propertyName ?? element.name;
    if (!ts.isIdentifier(property) || !isMarker(property.text)) return undefined;
    const factory = this.oracle
      .declarationsOf(initializer)
      .find((declaration) => this.isSdkDeclaration(declaration));
    const factoryName = factory ? declarationName(factory) : undefined;
    return factoryName !== undefined && sdkEntry(factoryName)?.role === 'marker-factory'
      ? property.text
      : undefined;
  }

  /**
   * The SDK name of an expression when the SDK package does not resolve (dependencies not
   * installed): read from the `import … from '@consentry/sdk'` declaration that binds its root,
   * directly (`allows`, `sdk.allows`) or through a project variable made by an SDK factory
   * (`consent.allows` with `consent = createConsent(…)`, `{ personal } = createMarkers(…)`).
   */
  /** Whether some analysed file imports the SDK without the import resolving, computed once. */
  #sdkUnresolved(): boolean {
    if (this.#sdkMissing === undefined) {
      const files = new Set<ts.SourceFile>();
      for (const unit of this.unitsByNode.values()) files.add(unit.node.getSourceFile());
      this.#sdkMissing = [...files].some((file) =>
        file.statements.some(
          (statement) =>
            ts.isImportDeclaration(statement) &&
            ts.isStringLiteral(statement.moduleSpecifier) &&
            statement.moduleSpecifier.text === sdkPackage &&
            !this.oracle.resolvesModule(statement.moduleSpecifier),
        ),
      );
    }
    return this.#sdkMissing;
  }

  #syntacticSdkName(expression: ts.Node, depth: number): string | undefined {
    if (depth > 3 || !(ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)))
      return undefined;
    const chain = accessChain(expression);
    const [root, ...members] = chain;
    if (root === undefined || root === '' || root === 'this' || members.length > 1)
      return undefined;
    let rootNode: ts.Expression = expression;
    while (ts.isPropertyAccessExpression(rootNode)) rootNode = rootNode.expression;
    const imported = unresolvedSdkImport(rootNode, root, this.oracle);
    if (imported !== undefined) {
      // `import * as sdk` names the export in the member; a named import names it itself.
      if (imported === '*') return members[0];
      return members.length === 0 ? imported : members[0];
    }
    for (const declaration of this.oracle.declarationsOf(rootNode)) {
      if (ts.isBindingElement(declaration)) {
        // `const { personal, processes } = createMarkers(policy)`.
        const variable = declaration.parent.parent;
        if (
          members.length === 0 &&
          ts.isVariableDeclaration(variable) &&
          variable.initializer &&
          ts.isCallExpression(variable.initializer) &&
          this.#syntacticSdkName(variable.initializer.expression, depth + 1) !== undefined
        ) {
          const property = declaration.propertyName ?? declaration.name;
          return ts.isIdentifier(property) ? property.text : undefined;
        }
      } else if (
        ts.isVariableDeclaration(declaration) &&
        members.length === 1 &&
        declaration.initializer
      ) {
        // `const consent = createConsent({ … })`, then `consent.allows(…)`.
        const initializer = awaited(declaration.initializer);
        if (
          (ts.isCallExpression(initializer) || ts.isNewExpression(initializer)) &&
          this.#syntacticSdkName(initializer.expression, depth + 1) !== undefined
        ) {
          return members[0];
        }
      }
    }
    return undefined;
  }

  /** Classifies a call, `new` expression or decorator call. */
  classify(call: ts.CallExpression | ts.NewExpression): CallKind {
    const cached = this.#cache.get(call);
    if (cached) return cached;
    const kind = this.#classify(call);
    this.#cache.set(call, kind);
    return kind;
  }

  #classify(call: ts.CallExpression | ts.NewExpression): CallKind {
    const member = this.#clientMemberCall(call.expression);
    if (member !== undefined) return { kind: 'sdk', name: member };
    const table = this.#tableEntries(call.expression);
    if (table.length > 0) return { kind: 'project', units: table };
    return this.#classifyCallee(call, call.expression, this.oracle.declarationsOf(call), 0);
  }

  /**
   * A call of an entry of a constant table of functions (`handlers[destination](text)` with
   * `const handlers = { [Destination.Training]: upload, … }`, or an array of them), or of each
   * entry in turn (`for (const sink of sinks) sink(text)`, `sinks.forEach((sink) => sink(text))`,
   * `Object.values(handlers).map((handle) => handle(text))`): the entry is known only when the
   * program runs, so the call may run any of the table's functions; a literal key names one.
   */
  #tableEntries(callee: ts.Expression): Unit[] {
    const target = skipParentheses(callee);
    if (ts.isElementAccessExpression(target)) {
      const key = skipParentheses(target.argumentExpression);
      const literal =
        ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) ? key.text : undefined;
      return this.#entriesOf(this.#tableOf(target.expression), literal);
    }
    if (!ts.isIdentifier(target)) return [];
    for (const declaration of this.oracle.declarationsOf(target)) {
      const list = declaration.parent;
      if (
        ts.isVariableDeclaration(declaration) &&
        ts.isVariableDeclarationList(list) &&
        ts.isForOfStatement(list.parent) &&
        list.parent.initializer === list
      ) {
        return this.#entriesOf(this.#tableOf(list.parent.expression), undefined);
      }
      const callback = declaration.parent;
      const call = callback?.parent;
      if (
        ts.isParameter(declaration) &&
        (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) &&
        callback.parameters[0] === declaration &&
        call !== undefined &&
        ts.isCallExpression(call) &&
        call.arguments[0] === callback &&
        ts.isPropertyAccessExpression(call.expression)
      ) {
        const method = elementMethod(call.expression.name.text);
        if (method === undefined || method.role === 'fold') continue;
        return this.#entriesOf(this.#tableOf(call.expression.expression), undefined);
      }
    }
    return [];
  }

  /**
   * The literal a table expression names: a constant initialised with an object or array
   * literal, or the values of one (`Object.values(handlers)`, the catalogue's `tableValues`).
   */
  #tableOf(expression: ts.Expression): ts.Expression | undefined {
    let table = skipParentheses(expression);
    if (
      ts.isCallExpression(table) &&
      table.arguments.length === 1 &&
      accessChain(table.expression).join('.') === tableValues.path
    ) {
      table = skipParentheses(table.arguments[0]!);
    }
    for (const declaration of this.oracle.declarationsOf(table)) {
      const initializer = constantInitializer(declaration);
      if (initializer !== undefined) {
        const literal = withoutAssertions(initializer);
        if (ts.isObjectLiteralExpression(literal) || ts.isArrayLiteralExpression(literal)) {
          return literal;
        }
      }
    }
    return undefined;
  }

  /** The project functions among a table's entries, or the entry a literal key names. */
  #entriesOf(table: ts.Expression | undefined, literal: string | undefined): Unit[] {
    const entries: ts.Node[] =
      table !== undefined && ts.isObjectLiteralExpression(table)
        ? table.properties
            .filter((property) => {
              // A computed key the analysis cannot read may be the one (never less safe).
              const name = propertyKeyText(property.name);
              return literal === undefined || name === undefined || name === literal;
            })
            .map((property) =>
              ts.isPropertyAssignment(property)
                ? property.initializer
                : ts.isShorthandPropertyAssignment(property)
                  ? property.name
                  : property,
            )
        : table !== undefined && ts.isArrayLiteralExpression(table)
          ? table.elements.filter((_, index) => literal === undefined || String(index) === literal)
          : [];
    const found = new Set<Unit>();
    for (const entry of entries) {
      const unit = this.unitsByNode.get(entry);
      if (unit) found.add(unit);
      else if (ts.isExpression(entry))
        for (const named of this.#functionsNamed(entry)) found.add(named);
    }
    return [...found].sort((a, b) => a.id - b.id);
  }

  /**
   * What calling `callee` at `call` is: `callee` is the call's own callee, or the function a
   * call reaches it through (`add` of `add.call(queue, row)`, `queue.add` of `const add = queue.add`).
   */
  #classifyCallee(
    call: ts.CallExpression | ts.NewExpression,
    callee: ts.Expression,
    declarations: readonly ts.Declaration[],
    depth: number,
  ): CallKind {
    const chain = accessChain(callee);
    const name = chain[chain.length - 1] ?? '';
    const direct = callee === call.expression;
    if (declarations.length === 0) {
      const sdk = this.sdkNameOf(callee);
      if (sdk) return { kind: 'sdk', name: sdk };
      const untyped = direct ? this.#untypedQuery(call, name) : undefined;
      if (untyped) return untyped;
      const module = unresolvedImportOf(callee, this.oracle);
      return module === undefined
        ? { kind: 'unknown', name }
        : { kind: 'unknown', name, undeclaredModule: module };
    }
    for (const declaration of declarations) {
      if (this.isSdkDeclaration(declaration)) {
        return { kind: 'sdk', name: declarationName(declaration) ?? name };
      }
    }
    for (const declaration of declarations) {
      const guards = this.model.guards.get(declaration);
      if (guards) return { kind: 'guard', entries: guards };
      const sinks = this.model.sinks.get(declaration);
      if (sinks) return this.#policySink(sinks, name);
      const sanitizers = this.model.sanitizers.get(declaration);
      if (sanitizers) return { kind: 'sanitizer', entries: sanitizers };
      const sources = this.model.sources.get(declaration);
      if (sources && ts.isFunctionLike(declaration)) return { kind: 'source', entries: sources };
    }
    const catalogued =
      this.#catalogue(call, chain, declarations) ??
      (direct ? this.#query(call, name, declarations) : undefined);
    if (catalogued) return catalogued;
    for (const declaration of declarations) {
      const purposes = this.processesPurposes(declaration);
      if (purposes.length > 0) {
        const label = `\`${memberLabel(declaration)}\` (marked @processes)`;
        const self = this.#units([declaration]);
        if (self.length > 0 && this.#checksItsParameters(declaration, purposes)) {
          // It runs the consent check on what it is given before it processes: guarded.
          return { kind: 'project', units: self, processes: { label, purposes } };
        }
        return {
          kind: 'sink',
          label: `\`${memberLabel(declaration)}\` (marked @processes)`,
          purposes,
          data: [],
        };
      }
    }
    const units = this.#units(declarations);
    if (units.length > 0) return { kind: 'project', units };
    // A parameter the function calls (`fn(exchange.prompt)`): the functions callers pass for it.
    const passed = this.#passedFor(declarations);
    const parameter = declarations.find(ts.isParameter);
    if (passed.length > 0 && parameter && ts.isFunctionLike(parameter.parent)) {
      const param = parameter.parent.parameters.indexOf(parameter);
      return { kind: 'project', units: passed, passedAs: { owner: parameter.parent, param } };
    }
    const file = declarations[0]!.getSourceFile();
    if (this.oracle.isStandardLibrary(file.fileName)) {
      const module = ambientModuleOf(declarations[0]!);
      const entry = module === undefined ? undefined : fileApiOf(module, name);
      if (entry) return { kind: 'file', entry };
      const invoked = this.#invoked(call, callee, declarations, depth);
      if (invoked) return invoked;
      return { kind: 'builtin', name };
    }
    const aliased = this.#aliased(call, declarations, depth);
    if (aliased) return aliased;
    const bodiless = declarations.every(
      (declaration) => ts.isFunctionDeclaration(declaration) && declaration.body === undefined,
    );
    return bodiless && this.oracle.packageOf(file.fileName) === undefined
      ? { kind: 'unknown', name, bodiless: true }
      : { kind: 'unknown', name };
  }

  /**
   * A call through a function invoker of the catalogue (`add.call(queue, row)`,
   * `add.apply(queue, [row])`, `add.bind(queue)`): what calling the function directly is.
   */
  #invoked(
    call: ts.CallExpression | ts.NewExpression,
    callee: ts.Expression,
    declarations: readonly ts.Declaration[],
    depth: number,
  ): CallKind | undefined {
    const target = skipParentheses(callee);
    if (
      depth >= maxCalleeHops ||
      !ts.isCallExpression(call) ||
      !ts.isPropertyAccessExpression(target)
    )
      return undefined;
    for (const declaration of declarations) {
      const owner = declaration.parent;
      const invoker = functionInvoker(
        target.name.text,
        owner && ts.isInterfaceDeclaration(owner) ? owner.name.text : undefined,
      );
      if (!invoker) continue;
      const invokedFunction = skipParentheses(target.expression);
      // Only a function named by its declaration (`add`, `queue.add`), not one a call returns.
      const named =
        ts.isIdentifier(invokedFunction) || ts.isPropertyAccessExpression(invokedFunction);
      return {
        kind: 'invoke',
        invoker,
        target: named
          ? this.#classifyCallee(
              call,
              invokedFunction,
              this.oracle.declarationsOf(invokedFunction),
              depth + 1,
            )
          : { kind: 'unknown', name: target.name.text },
      };
    }
    return undefined;
  }

  /**
   * A call of a constant that holds another function (`const add = queue.add`, a readonly field
   * `enqueue = queue.add.bind(queue)`): what calling that function is.
   */
  #aliased(
    call: ts.CallExpression | ts.NewExpression,
    declarations: readonly ts.Declaration[],
    depth: number,
  ): CallKind | undefined {
    const [declaration] = declarations;
    if (depth >= maxCalleeHops || declarations.length !== 1 || !declaration) return undefined;
    const initializer =
      constantInitializer(declaration) ??
      (ts.isPropertyDeclaration(declaration) &&
      (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0
        ? declaration.initializer
        : undefined);
    if (!initializer) return undefined;
    const value = skipParentheses(initializer);
    if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
      const kind = this.#classifyCallee(call, value, this.oracle.declarationsOf(value), depth + 1);
      return kind.kind === 'unknown' || kind.kind === 'builtin' ? undefined : kind;
    }
    if (ts.isCallExpression(value)) {
      // `const enqueue = queue.add.bind(queue, batch)`: the bound arguments come first.
      const kind = this.classify(value);
      if (kind.kind === 'invoke' && kind.invoker.binds && !kind.invoker.asArray) {
        const leading = Math.max(0, value.arguments.length - kind.invoker.passesFrom);
        return { kind: 'bound', target: kind.target, leading };
      }
    }
    return undefined;
  }

  /**
   * A member of an object the SDK makes, called on a variable the project initialised with that
   * factory (`consent.allows(…)` after `const consent = createConsent(…)`, here or imported): known
   * from declarations alone. The checker would otherwise type the client, an instantiation of the
   * policy's generated types, at every first check in a function.
   */
  #clientMemberCall(callee: ts.Expression): string | undefined {
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) {
      return undefined;
    }
    const entry = sdkEntry(callee.name.text);
    if (entry?.madeBy === undefined) return undefined;
    for (const declaration of this.oracle.declarationsOf(callee.expression)) {
      if (!ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) continue;
      const initializer = awaited(declaration.initializer);
      if (
        ts.isCallExpression(initializer) &&
        this.sdkNameOf(initializer.expression) === entry.madeBy
      ) {
        return entry.name;
      }
    }
    return undefined;
  }

  /**
   * Whether a method's body checks one of `purposes` with the SDK's checks or a policy guard, for
   * a subject or collection taken from its parameters (`consent.filter(conversations, …)`,
   * `consent.allows(conversation.user, …)`).
   */
  #checksItsParameters(declaration: ts.Node, purposes: readonly string[]): boolean {
    if (!ts.isMethodDeclaration(declaration) || !declaration.body) return false;
    const params = new Set(
      declaration.parameters.flatMap((parameter) =>
        ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
      ),
    );
    const fromParameter = (argument: ts.Expression | undefined): boolean => {
      const root = argument === undefined ? undefined : accessChain(argument)[0];
      return root !== undefined && params.has(root);
    };
    let found = false;
    walk(declaration.body, undefined, (node) => {
      if (found) return false;
      if (!ts.isCallExpression(node)) return undefined;
      const kind = this.classify(node);
      if (kind.kind === 'sdk' && isSdkCheck(kind.name)) {
        const purpose = node.arguments[sdkEntry(kind.name)?.purposeArgument ?? 1];
        if (
          purpose !== undefined &&
          ts.isStringLiteralLike(purpose) &&
          purposes.includes(purpose.text) &&
          fromParameter(node.arguments[0])
        ) {
          found = true;
        }
      } else if (kind.kind === 'guard') {
        const guard = kind.entries[0]!.entry;
        if (
          kind.entries.some((entry) => purposes.includes(entry.entry.purpose)) &&
          fromParameter(node.arguments[guard.subjectArgument ?? 0])
        ) {
          found = true;
        }
      }
      return undefined;
    });
    return found;
  }

  /** The purposes a method's `@processes(...)` markers name. */
  processesPurposes(declaration: ts.Node): string[] {
    if (!ts.isMethodDeclaration(declaration) && !ts.isMethodSignature(declaration)) return [];
    const purposes: string[] = [];
    for (const decorator of ts.canHaveDecorators(declaration)
      ? (ts.getDecorators(declaration) ?? [])
      : []) {
      const expression = decorator.expression;
      if (
        ts.isCallExpression(expression) &&
        this.sdkRoleOf(expression.expression) === 'processes-marker'
      ) {
        const first = expression.arguments[0];
        if (first && ts.isStringLiteralLike(first)) purposes.push(first.text);
      }
    }
    return purposes;
  }

  #policySink(sinks: readonly ResolvedEntry<SinkEntry>[], name: string): CallKind {
    const purposes = [...new Set(sinks.flatMap((sink) => this.model.sinkPurposes(sink.entry)))];
    // Every argument carries data unless each entry names the argument that does.
    const everyArgument = sinks.some((sink) => sink.entry.data.length === 0);
    return {
      kind: 'sink',
      label: `\`${sinks[0]?.entry.at.export ?? name}\` (a sink declared in the policy)`,
      purposes,
      data: everyArgument ? [] : sinks.flatMap((sink) => sink.entry.data),
    };
  }

  #catalogue(
    call: ts.CallExpression | ts.NewExpression,
    chain: readonly string[],
    declarations: readonly ts.Declaration[],
  ): CallKind | undefined {
    const packages = new Set(
      declarations.map((declaration) =>
        this.oracle.packageOf(declaration.getSourceFile().fileName),
      ),
    );
    for (const entry of this.model.catalogue) {
      const at = entry.at;
      if (at.call === 'construct' ? !ts.isNewExpression(call) : !ts.isCallExpression(call))
        continue;
      if (!packages.has(at.package)) continue;
      const path = at.path.split('.');
      if (chain.length < path.length) continue;
      const tail = chain.slice(chain.length - path.length);
      if (tail.join('.') !== at.path) continue;
      return {
        kind: 'sink',
        // The vendor's name says whose API it is; the package only when the catalogue has no name.
        label: entry.name
          ? `\`${at.path}\` (${entry.name})`
          : `\`${at.path}\` of \`${at.package}\``,
        purposes: this.model.sinkPurposes(entry),
        data: entry.data,
        ...(entry.when ? { when: entry.when } : {}),
        training: true,
      };
    }
    for (const entry of objectStorageApis) {
      const at = entry.at;
      if (at.call === 'construct' ? !ts.isNewExpression(call) : !ts.isCallExpression(call))
        continue;
      if (packages.has(at.package) && chain[chain.length - 1] === at.path)
        return { kind: 'object', entry };
    }
    return undefined;
  }

  /** Whether an expression reads a column of a table object a table factory declared (`messages.accountId`). */
  isTableColumn(expression: ts.PropertyAccessExpression): boolean {
    const cached = this.#tableColumns.get(expression);
    if (cached !== undefined) return cached;
    const result = this.oracle
      .declarationsOf(expression.expression)
      .some(
        (declaration) =>
          ts.isVariableDeclaration(declaration) &&
          tableFactoryColumns(declaration, this.oracle) !== undefined,
      );
    this.#tableColumns.set(expression, result);
    return result;
  }

  /**
   * A query builder's read of a table the policy maps (`db.selectFrom('logged_requests')`,
   * `db.select().from(messages)`, `prisma.message.findMany({ select: { content: true } })`): its
   * rows, with the row fields that hold each mapped column.
   */
  #query(
    call: ts.CallExpression | ts.NewExpression,
    name: string,
    declarations: readonly ts.Declaration[],
  ): CallKind | undefined {
    if (this.model.tables.size === 0 || !ts.isCallExpression(call)) return undefined;
    for (const entry of queryBuilders) {
      if (entry.method !== name) continue;
      const key = this.#tableNamed(call, entry.table);
      const table = key === undefined ? undefined : this.model.tables.get(key);
      if (table === undefined) continue;
      const declared = declarations.some(
        (declaration) =>
          this.oracle.packageOf(declaration.getSourceFile().fileName) === entry.package,
      );
      if (!declared) continue;
      const columns = this.#selected(call, entry, table, 0);
      if (columns.size === 0) return undefined;
      return { kind: 'source', entries: [...columns.keys()], columns };
    }
    return undefined;
  }

  /**
   * A query call whose package has no declarations (a Prisma client not generated), recognised
   * by the client object it is called on: one made by `new PrismaClient()` from the package.
   */
  #untypedQuery(call: ts.CallExpression | ts.NewExpression, name: string): CallKind | undefined {
    if (this.model.tables.size === 0 || !ts.isCallExpression(call)) return undefined;
    for (const entry of queryBuilders) {
      if (entry.method !== name || entry.untyped === undefined) continue;
      const key = this.#tableNamed(call, entry.table);
      const table = key === undefined ? undefined : this.model.tables.get(key);
      if (table === undefined) continue;
      const callee = call.expression as ts.PropertyAccessExpression;
      const owner = skipParentheses(callee.expression) as ts.PropertyAccessExpression;
      if (!this.#madeBy(skipParentheses(owner.expression), entry.untyped)) continue;
      const columns = this.#selected(call, entry, table, 0);
      if (columns.size === 0) return undefined;
      return { kind: 'source', entries: [...columns.keys()], columns };
    }
    return undefined;
  }

  /** Whether a variable was made by `new <construct>(…)` with `construct` imported from `module`. */
  #madeBy(
    expression: ts.Expression,
    untyped: { readonly module: string; readonly construct: string },
  ): boolean {
    if (!ts.isIdentifier(expression)) return false;
    const declaration = [
      ...this.oracle.declarationsOf(expression),
      ...localDeclarations(expression),
    ].find(ts.isVariableDeclaration);
    let made: ts.Expression | undefined = declaration?.initializer;
    // `globalForPrisma.prisma ?? new PrismaClient()`, as Next.js apps keep one client.
    while (made && !ts.isNewExpression(made)) {
      if (ts.isBinaryExpression(made)) made = made.right;
      else if (ts.isParenthesizedExpression(made)) made = made.expression;
      else return false;
    }
    if (!made || !ts.isIdentifier(made.expression)) return false;
    const constructName = made.expression.text;
    return made
      .getSourceFile()
      .statements.some(
        (statement) =>
          ts.isImportDeclaration(statement) &&
          ts.isStringLiteral(statement.moduleSpecifier) &&
          statement.moduleSpecifier.text === untyped.module &&
          statement.importClause?.namedBindings !== undefined &&
          ts.isNamedImports(statement.importClause.namedBindings) &&
          statement.importClause.namedBindings.elements.some(
            (element) =>
              element.name.text === constructName &&
              (element.propertyName ?? element.name).getText() === untyped.construct,
          ),
      );
  }

  /** The key of the table a query call reads, as its catalogue row says it names it. */
  #tableNamed(call: ts.CallExpression, table: QueryTable): string | undefined {
    if (table.by === 'argument') {
      const argument = call.arguments[table.argument];
      if (!argument || !ts.isStringLiteralLike(argument)) return undefined;
      return tableKey('table', argument.text.split(/\s+as\s+/)[0]!.trim());
    }
    if (table.by === 'object') {
      const argument = call.arguments[table.argument];
      if (!argument) return undefined;
      const object = this.#tableObjectName(argument);
      return object === undefined ? undefined : tableKey('object', object);
    }
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const owner = skipParentheses(callee.expression);
    if (!ts.isPropertyAccessExpression(owner)) return undefined;
    return tableKey(table.names, owner.name.text);
  }

  /** The declared name of the table object an expression refers to (`messages`, `schema.messages`). */
  #tableObjectName(expression: ts.Expression): string | undefined {
    const node = skipParentheses(expression);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return undefined;
    for (const declaration of this.oracle.declarationsOf(node)) {
      if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name))
        return declaration.name.text;
    }
    return ts.isIdentifier(node) ? node.text : node.name.text;
  }

  /**
   * The row fields that hold each mapped column of `table` (and of related tables a query
   * includes), narrowed by what the call selects.
   */
  #selected(
    call: ts.CallExpression,
    entry: QueryBuilderEntry,
    table: MappedTable,
    depth: number,
  ): Map<ResolvedEntry<SourceEntry>, string[]> {
    const selection = entry.selection;
    const result = new Map<ResolvedEntry<SourceEntry>, string[]>();
    const add = (mapping: ResolvedEntry<SourceEntry>, field: string) => {
      const fields = result.get(mapping) ?? [];
      if (!fields.includes(field)) fields.push(field);
      result.set(mapping, fields);
    };
    if (selection?.from === 'projection') {
      const projection = projectionOf(call, selection.method, selection.argument);
      if (projection !== undefined) {
        // `select({ body: messages.content })`: the row field `body` holds the column `content`.
        for (const property of projection.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const field = propertyNameText(property.name);
          const value = skipParentheses(property.initializer);
          if (field === undefined || !ts.isPropertyAccessExpression(value)) continue;
          const object = this.#tableObjectName(value.expression);
          const mapped =
            object === undefined ? undefined : this.model.tables.get(tableKey('object', object));
          for (const column of mapped?.columns ?? []) {
            if (column.column === '*' || column.column === value.name.text)
              add(column.mapping, field);
          }
        }
        return result;
      }
    }
    const options =
      selection?.from === 'flags' ? objectArgument(call, selection.argument) : undefined;
    return this.#flagged(options, selection, table, depth, add, result);
  }

  #flagged(
    options: ts.ObjectLiteralExpression | undefined,
    selection: QuerySelection | undefined,
    table: MappedTable,
    depth: number,
    add: (mapping: ResolvedEntry<SourceEntry>, field: string) => void,
    result: Map<ResolvedEntry<SourceEntry>, string[]>,
  ): Map<ResolvedEntry<SourceEntry>, string[]> {
    const flags =
      selection?.from === 'flags' && options
        ? selection.options.flatMap((option) => flagsOf(options, option) ?? [])
        : [];
    const omitted =
      selection?.from === 'flags' && selection.omit !== undefined && options
        ? (flagsOf(options, selection.omit) ?? []).filter((flag) => flag.on)
        : [];
    const chosen = flags.filter((flag) => flag.on).map((flag) => flag.name);
    const dropped = new Set([
      ...flags.filter((flag) => !flag.on).map((flag) => flag.name),
      ...omitted.map((flag) => flag.name),
    ]);
    for (const column of table.columns) {
      if (chosen.length > 0) {
        for (const field of chosen) {
          if ((column.column === '*' && !table.relations.has(field)) || column.column === field)
            add(column.mapping, field);
        }
      } else if (!dropped.has(column.column)) {
        add(column.mapping, column.column);
      }
    }
    if (selection?.from !== 'flags' || !options || depth >= 3) return result;
    // Related rows a query adds (`include: { messages: true }`): the relation field holds them.
    for (const option of selection.relations ?? []) {
      for (const flag of flagsOf(options, option) ?? []) {
        const related = this.model.tables.get(table.relations.get(flag.name) ?? '');
        if (!flag.on || related === undefined) continue;
        const nested = new Map<ResolvedEntry<SourceEntry>, string[]>();
        this.#flagged(
          flag.nested,
          selection,
          related,
          depth + 1,
          (mapping, field) => nested.set(mapping, [...(nested.get(mapping) ?? []), field]),
          nested,
        );
        for (const mapping of nested.keys()) add(mapping, flag.name);
      }
    }
    return result;
  }

  #units(declarations: readonly ts.Declaration[]): Unit[] {
    const found = new Set<Unit>();
    for (const candidate of declarations) {
      // `new Export(rows)` runs the class's constructor.
      const declaration: ts.Declaration = ts.isClassLike(candidate)
        ? (candidate.members.find(ts.isConstructorDeclaration) ?? candidate)
        : candidate;
      const unit = this.unitsByNode.get(declaration);
      if (unit) {
        found.add(unit);
        if (ts.isMethodDeclaration(declaration)) this.#overrides(declaration, found);
        continue;
      }
      // Interfaces and abstract members dispatch to the classes that implement them, and a
      // property to the functions the project writes into it.
      if (
        ts.isMethodSignature(declaration) ||
        ts.isPropertySignature(declaration) ||
        ts.isMethodDeclaration(declaration) ||
        ts.isPropertyDeclaration(declaration)
      ) {
        this.#overrides(declaration, found);
        for (const assigned of this.#assignedTo(declaration)) found.add(assigned);
      }
    }
    return [...found].sort((a, b) => a.id - b.id);
  }

  /**
   * The functions the project writes into a property at the top level of a module
   * (`hooks.send = async (text) => …`): a call of that property may run any of them.
   */
  #assignedTo(member: ts.Declaration): readonly Unit[] {
    if (!this.#assigned) {
      this.#assigned = new Map();
      for (const [node, unit] of this.unitsByNode) {
        const assigned = node.parent && functionAssignment(node.parent);
        if (assigned?.fn !== node) continue;
        for (const declaration of this.oracle.declarationsOf(assigned.target)) {
          const list = this.#assigned.get(declaration) ?? [];
          list.push(unit);
          this.#assigned.set(declaration, list);
        }
      }
    }
    return this.#assigned.get(member) ?? [];
  }

  #overrides(member: ts.Declaration, found: Set<Unit>): void {
    const owner = member.parent;
    const memberName = declarationName(member);
    if (!owner || memberName === undefined) return;
    for (const implementation of this.implementationsOf(owner)) {
      const members = ts.isObjectLiteralExpression(implementation)
        ? implementation.properties
        : implementation.members;
      for (const candidate of members) {
        if (declarationName(candidate) !== memberName) continue;
        const unit =
          this.unitsByNode.get(candidate) ??
          ((ts.isPropertyDeclaration(candidate) || ts.isPropertyAssignment(candidate)) &&
          candidate.initializer
            ? this.unitsByNode.get(candidate.initializer)
            : undefined);
        if (unit) {
          found.add(unit);
        } else if (
          ts.isShorthandPropertyAssignment(candidate) ||
          ts.isPropertyAssignment(candidate)
        ) {
          // `{ send }`, `{ send: uploadExample }`: the function the property names, also one
          // the factory returning the object declares.
          const local = localFunctionOf(candidate);
          const localUnit = local && this.unitsByNode.get(local);
          if (localUnit) {
            found.add(localUnit);
            continue;
          }
          const value = ts.isPropertyAssignment(candidate) ? candidate.initializer : candidate.name;
          for (const declaration of this.oracle.declarationsOf(value)) {
            const named = this.unitsByNode.get(declaration);
            if (named) found.add(named);
          }
        }
      }
    }
  }

  /**
   * The project functions callers hand to these parameters (`each(rows, upload)` hands `upload`
   * to `each`'s second parameter), wherever those calls are: a call of the parameter may run any
   * of them. Read once from the calls that pass a function (`handOffs`).
   */
  #passedFor(declarations: readonly ts.Declaration[]): Unit[] {
    if (!declarations.some(ts.isParameter)) return [];
    // Reading the index classifies bound arguments (`fn.bind(this)`), which may ask again.
    if (this.#indexing) return [];
    if (!this.#passedIndex) {
      this.#indexing = true;
      const index = new Map<ts.ParameterDeclaration, Set<Unit>>();
      // A function's own parameter handed on (`inner(rows, fn)` in `outer(rows, fn)`): what
      // callers pass for it is passed for the callee's parameter too.
      const handedOn: [ts.ParameterDeclaration, ts.ParameterDeclaration][] = [];
      for (const call of this.handOffs) {
        const callees = this.#units(this.oracle.declarationsOf(call));
        if (callees.length === 0) continue;
        (call.arguments ?? []).forEach((argument, position) => {
          const given = this.#functionsNamed(argument);
          const from = given.length > 0 ? undefined : this.#parameterNamed(argument);
          if (given.length === 0 && from === undefined) return;
          for (const callee of callees) {
            const param = callee.params[position];
            if (!param || param.dotDotDotToken || !this.calledInPlace(param)) continue;
            if (from) {
              handedOn.push([from, param]);
              continue;
            }
            const set = index.get(param) ?? new Set<Unit>();
            for (const unit of given) set.add(unit);
            index.set(param, set);
          }
        });
      }
      for (let changed = true; changed; ) {
        changed = false;
        for (const [from, to] of handedOn) {
          const given = index.get(from);
          if (!given) continue;
          const set = index.get(to) ?? new Set<Unit>();
          const before = set.size;
          for (const unit of given) set.add(unit);
          index.set(to, set);
          changed ||= set.size > before;
        }
      }
      this.#passedIndex = index;
      this.#indexing = false;
    }
    const found = new Set<Unit>();
    for (const declaration of declarations) {
      if (!ts.isParameter(declaration)) continue;
      for (const unit of this.#passedIndex.get(declaration) ?? []) found.add(unit);
      // A default (`fn = uploadTrainingText`) runs when a caller passes nothing there.
      if (declaration.initializer && this.calledInPlace(declaration))
        for (const unit of this.#functionsNamed(declaration.initializer)) found.add(unit);
    }
    return [...found].sort((a, b) => a.id - b.id);
  }

  /**
   * Whether a function passed as this argument stays in the project's sight: the call hands it
   * to project functions that only ever call the parameter they take it as (`each(rows, upload)`
   * with `each` calling `fn(row)`, and doing nothing else with `fn`). Their calls of it are its
   * callers; it does not escape to code the analysis cannot see.
   */
  handedOff(argument: ts.Expression): boolean {
    const call = argument.parent;
    if (!call || (!ts.isCallExpression(call) && !ts.isNewExpression(call))) return false;
    const position = call.arguments?.indexOf(argument) ?? -1;
    if (position < 0) return false;
    const callees = this.#units(this.oracle.declarationsOf(call));
    return (
      callees.length > 0 &&
      callees.every((callee) => {
        const param = callee.params[position];
        return param !== undefined && !param.dotDotDotToken && this.calledInPlace(param);
      })
    );
  }

  /**
   * Whether a function passed as this argument is kept by the project functions the call may
   * run: one of them writes the parameter it takes it as into a collection (`handlers.set(name,
   * handler)`) or a property (`this.handler = handler`), to be run later by whatever takes it out.
   */
  keptBy(argument: ts.Expression): boolean {
    const call = argument.parent;
    if (!call || (!ts.isCallExpression(call) && !ts.isNewExpression(call))) return false;
    const position = call.arguments?.indexOf(argument) ?? -1;
    if (position < 0) return false;
    return this.#units(this.oracle.declarationsOf(call)).some((callee) => {
      const param = callee.params[position];
      return param !== undefined && storesParameter(param);
    });
  }

  /**
   * Whether a function only calls this parameter in place (`readCalledInPlace`), where handing
   * it on to a project function that takes it as a parameter called in place counts as calling
   * it (`outer(rows, fn)` calling `inner(rows, fn)`, which calls `fn(row)`): a function passed
   * for it stays in the project's sight. A parameter handed on in a cycle is not, unless the
   * cycle is the function calling itself (a tree walk handing `visit` down).
   */
  calledInPlace(param: ts.ParameterDeclaration): boolean {
    const known = this.#inPlace.get(param);
    if (known !== undefined) return known;
    this.#inPlace.set(param, false);
    const result = readCalledInPlace(param, (call, position) => {
      const callees = this.#units(this.oracle.declarationsOf(call));
      return (
        callees.length > 0 &&
        callees.every((callee) => {
          const next = callee.params[position];
          return (
            next !== undefined &&
            !next.dotDotDotToken &&
            (next === param || this.calledInPlace(next))
          );
        })
      );
    });
    this.#inPlace.set(param, result);
    return result;
  }

  /**
   * Whether a function uses this options parameter only to read its members and to call its
   * member `member` in place (`options.onItem(item)`): it neither hands the object on, nor
   * stores, destructures or reads that member without calling it.
   */
  memberCalledInPlace(param: ts.ParameterDeclaration, member: string): boolean {
    const pattern = param.name;
    if (!ts.isObjectBindingPattern(pattern)) return readCalledInPlace(param, undefined, member);
    // `({ items, onItem }: Batch)`: the name it binds the member to is only called in place,
    // and no rest element holds the member.
    if (pattern.elements.some((element) => element.dotDotDotToken)) return false;
    const element = pattern.elements.find((candidate) => boundMember(candidate) === member);
    return (
      element !== undefined &&
      ts.isIdentifier(element.name) &&
      readCalledInPlace(param, undefined, undefined, element.name.text)
    );
  }

  /**
   * The project functions a call's arguments hand over by another name than their own: a
   * property of a constant object (`destinations.training`), a bound method
   * (`this.share.bind(this)`), a branch of `?:`. Only the calls that may pass a function
   * (`handOffs`) are read.
   */
  functionsHandedBy(call: ts.CallExpression | ts.NewExpression): [ts.Expression, Unit[]][] {
    this.#handOffSet ??= new Set(this.handOffs);
    if (!this.#handOffSet.has(call)) return [];
    const found: [ts.Expression, Unit[]][] = [];
    for (const argument of call.arguments ?? []) {
      if (
        ts.isIdentifier(argument) ||
        this.unitsByNode.has(argument) ||
        (ts.isPropertyAccessExpression(argument) &&
          argument.expression.kind === ts.SyntaxKind.ThisKeyword)
      )
        continue;
      const units = this.#functionsNamed(argument);
      if (units.length > 0) found.push([argument, units]);
    }
    return found;
  }

  /** The parameter an argument names (`fn` handed on by the function that takes it). */
  #parameterNamed(argument: ts.Expression): ts.ParameterDeclaration | undefined {
    if (!ts.isIdentifier(argument)) return undefined;
    return this.oracle.declarationsOf(argument).find(ts.isParameter);
  }

  /** The project function an argument is or names (`upload`, `jobs.upload`, an inline unit). */
  /**
   * The project functions an expression names: a function, a name or member bound to one
   * (`uploadTrainingText`, `jobs.upload`), a property of a constant object
   * (`destinations.training`), a method bound with no argument (`this.share.bind(this)`), either
   * branch of `?:`.
   */
  functionsNamed(argument: ts.Expression): readonly Unit[] {
    let named = this.#named.get(argument);
    if (!named) {
      named = this.#functionsNamed(argument);
      this.#named.set(argument, named);
    }
    return named;
  }

  #functionsNamed(argument: ts.Expression, depth = 0): Unit[] {
    const expression = skipParentheses(argument);
    const own = this.unitsByNode.get(expression);
    if (own) return [own];
    if (depth > maxCalleeHops) return [];
    if (ts.isConditionalExpression(expression)) {
      // `train ? uploadTrainingText : archiveText`: either.
      return [
        ...this.#functionsNamed(expression.whenTrue, depth + 1),
        ...this.#functionsNamed(expression.whenFalse, depth + 1),
      ];
    }
    if (ts.isCallExpression(expression)) {
      // `this.upload.bind(this)`, binding no argument: the same function, called the same way.
      if (
        !ts.isPropertyAccessExpression(expression.expression) ||
        !bindingInvokerNames.has(expression.expression.name.text)
      )
        return [];
      const kind = this.classify(expression);
      return kind.kind === 'invoke' &&
        kind.invoker.binds &&
        expression.arguments.length <= kind.invoker.passesFrom &&
        kind.target.kind === 'project'
        ? [...kind.target.units]
        : [];
    }
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return [];
    for (const declaration of this.oracle.declarationsOf(expression)) {
      const unit = this.unitsByNode.get(declaration);
      if (unit && !ts.isSourceFile(unit.node)) return [unit];
      // `destinations.training` of `const destinations = { training: uploadTrainingText }`.
      if (
        ts.isPropertyAssignment(declaration) &&
        declaration.parent &&
        ts.isObjectLiteralExpression(declaration.parent) &&
        isConstantObject(declaration.parent)
      )
        return this.#functionsNamed(declaration.initializer, depth + 1);
    }
    return [];
  }

  /**
   * Classes that implement or extend a class or interface, directly or not, and object literals
   * written to implement one (`const hook: ExportHook = { … }`).
   */
  implementationsOf(owner: ts.Node): readonly Implementer[] {
    if (!this.#implIndex) {
      const direct = new Map<ts.Node, Implementer[]>();
      for (const implementer of this.implementers) {
        // What the class extends or implements, and the interfaces those interfaces extend: a
        // call through any of them may dispatch to it.
        const supertypes: ts.Declaration[] = [];
        const seen = new Set<ts.Node>();
        const add = (name: ts.Node) => {
          for (const declaration of this.oracle.declarationsOf(name)) {
            if (seen.has(declaration)) continue;
            seen.add(declaration);
            supertypes.push(declaration);
            if (ts.isInterfaceDeclaration(declaration)) {
              addClauses(declaration.heritageClauses);
            } else if (
              // `type Hook = ExportHook`: what the alias names.
              ts.isTypeAliasDeclaration(declaration) &&
              ts.isTypeReferenceNode(declaration.type)
            ) {
              add(entityTail(declaration.type.typeName));
            }
          }
        };
        const addClauses = (clauses: readonly ts.HeritageClause[] | undefined) => {
          for (const clause of clauses ?? []) {
            for (const type of clause.types) add(type.expression);
          }
        };
        if (ts.isObjectLiteralExpression(implementer)) {
          const type = implementedTypeOf(implementer);
          if (type) add(entityTail(type));
        } else {
          addClauses(implementer.heritageClauses);
        }
        for (const declaration of supertypes) {
          const list = direct.get(declaration) ?? [];
          list.push(implementer);
          direct.set(declaration, list);
        }
      }
      const closed = new Map<ts.Node, Implementer[]>();
      const close = (node: ts.Node, seen: Set<ts.Node>): Implementer[] => {
        const result: Implementer[] = [];
        for (const sub of direct.get(node) ?? []) {
          if (seen.has(sub)) continue;
          seen.add(sub);
          result.push(sub, ...close(sub, seen));
        }
        return result;
      };
      for (const key of direct.keys()) closed.set(key, close(key, new Set()));
      this.#implIndex = closed;
    }
    return this.#implIndex.get(owner) ?? [];
  }
}

/**
 * Whether a function's body writes a parameter, as it is, into a collection (`handlers.set(name,
 * handler)`, `queue.push(handler)`) or into a property or element (`this.handler = handler`). By
 * name, as `readCalledInPlace` reads it.
 */
function storesParameter(param: ts.ParameterDeclaration): boolean {
  const owner = param.parent;
  if (!ts.isIdentifier(param.name) || !ts.isFunctionLike(owner)) return false;
  const name = param.name.text;
  const body = (owner as { body?: ts.Node }).body;
  if (body === undefined) return false;
  let stored = false;
  walk(body, undefined, (node) => {
    if (stored) return false;
    if (!ts.isIdentifier(node) || node.text !== name) return undefined;
    const parent = node.parent;
    stored =
      (ts.isCallExpression(parent) &&
        parent.arguments.includes(node) &&
        collectionWritten(parent) !== undefined) ||
      (ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        parent.right === node &&
        (ts.isPropertyAccessExpression(parent.left) || ts.isElementAccessExpression(parent.left)));
    return undefined;
  });
  return stored;
}

/**
 * Whether a function's body uses a parameter only as the callee of calls it makes in place
 * (`fn(row)`, `await fn?.(row)`, or inside a callback it hands to a call, `rows.map((row) =>
 * fn(row))`): it neither stores it nor returns a function that calls it later (a guard wrapper's
 * `return async (user) => job(user)`, which the wrappers' own rule reads). A use as argument
 * `position` of a call made in place counts when `handedOn` says the callee calls it in place;
 * without `handedOn`, handing it on does not. By name, so a shadowing local of the same name
 * makes it false (never less safe).
 */
function readCalledInPlace(
  param: ts.ParameterDeclaration,
  handedOn?: (call: ts.CallExpression | ts.NewExpression, position: number) => boolean,
  member?: string,
  local?: string,
): boolean {
  const owner = param.parent;
  const name = local ?? (ts.isIdentifier(param.name) ? param.name.text : undefined);
  if (name === undefined || !ts.isFunctionLike(owner)) return false;
  const body = (owner as { body?: ts.Node }).body;
  if (body === undefined) return false;
  const inPlace = (call: ts.Node): boolean => {
    for (let node = call.parent; node !== owner; node = node.parent) {
      if (!ts.isFunctionLike(node)) continue;
      let handed: ts.Node = node;
      while (ts.isParenthesizedExpression(handed.parent)) handed = handed.parent;
      const parent = handed.parent;
      const isArgument =
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.arguments?.includes(handed as ts.Expression) === true;
      if (!isArgument) return false;
    }
    return true;
  };
  let only = true;
  walk(body, undefined, (node) => {
    if (!only) return false;
    if (ts.isIdentifier(node) && node.text === name) {
      let use: ts.Node = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.name === node) return undefined;
      const invoked = parent.parent;
      if (member !== undefined) {
        // `options.items` is read; `options.onItem(item)` is called, in place; nothing else.
        let access: ts.Node = parent;
        if (!ts.isPropertyAccessExpression(access) || access.expression !== use) only = false;
        else if (access.name.text === member) {
          while (ts.isParenthesizedExpression(access.parent)) access = access.parent;
          const call = access.parent;
          only = ts.isCallExpression(call) && call.expression === access && inPlace(call);
        }
        return undefined;
      }
      if (ts.isCallExpression(parent) && parent.expression === use) {
        only = inPlace(parent);
      } else if (
        // `fn.call(undefined, row)`, `fn.apply(undefined, [row])`: a call of it, in place.
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === use &&
        callingInvokerNames.has(parent.name.text) &&
        invoked !== undefined &&
        ts.isCallExpression(invoked) &&
        invoked.expression === parent
      ) {
        only = inPlace(invoked);
      } else if (
        handedOn &&
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.expression !== use
      ) {
        const position = parent.arguments?.indexOf(use as ts.Expression) ?? -1;
        only = position >= 0 && inPlace(parent) && handedOn(parent, position);
      } else {
        only = false;
      }
    }
    return undefined;
  });
  return only;
}

/**
 * The member of the destructured object a binding element takes (`onItem` of `{ onItem }` and
 * of `{ onItem: handle }`), when its name is a plain one.
 */
export function boundMember(element: ts.BindingElement): string | undefined {
  const key = element.propertyName ?? element.name;
  return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
}

/** The text of a literal property name (`archive`, `'archive'`, `0`), if it is one. */
function propertyKeyText(name: ts.PropertyName | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const inner = skipParentheses(name.expression);
    if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner)) return inner.text;
  }
  return undefined;
}

/** What may implement a type: a class, or an object literal written to implement it. */
export type Implementer = ts.ClassLikeDeclaration | ts.ObjectLiteralExpression;

/** The declared name of a declaration, when it has a simple one. */
export function declarationName(declaration: ts.Node): string | undefined {
  const name = (declaration as { name?: ts.Node }).name;
  if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) {
    return name.text;
  }
  if (
    ts.isBindingElement(declaration) &&
    declaration.propertyName &&
    ts.isIdentifier(declaration.propertyName)
  ) {
    return declaration.propertyName.text;
  }
  return undefined;
}

function memberLabel(declaration: ts.Node): string {
  const name = declarationName(declaration) ?? '(anonymous)';
  const owner = declaration.parent;
  const ownerName = owner ? declarationName(owner) : undefined;
  return ownerName ? `${ownerName}.${name}` : name;
}

/**
 * The name an identifier imports from the SDK (`'*'` for a namespace import) when the import's
 * module does not resolve; undefined when it is not such an import.
 */
function unresolvedSdkImport(
  node: ts.Node,
  localName: string,
  oracle: TypeOracle,
): string | undefined {
  for (const statement of node.getSourceFile().statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== sdkPackage ||
      statement.importClause?.isTypeOnly ||
      oracle.resolvesModule(statement.moduleSpecifier)
    ) {
      continue;
    }
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === localName) return '*';
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.name.text === localName && !element.isTypeOnly)
          return (element.propertyName ?? element.name).text;
      }
    }
  }
  return undefined;
}

/** The outermost `declare module 'fs' { … }` a declaration sits in (Node's type declarations). */
function ambientModuleOf(declaration: ts.Node): string | undefined {
  let module: string | undefined;
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) module = node.name.text;
  }
  return module;
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
  return node;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
}

/** The object literal passed as a call's argument, when it is one. */
function objectArgument(
  call: ts.CallExpression,
  index: number,
): ts.ObjectLiteralExpression | undefined {
  const argument = call.arguments[index];
  const node = argument === undefined ? undefined : skipParentheses(argument);
  return node && ts.isObjectLiteralExpression(node) ? node : undefined;
}

/**
 * The projection of the call a query call is chained on (`db.select({ body: t.content })` before
 * `.from(t)`); undefined when there is none or it selects every column (`db.select()`).
 */
function projectionOf(
  call: ts.CallExpression,
  method: string,
  index: number,
): ts.ObjectLiteralExpression | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const previous = skipParentheses(callee.expression);
  if (!ts.isCallExpression(previous)) return undefined;
  const previousCallee = previous.expression;
  if (!ts.isPropertyAccessExpression(previousCallee) || previousCallee.name.text !== method)
    return undefined;
  return objectArgument(previous, index);
}

/** A column flag of a selection object: `content: true`, `id: false`, `messages: { select: … }`. */
interface Flag {
  readonly name: string;
  readonly on: boolean;
  readonly nested?: ts.ObjectLiteralExpression;
}

/** The flags of an option of a query's options object (`select: { content: true }`). */
function flagsOf(options: ts.ObjectLiteralExpression, option: string): Flag[] | undefined {
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== option) continue;
    const value = skipParentheses(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    return value.properties.flatMap((flag): Flag[] => {
      if (!ts.isPropertyAssignment(flag)) return [];
      const name = propertyNameText(flag.name);
      if (name === undefined) return [];
      const initializer = skipParentheses(flag.initializer);
      if (initializer.kind === ts.SyntaxKind.FalseKeyword) return [{ name, on: false }];
      return [
        {
          name,
          on: true,
          ...(ts.isObjectLiteralExpression(initializer) ? { nested: initializer } : {}),
        },
      ];
    });
  }
  return undefined;
}

/** The variable declarations of the file that declare `identifier`'s name at the top level. */
function localDeclarations(identifier: ts.Identifier): ts.VariableDeclaration[] {
  return identifier
    .getSourceFile()
    .statements.filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .filter(
      (declaration) =>
        ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text,
    );
}

/** The module an expression's root identifier is imported from, when that import does not resolve. */
function unresolvedImportOf(expression: ts.Node, oracle: TypeOracle): string | undefined {
  let root: ts.Node = expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return undefined;
  for (const statement of root.getSourceFile().statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.importClause?.isTypeOnly
    ) {
      continue;
    }
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const binds =
      clause?.name?.text === root.text ||
      (bindings !== undefined &&
        ts.isNamespaceImport(bindings) &&
        bindings.name.text === root.text) ||
      (bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((element) => element.name.text === root.text));
    if (!binds) continue;
    return oracle.resolvesModule(statement.moduleSpecifier)
      ? undefined
      : statement.moduleSpecifier.text;
  }
  return undefined;
}
