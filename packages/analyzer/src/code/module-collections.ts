import { ts } from 'ts-morph';
import { collectionConstructors } from '../catalogue/builtins.js';

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
        const init = declaration.initializer;
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

/**
 * The store key of the module-level collection an identifier names in its own file, when it
 * names one (and no local of the same name): `module-collection:<file>#<name>`.
 */
export function moduleCollectionKey(
  identifier: ts.Identifier,
  declarationsOf: (node: ts.Node) => readonly ts.Declaration[],
): string | undefined {
  const file = identifier.getSourceFile();
  const declaration = collectionsOf(file).get(identifier.text);
  if (declaration === undefined || declaration.name === identifier) return undefined;
  if (!declarationsOf(identifier).includes(declaration)) return undefined;
  return `module-collection:${file.fileName}#${identifier.text}`;
}
