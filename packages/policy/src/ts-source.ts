import { ts } from 'ts-morph';
import { toPointer } from './pointer.js';
import type { Range, ReadResult, SourceProblem } from './source.js';
import { START_OF_FILE } from './source.js';

const STATIC_HINT =
  'a TypeScript policy is read without running it, so write literals, or const values declared in this file';

/** Values of a literal with the locations of its keys and items, relative to the literal. */
interface Evaluated {
  readonly value: unknown;
  /** Relative JSON pointer (never empty) → range of the key or list item. */
  readonly locations: Map<string, Range>;
}

interface ConstDeclaration {
  readonly name: string;
  readonly initializer: ts.Expression | undefined;
  readonly kind: 'const' | 'let' | 'var';
}

/** Reads the policy a TypeScript file exports, statically, from its syntax tree alone. */
export function readTypeScript(text: string, fileName: string): ReadResult {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const rangeOf = (node: ts.Node): Range => {
    const start = source.getLineAndCharacterOfPosition(node.getStart(source));
    const end = source.getLineAndCharacterOfPosition(node.getEnd());
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  };

  const syntax = syntaxProblems(source);
  if (syntax.length > 0) return { ok: false, problems: syntax };

  if (source.statements.length === 0) {
    return {
      ok: false,
      problems: [
        {
          range: START_OF_FILE,
          message:
            'the policy file is empty: write "export default definePolicy({ version: 1, … })"',
        },
      ],
    };
  }

  const declarations = new Map<string, ConstDeclaration>();
  const imports = new Map<string, string>();
  // Local names of `definePolicy`, including `import { definePolicy as define }`.
  const definePolicyNames = new Set(['definePolicy']);
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) {
          const name = declaration.name.text;
          declarations.set(name, { name, initializer: declaration.initializer, kind });
        }
      }
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name !== undefined) imports.set(clause.name.text, from);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          imports.set(element.name.text, from);
          if ((element.propertyName ?? element.name).text === 'definePolicy') {
            definePolicyNames.add(element.name.text);
          }
        }
      } else if (bindings !== undefined) {
        imports.set(bindings.name.text, from);
      }
    }
  }

  const exported = findExportedPolicy(source);
  if (exported === undefined) {
    return {
      ok: false,
      problems: [
        {
          range: START_OF_FILE,
          message:
            'no policy is exported: write "export default definePolicy({ … })" or "export const policy = definePolicy({ … })"',
        },
      ],
    };
  }

  const problems: SourceProblem[] = [];
  const fail = (node: ts.Node, message: string): Evaluated => {
    problems.push({ range: rangeOf(node), message });
    return { value: undefined, locations: new Map() };
  };
  const resolving = new Set<string>();

  const evaluateIdentifier = (node: ts.Identifier): Evaluated => {
    const name = node.text;
    if (name === 'undefined') {
      return fail(node, 'undefined cannot be part of a policy; leave the property out instead');
    }
    const declaration = declarations.get(name);
    if (declaration === undefined) {
      const from = imports.get(name);
      return fail(
        node,
        from === undefined
          ? `"${name}" is not declared in this file and cannot be read statically; ${STATIC_HINT}`
          : `"${name}" is imported from "${from}" and cannot be read statically; ${STATIC_HINT}`,
      );
    }
    if (declaration.kind !== 'const') {
      return fail(
        node,
        `"${name}" is declared with ${declaration.kind}, so its value cannot be read statically; declare it with const`,
      );
    }
    if (declaration.initializer === undefined) {
      return fail(node, `"${name}" has no value`);
    }
    if (resolving.has(name)) {
      return fail(node, `"${name}" refers to itself`);
    }
    resolving.add(name);
    try {
      return evaluate(declaration.initializer);
    } finally {
      resolving.delete(name);
    }
  };

  const evaluateKey = (name: ts.PropertyName): string | undefined => {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
    if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (ts.isNumericLiteral(name)) return String(Number(name.text));
    if (ts.isComputedPropertyName(name)) {
      const key = evaluate(name.expression).value;
      if (typeof key === 'string' || typeof key === 'number') return String(key);
      if (key !== undefined) fail(name, 'a computed key must be a string or a number');
      return undefined;
    }
    fail(name, `the key ${name.getText(source)} cannot be read statically; ${STATIC_HINT}`);
    return undefined;
  };

  const evaluateObject = (node: ts.ObjectLiteralExpression): Evaluated => {
    const value: Record<string, unknown> = {};
    const locations = new Map<string, Range>();
    const explicit = new Map<string, ts.Node>();
    const assign = (key: string, child: Evaluated, keyRange: Range | undefined) => {
      const prefix = toPointer([key]);
      for (const pointer of [...locations.keys()]) {
        if (pointer === prefix || pointer.startsWith(`${prefix}/`)) locations.delete(pointer);
      }
      if (keyRange !== undefined) locations.set(prefix, keyRange);
      for (const [pointer, range] of child.locations) locations.set(prefix + pointer, range);
      // A `__proto__` key must become an own property, as YAML makes it, not a prototype.
      Object.defineProperty(value, key, {
        value: child.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    };
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) {
        const key = evaluateKey(property.name);
        if (key === undefined) continue;
        const previous = explicit.get(key);
        if (previous !== undefined) {
          const first = rangeOf(previous);
          fail(
            property.name,
            `duplicate key "${key}": it is already set at line ${first.line}, column ${first.column}; a key may appear only once in an object`,
          );
          continue;
        }
        explicit.set(key, property.name);
        const child = ts.isPropertyAssignment(property)
          ? evaluate(property.initializer)
          : evaluateIdentifier(property.name);
        assign(key, child, rangeOf(property.name));
      } else if (ts.isSpreadAssignment(property)) {
        const spread = evaluate(property.expression);
        if (spread.value === undefined) continue;
        if (!isPlainObject(spread.value)) {
          fail(property.expression, 'only an object can be spread into an object');
          continue;
        }
        for (const [key, child] of Object.entries(spread.value)) {
          const prefix = toPointer([key]);
          const childLocations = new Map<string, Range>();
          for (const [pointer, range] of spread.locations) {
            if (pointer.startsWith(`${prefix}/`)) {
              childLocations.set(pointer.slice(prefix.length), range);
            }
          }
          explicit.delete(key);
          assign(key, { value: child, locations: childLocations }, spread.locations.get(prefix));
        }
      } else {
        fail(property, `a method or accessor cannot be read statically; ${STATIC_HINT}`);
      }
    }
    return { value, locations };
  };

  const evaluateArray = (node: ts.ArrayLiteralExpression): Evaluated => {
    const value: unknown[] = [];
    const locations = new Map<string, Range>();
    const push = (child: Evaluated, range: Range | undefined, relocate?: string) => {
      const prefix = `/${value.length}`;
      if (range !== undefined) locations.set(prefix, range);
      for (const [pointer, childRange] of child.locations) {
        if (relocate === undefined) locations.set(prefix + pointer, childRange);
        else if (pointer.startsWith(`${relocate}/`)) {
          locations.set(prefix + pointer.slice(relocate.length), childRange);
        }
      }
      value.push(child.value);
    };
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = evaluate(element.expression);
        if (spread.value === undefined) continue;
        if (!Array.isArray(spread.value)) {
          fail(element.expression, 'only a list can be spread into a list');
          continue;
        }
        spread.value.forEach((item: unknown, index) => {
          const at = `/${index}`;
          push({ value: item, locations: spread.locations }, spread.locations.get(at), at);
        });
      } else if (ts.isOmittedExpression(element)) {
        fail(node, 'a list cannot have holes; remove the extra comma');
      } else {
        push(evaluate(element), rangeOf(element));
      }
    }
    return { value, locations };
  };

  const evaluate = (expression: ts.Expression): Evaluated => {
    const node = unwrap(expression);
    if (ts.isObjectLiteralExpression(node)) return evaluateObject(node);
    if (ts.isArrayLiteralExpression(node)) return evaluateArray(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return { value: node.text, locations: new Map() };
    }
    if (ts.isNumericLiteral(node)) return { value: Number(node.text), locations: new Map() };
    if (
      ts.isPrefixUnaryExpression(node) &&
      (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken) &&
      ts.isNumericLiteral(node.operand)
    ) {
      const number = Number(node.operand.text);
      return {
        value: node.operator === ts.SyntaxKind.MinusToken ? -number : number,
        locations: new Map(),
      };
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true, locations: new Map() };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false, locations: new Map() };
    if (node.kind === ts.SyntaxKind.NullKeyword) return { value: null, locations: new Map() };
    if (ts.isIdentifier(node)) return evaluateIdentifier(node);
    return fail(
      node,
      `${describeExpression(node, source)} cannot be read statically; ${STATIC_HINT}`,
    );
  };

  const root = unwrapDefinePolicy(exported, definePolicyNames);
  const result = evaluate(root);
  if (problems.length > 0) return { ok: false, problems };

  const rootRange = rangeOf(unwrap(root));
  return {
    ok: true,
    reading: {
      value: result.value,
      locate: (segments) =>
        segments.length === 0 ? rootRange : result.locations.get(toPointer(segments)),
    },
  };
}

