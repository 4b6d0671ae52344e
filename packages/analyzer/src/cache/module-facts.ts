import { ts } from 'ts-morph';
import { declaredNames } from '../code/declared-names.js';
import { functionCount } from '../code/file-units.js';
import { implementedTypeAt, mayImplement } from '../code/implementers.js';
import { DEFAULT_LIMITS, parseWithinDepth } from '../code/limits.js';
import { declaresModuleCollection } from '../code/module-collections.js';
import { eventCallIn } from '../code/reach.js';
import { isJavaScript } from '../code/source-files.js';
import { functionAssignments } from '../code/units.js';
import { mayHoldMatch, walk } from '../code/walk.js';

/** One import of a module: its specifier and the names taken from it (`null`: the whole module). */
export interface ImportFact {
  readonly specifier: string;
  readonly names: readonly string[] | null;
}

/** A re-export of one name (`export { a as b } from`); `name` is `*` for `export * as b from`. */
export interface ReexportFact {
  readonly specifier: string;
  readonly name: string;
  readonly as: string;
}

/**
 * What a file imports and exports, read from its syntax alone: enough to follow a name through
 * barrel files to the file that declares it. Plain data, so it can be cached by content.
 */
export interface ModuleFacts {
  readonly imports: readonly ImportFact[];
  /** Names the file declares and exports itself (`default` for a default export). */
  readonly exports: readonly string[];
  /** Specifiers of `export * from`. */
  readonly stars: readonly string[];
  readonly reexports: readonly ReexportFact[];
  /**
   * Imported names a class extends or implements, or an interface extends: calls through them may
   * reach this file.
   */
  readonly heritage: readonly ImportFact[];
  /**
   * Names a class or interface extends or implements that no import binds: declared in the file
   * itself, or global (a `.d.ts` script, `declare global`).
   */
  readonly localHeritage: readonly string[];
  /**
   * What a full scan needs to leave the file unbound (see `src/cache/stand-ins.ts`): its
   * module-loading statements as written, in order; whether it is a module and parses without
   * error; how many functions it holds; whether it declares a module-level collection or calls
   * an event emitter.
   */
  readonly loads: readonly string[];
  readonly module: boolean;
  readonly syntaxError: boolean;
  readonly functions: number;
  readonly collection: boolean;
  readonly eventCall: boolean;
}

const jsDocImports =
  /@import\s[^'"*]*?from\s*(['"])([^'"\n]+)\1|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;

/**
 * Parses `text` (syntax only) and reads its module facts; code nested past the default depth
 * limit is left out before parsing (the analysis reports it), so the parser cannot overflow.
 */
export function readModuleFacts(fileName: string, text: string): ModuleFacts {
  return moduleFactsOf(
    parseWithinDepth(
      fileName,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      DEFAULT_LIMITS.depth,
    ).file,
  );
}

