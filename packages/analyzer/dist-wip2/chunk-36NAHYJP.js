import {
  declaredNames,
  declaresModuleCollection,
  eventCallIn,
  implementedTypeAt,
  mayHoldMatch,
  mayImplement,
  walk,
} from './chunk-2TQ4CBJ4.js';
import { ts } from './chunk-ENMR6OK3.js';
import { functionCount } from './chunk-H74XAY4A.js';
import { isJavaScript } from './chunk-LLBBEWGM.js';
import { DEFAULT_LIMITS, parseWithinDepth } from './chunk-OKVXSYHK.js';

// src/cache/module-facts.ts
var jsDocImports =
  /@import\s[^'"*]*?from\s*(['"])([^'"\n]+)\1|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;
function readModuleFacts(fileName, text) {
  return moduleFactsOf(
    parseWithinDepth(
      fileName,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      DEFAULT_LIMITS.depth,
    ).file,
  );
}
function moduleFactsOf(file) {
  const imports = [];
  const exports = /* @__PURE__ */ new Set();
  const stars = [];
  const reexports = [];
  const importedFrom = /* @__PURE__ */ new Map();
  const heritageNames = [];
  const qualifiedHeritage = [];
  const localExports = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      const names = [];
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
          : void 0;
      const clause = statement.exportClause;
      if (specifier === void 0) {
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
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : void 0;
      const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
      const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) === true;
      if (exported) {
        if (isDefault) exports.add('default');
        for (const name of declaredNames(statement)) exports.add(name);
      }
    }
  }
  const aliases = /* @__PURE__ */ new Map();
  const heritageOf = (name) => {
    let current = name;
    const seen = /* @__PURE__ */ new Set();
    while (ts.isIdentifier(current) && aliases.has(current.text) && !seen.has(current.text)) {
      seen.add(current.text);
      current = aliases.get(current.text);
    }
    const root = leftmost(current);
    if (root) heritageNames.push(root);
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
    walk(file, void 0, (node) => {
      const type = implementedTypeAt(node);
      if (type) {
        heritageOf(type);
      } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const type2 of clause.types) heritageOf(type2.expression);
        }
      }
      return mayHoldHeritage(node) ? void 0 : false;
    });
  }
  if (/\bimport\s*\(|\brequire\s*\(/.test(file.text)) {
    walk(file, void 0, (node) => {
      if (
        ts.isCallExpression(node) &&
        node.arguments.length >= 1 &&
        ts.isStringLiteralLike(node.arguments[0]) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
      ) {
        imports.push({ specifier: node.arguments[0].text, names: null });
      } else if (
        // `import('./flagged.js').Flagged` as a type: the file depends on that module too.
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        imports.push({ specifier: node.argument.literal.text, names: null });
      }
      return void 0;
    });
  }
  if (isJavaScript(file.fileName)) {
    for (const match of file.text.matchAll(jsDocImports)) {
      const specifier = match[2] ?? match[4];
      if (!imports.some((fact) => fact.specifier === specifier && fact.names === null)) {
        imports.push({ specifier, names: null });
      }
    }
  }
  for (const [local, as] of localExports) {
    const fact = importedFrom.get(local);
    if (fact === void 0) exports.add(as);
    else reexports.push({ specifier: fact.specifier, name: fact.names?.[0] ?? '*', as });
  }
  const heritage = [];
  for (const [namespace, name] of qualifiedHeritage) {
    const fact = importedFrom.get(namespace);
    if (fact?.names === null) heritage.push({ specifier: fact.specifier, names: [name] });
  }
  const localHeritage = /* @__PURE__ */ new Set();
  for (const name of heritageNames) {
    const fact = importedFrom.get(name);
    if (fact) heritage.push(fact);
    else localHeritage.add(name);
  }
  const loads = [];
  for (const statement of file.statements) {
    const loading =
      ts.isImportDeclaration(statement) ||
      (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== void 0) ||
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
    syntaxError: (file.parseDiagnostics ?? []).length > 0,
    functions: functionCount(file),
    collection: declaresModuleCollection(file),
    eventCall: eventCallIn(file) !== void 0,
  };
}
function leftmost(expression) {
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  while (ts.isQualifiedName(current)) current = current.left;
  return ts.isIdentifier(current) ? current.text : void 0;
}

export { moduleFactsOf, readModuleFacts };
//# sourceMappingURL=chunk-36NAHYJP.js.map
