import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import { elementTypes } from '../catalogue/builtins.js';

/** An opaque handle on a type, only meaningful to the oracle that returned it. */
export interface OracleType {
  readonly key: number;
}

/** A member of a type: its name, declarations and type. */
export interface OracleMember {
  readonly name: string;
  readonly declarations: readonly ts.Declaration[];
  readonly type: OracleType | undefined;
}

/**
 * Every question the engine asks the type checker, behind one small interface so another backend
 * (the TypeScript 7 API, say) can replace it.
 */
export interface TypeOracle {
  /** The declarations a name, property access or call's callee refers to, with import aliases followed. */
  declarationsOf(node: ts.Node): readonly ts.Declaration[];
  /** The declarations of the symbol of the expression's type (e.g. a method signature for a destructured method). */
  typeDeclarationsOf(node: ts.Node): readonly ts.Declaration[];
  /** The type of an expression or declaration name. */
  typeOf(node: ts.Node): OracleType | undefined;
  /** The declarations of a type's own symbol (class, interface, alias). */
  declarationsOfType(type: OracleType): readonly ts.Declaration[];
  /** The properties of a type. */
  membersOf(type: OracleType): readonly OracleMember[];
  /** The declarations of the property a destructuring element reads (`{ name } = user` → `User.name`). */
  bindingPropertyDeclarationsOf(element: ts.BindingElement): readonly ts.Declaration[];
  /** Whether a type says nothing about its values (`any`, `unknown`, a type parameter). */
  isOpaque(type: OracleType): boolean;
  /** Whether every value of a type is a boolean (`boolean`, `true`, a union of them, or a Promise of one). */
  isBoolean(type: OracleType): boolean;
  /**
   * Whether a type is one record (`User`, `Conversation`, possibly `undefined`): an object type
   * with properties, neither an array, a tuple nor a function.
   */
  isRecord(type: OracleType): boolean;
  /** Whether every value of a type is a string or a list of strings (`string`, `'/a' | '/b'`, `string[]`). */
  isText(type: OracleType): boolean;
  /** Types a value of this type holds as a whole: union members, array elements, promise results. */
  partsOf(type: OracleType): readonly OracleType[];
  /**
   * The npm package that declares a file, from the nearest package.json, or undefined for project
   * files (a workspace package's own source is the project's).
   */
  packageOf(fileName: string): string | undefined;
  /** Whether a file is part of the language's standard library (lib.*.d.ts, Node's types). */
  isStandardLibrary(fileName: string): boolean;
  /** Whether a module specifier in an import resolves to a file. */
  resolvesModule(specifier: ts.StringLiteralLike): boolean;
  /** The exports of the module a file name refers to, by name, with aliases followed. */
  exportsOf(fileName: string): ReadonlyMap<string, readonly ts.Declaration[]>;
  /**
   * For a call that makes an operator over iterables from a callback, by its declared signature
   * (`map<T, R>(fn: (value: T) => R): (source: Iterable<T>) => Iterable<R>`): the callback's
   * argument, and whether the callback only selects elements (it returns a boolean, as `filter`'s
   * does). Undefined for any other call.
   */
  iterableOperator(
    call: ts.CallExpression,
  ): { readonly callback: number; readonly selects: boolean } | undefined;
}