function syntaxProblems(source: ts.SourceFile): SourceProblem[] {
  // The parser's own diagnostics, read through a program of this one file: no library, no
  // imports resolved, nothing emitted (a transpile would compile it, for the same answer).
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === source.fileName ? source : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === source.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [source.fileName],
    options: { noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ES2022 },
    host,
  });
  const problems: SourceProblem[] = [];
  for (const diagnostic of program.getSyntacticDiagnostics(source)) {
    if (diagnostic.file === undefined || diagnostic.start === undefined) continue;
    const start = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const end = diagnostic.file.getLineAndCharacterOfPosition(
      diagnostic.start + (diagnostic.length ?? 0),
    );
    problems.push({
      range: {
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      },
      message: `invalid TypeScript: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
    });
  }
  return problems;
}

/** The expression a file exports as its policy: `export default …`, else `export const policy`. */
function findExportedPolicy(source: ts.SourceFile): ts.Expression | undefined {
  let named: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      return statement.expression;
    }
    if (
      ts.isVariableStatement(statement) &&
      statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      for (const declaration of statement.declarationList.declarations) {
        if (
          ts.isIdentifier(declaration.name) &&
          declaration.name.text === 'policy' &&
          declaration.initializer !== undefined
        ) {
          named = declaration.initializer;
        }
      }
    }
  }
  return named;
}

/** Strips the wrappers that change a value's type but not the value: `as`, `satisfies`, `!`, `()`. */
function unwrap(expression: ts.Expression): ts.Expression {
  let node = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node)
    ) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/** `definePolicy(x)` is the identity at run time, so the policy is its argument. */
function unwrapDefinePolicy(expression: ts.Expression, names: ReadonlySet<string>): ts.Expression {
  const node = unwrap(expression);
  if (ts.isCallExpression(node) && node.arguments.length === 1) {
    const callee = unwrap(node.expression);
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    if (name !== undefined && names.has(name)) return node.arguments[0]!;
  }
  return node;
}

function describeExpression(node: ts.Expression, source: ts.SourceFile): string {
  const text = node.getText(source).replace(/\s+/g, ' ');
  const short = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  if (ts.isCallExpression(node)) {
    const callee = node.expression.getText(source).replace(/\s+/g, ' ');
    return `the function call ${callee.length > 40 ? `${callee.slice(0, 37)}…` : callee}(…)`;
  }
  if (ts.isNewExpression(node)) return `the constructor call "${short}"`;
  if (ts.isTemplateExpression(node)) return 'a template string with substitutions';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return 'a function';
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    return `the property access "${short}"`;
  }
  return `the expression "${short}"`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
