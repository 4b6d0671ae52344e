import {
  elementMethod,
  implementedTypeOf,
  localFunctionOf,
  mayHoldMatch,
  mayImplementByObject,
  packageNameOf,
  promiseContinuation,
  registrationMethods,
  walk,
  webFrameworks,
  withoutAssertions,
} from './chunk-2TQ4CBJ4.js';
import { ts } from './chunk-ENMR6OK3.js';

// src/code/units.ts
var emptySummary = {
  preconditions: [],
  asserts: [],
  returnsParams: /* @__PURE__ */ new Map(),
  returnsSources: [],
};
function bodyOf(node) {
  return node.body;
}
function isAsyncFunction(node) {
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) !== 0;
}
function unitName(node) {
  const own = node.name;
  let name = own && (ts.isIdentifier(own) || ts.isPrivateIdentifier(own)) ? own.text : '';
  if (ts.isConstructorDeclaration(node)) name = 'constructor';
  if (!name && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    name = node.parent.name.text;
  }
  if (!name && ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)) {
    name = node.parent.name.text;
  }
  const owner = node.parent;
  if (owner && (ts.isClassDeclaration(owner) || ts.isClassExpression(owner))) {
    const className =
      owner.name?.text ??
      (ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name)
        ? owner.parent.name.text
        : void 0);
    if (className !== void 0) return `${className}.${name}`;
  }
  return name || '(anonymous)';
}
function calleeName(call) {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) {
    const owner = ts.isIdentifier(callee.expression) ? `${callee.expression.text}.` : '';
    return `${owner}${callee.name.text}`;
  }
  return 'a call';
}
function callsBackInPlace(call) {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  return elementMethod(name) !== void 0 || name === promiseContinuation;
}
function collectUnits(file, nextId, nested = /* @__PURE__ */ new Set()) {
  const units = [];
  const make = (node, name, classNode, inline) => ({
    id: nextId(),
    name,
    node,
    file,
    params: ts.isSourceFile(node) ? [] : [...node.parameters],
    ...(classNode ? { classNode } : {}),
    isAsync: !ts.isSourceFile(node) && isAsyncFunction(node),
    summary: emptySummary,
    external: /* @__PURE__ */ new Map(),
    callers: /* @__PURE__ */ new Set(),
    callees: /* @__PURE__ */ new Set(),
    referrers: /* @__PURE__ */ new Set(),
    escapes: false,
    entryGuards: /* @__PURE__ */ new Map(),
    pluginScopes: /* @__PURE__ */ new Map(),
    instanceHooks: /* @__PURE__ */ new Map(),
    ...(inline ? { inline } : {}),
  });
  units.push(make(file, `${file.fileName.split('/').pop() ?? 'module'} (module)`));
  const visitClass = (node) => {
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
  const visitedObjects = /* @__PURE__ */ new Set();
  const localUnits = /* @__PURE__ */ new Set();
  const visitObject = (node) => {
    visitedObjects.add(node);
    for (const property of node.properties) {
      if (ts.isMethodDeclaration(property) && property.body) {
        units.push(make(property, unitName(property)));
      } else if (
        ts.isPropertyAssignment(property) &&
        (ts.isArrowFunction(property.initializer) || ts.isFunctionExpression(property.initializer))
      ) {
        units.push(make(property.initializer, unitName(property.initializer)));
      } else {
        const local = localFunctionOf(property);
        if (local && !localUnits.has(local)) {
          localUnits.add(local);
          units.push(make(local, unitName(local)));
        }
      }
    }
  };
  const visitInline = (statement) => {
    walk(statement, void 0, (node) => {
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
        node.parent &&
        (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) &&
        node.parent.arguments?.includes(node) &&
        !callsBackInPlace(node.parent)
      ) {
        units.push(make(node, `(callback of ${calleeName(node.parent)})`, void 0, true));
      }
      return ts.isFunctionLike(node) || ts.isClassLike(node) ? false : void 0;
    });
  };
  const visitNested = (unit) => {
    const body = ts.isSourceFile(unit.node) ? void 0 : bodyOf(unit.node);
    if (!body) return;
    walk(body, void 0, (node) => {
      const call = node.parent;
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
        call &&
        ts.isCallExpression(call) &&
        call.arguments.includes(node) &&
        ts.isPropertyAccessExpression(call.expression) &&
        nested.has(call.expression.name.text)
      ) {
        units.push(make(node, `(callback of ${calleeName(call)})`, void 0, true));
        return false;
      }
      return ts.isClassLike(node) ? false : void 0;
    });
  };
  const mayHoldClass = mayHoldMatch(file.text, /\bclass\b/g);
  const mayHoldObject = mayHoldMatch(file.text, mayImplementByObject);
  walk(file, 'top', (node, level) => {
    if (node === file) return 'top';
    const topLevel = level === 'top';
    if (
      topLevel &&
      (ts.isExpressionStatement(node) ||
        ts.isVariableStatement(node) || // The module runs an exported call (`export default fp(async (app) => …)`).
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
      visitObject(node);
    } else if (ts.isFunctionDeclaration(node) && node.body && topLevel) {
      units.push(make(node, unitName(node)));
    } else if (
      ts.isExportAssignment(node) &&
      topLevel &&
      ts.isObjectLiteralExpression(withoutAssertions(node.expression))
    ) {
      visitObject(withoutAssertions(node.expression));
    } else if (
      ts.isExportAssignment(node) &&
      topLevel &&
      (ts.isArrowFunction(node.expression) || ts.isFunctionExpression(node.expression))
    ) {
      units.push(
        make(
          node.expression,
          unitName(node.expression) === '(anonymous)' ? 'default' : unitName(node.expression),
        ),
      );
    } else if (ts.isVariableStatement(node) && topLevel) {
      for (const declaration of node.declarationList.declarations) {
        const init = declaration.initializer;
        const object = init && withoutAssertions(init);
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          units.push(make(init, unitName(init)));
        } else if (object && ts.isObjectLiteralExpression(object)) {
          visitObject(object);
        }
      }
    }
    if (topLevel && (ts.isModuleBlock(node) || ts.isModuleDeclaration(node))) return 'top';
    return mayHoldClass(node) || mayHoldObject(node) ? 'inner' : false;
  });
  if (nested.size > 0) {
    for (let index = 1; index < units.length; index++) visitNested(units[index]);
  }
  return units;
}

// src/code/file-units.ts
function unitsOf(file, nextId) {
  return collectUnits(file, nextId, importsFramework(file) ? frameworkRegistrations : void 0);
}
function functionCount(file) {
  let next = 0;
  return unitsOf(file, () => next++).filter((unit) => !ts.isSourceFile(unit.node)).length;
}
var frameworkRegistrations = registrationMethods(webFrameworks);
var pluginMethods = new Set(
  webFrameworks.flatMap((framework) => (framework.plugins ? [framework.plugins.method] : [])),
);
var frameworkPackages = new Set(
  webFrameworks.flatMap((framework) => [
    ...framework.packages,
    ...(framework.plugins?.sharedScope.map((wrapper) => wrapper.package) ?? []),
  ]),
);
function importsFramework(file) {
  const known = frameworkFiles.get(file);
  if (known !== void 0) return known;
  const imports = file.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      return false;
    return frameworkPackages.has(packageNameOf(statement.moduleSpecifier.text));
  });
  frameworkFiles.set(file, imports);
  return imports;
}
var frameworkFiles = /* @__PURE__ */ new WeakMap();

export { bodyOf, functionCount, importsFramework, isAsyncFunction, pluginMethods, unitsOf };
//# sourceMappingURL=chunk-H74XAY4A.js.map