/** Creates the oracle over a TypeScript program's checker; every answer is cached. */
export function createTypeScriptOracle(
  program: ts.Program,
  rootPackageDir: string,
  libraries: ReadonlySet<string>,
): TypeOracle {
  const checker = program.getTypeChecker();
  const types = new Map<number, ts.Type>();
  const packageCache = new Map<string, string | undefined>();
  const declCache = new Map<ts.Node, readonly ts.Declaration[]>();
  // The interpreter asks again for the same nodes and types on every round of the fixpoint.
  const typeCache = new Map<ts.Node, OracleType | undefined>();
  const booleanCache = new Map<number, boolean>();
  const membersCache = new Map<number, ReturnType<TypeOracle['membersOf']>>();
  const partsCache = new Map<number, readonly OracleType[]>();

  const handle = (type: ts.Type | undefined): OracleType | undefined => {
    if (type === undefined) return undefined;
    const key = (type as unknown as { id: number }).id;
    types.set(key, type);
    return { key };
  };
  const unwrap = (type: OracleType): ts.Type => types.get(type.key)!;

  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    let target: ts.Node = node;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isDecorator(node)) {
      target = node.expression;
    }
    while (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target)) {
      target = target.expression;
    }
    if (ts.isPropertyAccessExpression(target)) target = target.name;
    let symbol = checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    return symbol;
  };

  const rootNames = new Set(program.getRootFileNames());
  const isOutsideDeclaration = (fileName: string): boolean =>
    /\.d\.[cm]?ts$/.test(fileName) && !rootNames.has(fileName);

  const packageOfDir = (dir: string): string | undefined => {
    if (packageCache.has(dir)) return packageCache.get(dir);
    let result: string | undefined;
    if (dir === rootPackageDir) {
      result = undefined;
    } else {
      const text = ts.sys.readFile(join(dir, 'package.json'));
      let name: unknown;
      if (text !== undefined) {
        try {
          name = (JSON.parse(text) as { name?: unknown }).name;
        } catch {
          name = undefined;
        }
      }
      if (typeof name === 'string') {
        result = name;
      } else {
        // A nested package.json without a name (`dist/esm/package.json` with only `type`) is not a package.
        const parent = dirname(dir);
        result = parent === dir || dir.endsWith('/node_modules') ? undefined : packageOfDir(parent);
      }
    }
    packageCache.set(dir, result);
    return result;
  };

  return {
    declarationsOf(node) {
      const cached = declCache.get(node);
      if (cached) return cached;
      const declarations = symbolOf(node)?.declarations ?? [];
      declCache.set(node, declarations);
      return declarations;
    },
    typeDeclarationsOf(node) {
      let target: ts.Node = node;
      if (ts.isCallExpression(node) || ts.isDecorator(node)) target = node.expression;
      const type = checker.getTypeAtLocation(target);
      return type.getSymbol()?.declarations ?? [];
    },
    typeOf(node) {
      if (typeCache.has(node)) return typeCache.get(node);
      const type = handle(checker.getTypeAtLocation(node));
      typeCache.set(node, type);
      return type;
    },
    declarationsOfType(type) {
      const t = unwrap(type);
      return (t.aliasSymbol?.declarations ?? []).concat(t.getSymbol()?.declarations ?? []);
    },
    membersOf(type) {
      const cached = membersCache.get(type.key);
      if (cached !== undefined) return cached;
      const t = unwrap(type);
      if (!(t.flags & ts.TypeFlags.Object) && !t.isIntersection()) return [];
      const members = checker.getPropertiesOfType(t).map((property) => {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        return {
          name: property.name,
          declarations: property.declarations ?? [],
          type: declaration
            ? handle(checker.getTypeOfSymbolAtLocation(property, declaration))
            : undefined,
        };
      });
      membersCache.set(type.key, members);
      return members;
    },
    bindingPropertyDeclarationsOf(element) {
      const key = element.propertyName ?? element.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return [];
      const type = checker.getTypeAtLocation(element.parent);
      return type.getProperty(key.text)?.declarations ?? [];
    },
    isOpaque(type) {
      const t = unwrap(type);
      return (
        (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) !== 0
      );
    },
    isBoolean(type) {
      const cached = booleanCache.get(type.key);
      if (cached !== undefined) return cached;
      const t = unwrap(type);
      const awaited = checker.getAwaitedType(t) ?? t;
      const parts = awaited.isUnion() ? awaited.types : [awaited];
      const boolean = parts.every((part) => (part.flags & ts.TypeFlags.BooleanLike) !== 0);
      booleanCache.set(type.key, boolean);
      return boolean;
    },
    isText(type) {
      const text = (t: ts.Type): boolean =>
        t.isUnion()
          ? t.types.every(text)
          : (t.flags & ts.TypeFlags.StringLike) !== 0 ||
            ((checker.isArrayType(t) || checker.isTupleType(t)) &&
              checker.getTypeArguments(t as ts.TypeReference).every(text));
      return text(unwrap(type));
    },
    isRecord(type) {
      const t = checker.getNonNullableType(unwrap(type));
      return (
        (t.flags & ts.TypeFlags.Object) !== 0 &&
        !checker.isArrayType(t) &&
        !checker.isTupleType(t) &&
        t.getCallSignatures().length === 0 &&
        t.getProperties().length > 0
      );
    },
    partsOf(type) {
      const cached = partsCache.get(type.key);
      if (cached !== undefined) return cached;
      const t = unwrap(type);
      const parts: ts.Type[] = [];
      if (t.isUnion()) parts.push(...t.types);
      if (checker.isArrayType(t) || checker.isTupleType(t)) {
        parts.push(...checker.getTypeArguments(t as ts.TypeReference));
      }
      const awaited = checker.getAwaitedType(t);
      if (awaited && awaited !== t) parts.push(awaited);
      const symbolName = t.getSymbol()?.getName();
      if (
        symbolName !== undefined &&
        elementTypes.has(symbolName) &&
        t.flags & ts.TypeFlags.Object
      ) {
        parts.push(...checker.getTypeArguments(t as ts.TypeReference));
      }
      const handles = parts.map((part) => handle(part)!);
      partsCache.set(type.key, handles);
      return handles;
    },
    packageOf(fileName) {
      const owner = packageOfDir(dirname(fileName));
      // A workspace package's own source (reached through a node_modules symlink, resolved to its
      // real path) is the project's code, to analyse, unless the catalogue knows the package.
      if (
        owner === undefined ||
        fileName.includes('/node_modules/') ||
        isOutsideDeclaration(fileName) ||
        libraries.has(owner)
      ) {
        return owner;
      }
      return undefined;
    },
    isStandardLibrary(fileName) {
      const file = program.getSourceFile(fileName);
      return (
        (file !== undefined && program.isSourceFileDefaultLibrary(file)) ||
        /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(fileName) ||
        /\/@types\/node\//.test(fileName)
      );
    },
    iterableOperator(call) {
      const signature = checker.getResolvedSignature(call);
      if (!signature) return undefined;
      // The result is a function of one iterable (an operator), not an iterable itself.
      const operators = checker.getReturnTypeOfSignature(signature).getCallSignatures();
      const operator = operators[0];
      const source = operator?.getParameters()[0];
      if (operators.length !== 1 || operator?.getParameters().length !== 1 || !source) {
        return undefined;
      }
      if (!isIterable(checker.getTypeOfSymbolAtLocation(source, call))) return undefined;
      if (!isIterable(checker.getReturnTypeOfSignature(operator))) return undefined;
      // Exactly one argument is a function: the callback applied to each element.
      const callbacks = call.arguments.flatMap((argument, index) => {
        const signatures = checker.getTypeAtLocation(argument).getCallSignatures();
        return signatures.length > 0 ? [{ index, signature: signatures[0]! }] : [];
      });
      const [callback] = callbacks;
      if (callbacks.length !== 1 || !callback) return undefined;
      const returned = checker.getReturnTypeOfSignature(callback.signature);
      const awaited = checker.getAwaitedType(returned) ?? returned;
      const parts = awaited.isUnion() ? awaited.types : [awaited];
      const selects = parts.every((part) => (part.flags & ts.TypeFlags.BooleanLike) !== 0);
      return { callback: callback.index, selects };
    },
    resolvesModule(specifier) {
      return checker.getSymbolAtLocation(specifier) !== undefined;
    },
    exportsOf(fileName) {
      const result = new Map<string, ts.Declaration[]>();
      const file = program.getSourceFile(fileName);
      const moduleSymbol = file ? checker.getSymbolAtLocation(file) : undefined;
      if (!moduleSymbol) return result;
      for (let symbol of checker.getExportsOfModule(moduleSymbol)) {
        const name = symbol.name;
        if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        result.set(name, [...(symbol.declarations ?? [])]);
      }
      return result;
    },
  };
}

/** Whether a type (or every member of a union) can be iterated, synchronously or not. */
function isIterable(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) =>
    part
      .getProperties()
      .some(
        (property) =>
          property.name.startsWith('__@iterator') || property.name.startsWith('__@asyncIterator'),
      ),
  );
}