/** Reads the module facts of a parsed file; only top-level statements and calls are visited. */
export function moduleFactsOf(file: ts.SourceFile): ModuleFacts {
  const imports: ImportFact[] = [];
  const exports = new Set<string>();
  const stars: string[] = [];
  const reexports: ReexportFact[] = [];
  const importedFrom = new Map<string, ImportFact>();
  const heritageNames: string[] = [];
  const qualifiedHeritage: [namespace: string, name: string][] = [];
  // `export { X as Y }` without `from`, and `export default X`: the local name and its export.
  const localExports: [local: string, as: string][] = [];

  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      const names: string[] = [];
      let whole = false;
      if (clause?.name) {
        names.push('default');
        importedFrom.set(clause.name.text, { specifier, names: ['default'] });
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        whole = true;
        importedFrom.set(bindings.name.text, { specifier, names: null });
      } else if (bindings) {
        for (const element of bindings.elements) {
          const name = (element.propertyName ?? element.name).text;
          names.push(name);
          importedFrom.set(element.name.text, { specifier, names: [name] });
        }
      }
      imports.push({ specifier, names: whole ? null : names });
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        const specifier = reference.expression.text;
        imports.push({ specifier, names: null });
        importedFrom.set(statement.name.text, { specifier, names: null });
      }
    } else if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      const clause = statement.exportClause;
      if (specifier === undefined) {
        if (clause && ts.isNamedExports(clause)) {
          for (const element of clause.elements) {
            localExports.push([(element.propertyName ?? element.name).text, element.name.text]);
          }
        }
      } else if (!clause) {
        stars.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        reexports.push({ specifier, name: '*', as: clause.name.text });
      } else {
        for (const element of clause.elements) {
          reexports.push({
            specifier,
            name: (element.propertyName ?? element.name).text,
            as: element.name.text,
          });
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      if (ts.isIdentifier(statement.expression)) {
        localExports.push([statement.expression.text, 'default']);
      } else {
        exports.add('default');
      }
    } else {
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
      const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
      const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) === true;
      if (exported) {
        if (isDefault) exports.add('default');
        for (const name of declaredNames(statement)) exports.add(name);
      }
    }
  }
  // What classes and interfaces extend or implement, and what object literals are written to
  // implement, wherever they are declared (a class in a function, `const Hook = class
  // implements …`, a namespace, `const hook: ExportHook = { … }`): a walk of files with the words.
  // A top-level `type Hook = ExportHook` stands for what it names.
  const aliases = new Map<string, ts.EntityName>();
  const heritageOf = (name: ts.EntityName | ts.Expression) => {
    let current = name;
    const seen = new Set<string>();
    while (ts.isIdentifier(current) && aliases.has(current.text) && !seen.has(current.text)) {
      seen.add(current.text);
      current = aliases.get(current.text)!;
    }
    const root = leftmost(current);
    if (root) heritageNames.push(root);
    // `hooks.ExportHook` of a namespace import: the name, followed through barrels.
    if (ts.isPropertyAccessExpression(current) && ts.isIdentifier(current.expression)) {
      qualifiedHeritage.push([current.expression.text, current.name.text]);
    } else if (ts.isQualifiedName(current) && ts.isIdentifier(current.left)) {
      qualifiedHeritage.push([current.left.text, current.right.text]);
    }
  };
  if (mayImplement.test(file.text)) {
    for (const statement of file.statements) {
      if (ts.isTypeAliasDeclaration(statement) && ts.isTypeReferenceNode(statement.type)) {
        aliases.set(statement.name.text, statement.type.typeName);
      }
    }
    const mayHoldHeritage = mayHoldMatch(file.text, mayImplement);
    walk(file, undefined, (node) => {
      const type = implementedTypeAt(node);
      if (type) {
        heritageOf(type);
      } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const type of clause.types) heritageOf(type.expression);
        }
      }
      return mayHoldHeritage(node) ? undefined : false;
    });
  }
  // A function written into a property of an imported value (`hooks.send = async (text) => …`)
  // runs where that property is called, as an implementing class's method does.
  for (const { target } of functionAssignments(file)) {
    const root = leftmost(target.expression);
    if (root !== undefined && importedFrom.has(root)) heritageNames.push(root);
  }
  // Dynamic imports and require calls take the whole module (a walk without recursion: deeply
  // nested code cannot overflow the stack).
  if (/\bimport\s*\(|\brequire\s*\(/.test(file.text)) {
    walk(file, undefined, (node) => {
      if (
        ts.isCallExpression(node) &&
        node.arguments.length >= 1 &&
        ts.isStringLiteralLike(node.arguments[0]!) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
      ) {
        imports.push({ specifier: (node.arguments[0] as ts.StringLiteralLike).text, names: null });
      } else if (
        // `import('./flagged.js').Flagged` as a type: the file depends on that module too.
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        imports.push({ specifier: node.argument.literal.text, names: null });
      }
      return undefined;
    });
  }

  // JavaScript names types in JSDoc (`@param {import('./types.js').Exchange}`, `@import { X }
  // from './x.js'`), which the walk does not visit: each counts as an import of its module.
  if (isJavaScript(file.fileName)) {
    for (const match of file.text.matchAll(jsDocImports)) {
      const specifier = match[2] ?? match[4]!;
      if (!imports.some((fact) => fact.specifier === specifier && fact.names === null)) {
        imports.push({ specifier, names: null });
      }
    }
  }

  // A local export of an imported name (`import { X } from './x'; export { X }`) re-exports it:
  // the file declaring `X` is the one `./x` leads to, not this one.
  for (const [local, as] of localExports) {
    const fact = importedFrom.get(local);
    if (fact === undefined) exports.add(as);
    else reexports.push({ specifier: fact.specifier, name: fact.names?.[0] ?? '*', as });
  }

  const heritage: ImportFact[] = [];
  for (const [namespace, name] of qualifiedHeritage) {
    const fact = importedFrom.get(namespace);
    if (fact?.names === null) heritage.push({ specifier: fact.specifier, names: [name] });
  }
  const localHeritage = new Set<string>();
  for (const name of heritageNames) {
    const fact = importedFrom.get(name);
    if (fact) heritage.push(fact);
    else localHeritage.add(name);
  }
  const loads: string[] = [];
  for (const statement of file.statements) {
    const loading =
      ts.isImportDeclaration(statement) ||
      (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined) ||
      (ts.isImportEqualsDeclaration(statement) &&
        ts.isExternalModuleReference(statement.moduleReference));
    if (loading) loads.push(file.text.slice(statement.getStart(file), statement.end));
  }
  return {
    imports,
    exports: [...exports].sort(),
    stars,
    reexports,
    heritage,
    localHeritage: [...localHeritage].sort(),
    loads,
    // From the statements, not the parse's module detection, which a tsconfig can force: the
    // facts are cached by content alone.
    module:
      loads.length > 0 ||
      file.statements.some(
        (statement) =>
          ts.isExportDeclaration(statement) ||
          ts.isExportAssignment(statement) ||
          (ts.canHaveModifiers(statement) &&
            (ts.getModifiers(statement) ?? []).some(
              (modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword,
            )),
      ),
    syntaxError:
      ((file as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? []).length > 0,
    functions: functionCount(file),
    collection: declaresModuleCollection(file),
    eventCall: eventCallIn(file) !== undefined,
  };
}

function leftmost(expression: ts.Expression | ts.EntityName): string | undefined {
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  while (ts.isQualifiedName(current)) current = current.left;
  return ts.isIdentifier(current) ? current.text : undefined;
}
