import { ts } from 'ts-morph';
import { collectionConstructors, collectionWriters } from '../catalogue/builtins.js';
import { withoutAssertions } from './implementers.js';

/**
 * The collection a call writes its arguments into, by the method's name (`pending.push(row)`,
 * `handlers.set(name, fn)`): the expression before the method; undefined for any other node.
 */
export function collectionWritten(node: ts.Node): ts.Expression | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) {
    return undefined;
  }
  return collectionWriters.has(node.expression.name.text) ? node.expression.expression : undefined;
}

const byFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, ts.VariableDeclaration>>();

/**
 * The empty collections a file declares at module level (`const pending: string[] = []`,
 * `let buffers = new Map()`), by name: data written into one by a function is there for the
 * functions that read it later, like a file.
 */
function collectionsOf(file: ts.SourceFile): ReadonlyMap<string, ts.VariableDeclaration> {
  let found = byFile.get(file);
  if (found === undefined) {
    const collections = new Map<string, ts.VariableDeclaration>();
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        // `[] as string[]`, `new Map() satisfies Cache` are empty collections too.
        const init = declaration.initializer && withoutAssertions(declaration.initializer);
        if (!ts.isIdentifier(declaration.name) || init === undefined) continue;
        // Empty at first, filled by functions: a buffer, not a constant list.
        const isCollection =
          (ts.isArrayLiteralExpression(init) && init.elements.length === 0) ||
          (ts.isNewExpression(init) &&
            ts.isIdentifier(init.expression) &&
            collectionConstructors.has(init.expression.text) &&
            (init.arguments ?? []).length === 0);
        if (isCollection) collections.set(declaration.name.text, declaration);
      }
    }
    found = collections;
    byFile.set(file, found);
  }
  return found;
}

const importsByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** The local names a file's named imports bind (`import { pending as queue }` binds `queue`). */
function importedNames(file: ts.SourceFile): ReadonlySet<string> {
  let names = importsByFile.get(file);
  if (names === undefined) {
    const found = new Set<string>();
    for (const statement of file.statements) {
      const bindings = ts.isImportDeclaration(statement)
        ? statement.importClause?.namedBindings
        : undefined;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) found.add(element.name.text);
      }
    }
    names = found;
    importsByFile.set(file, names);
  }
  return names;
}

/**
 * The store key of the module-level collection an identifier names, in its own file or imported
 * from another (and no local of the same name): `module-collection:<file>#<name>`, with the file
 * and name of the declaration, so every module that fills or reads it shares one store.
 */
export function moduleCollectionKey(
  identifier: ts.Identifier,
  declarationsOf: (node: ts.Node) => readonly ts.Declaration[],
): string | undefined {
  const file = identifier.getSourceFile();
  const own = collectionsOf(file).get(identifier.text);
  // A cheap filter first: a collection of this file, or a name the file imports.
  if (own === undefined && !importedNames(file).has(identifier.text)) return undefined;
  if (own?.name === identifier) return undefined;
  for (const declaration of declarationsOf(identifier)) {
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) continue;
    const home = declaration.getSourceFile();
    if (collectionsOf(home).get(declaration.name.text) !== declaration) continue;
    return `module-collection:${home.fileName}#${declaration.name.text}`;
  }
  return undefined;
}

/** Whether a file declares an empty collection at module level (data its functions share, like a file). */
export function declaresModuleCollection(file: ts.SourceFile): boolean {
  return collectionsOf(file).size > 0;
}
