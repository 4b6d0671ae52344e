import { ts } from 'ts-morph';
import { promiseTypeName } from '../catalogue/builtins.js';

/**
 * The type an object literal is written to implement, as the name of that type:
 * `const hook: ExportHook = { … }`, `{ … } satisfies ExportHook`, `{ … } as ExportHook` (also
 * `hooks.ExportHook`, and with type arguments). A call through the type's members may run the
 * object's methods, as it may run a class's that implements the type. Undefined for any other
 * object literal.
 */
export function implementedTypeOf(object: ts.ObjectLiteralExpression): ts.EntityName | undefined {
  let node: ts.Node = object;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return implementedTypeAt(node.parent);
}

/**
 * Whether an object literal has functions of its own (methods, or properties written as
 * function expressions): the members a call through a type may run.
 */
function hasFunctionMembers(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => functionMemberOf(property) !== undefined);
}

/**
 * The function a property of an object literal is or names: a method with a body, a function
 * written as its value, or one a function around the object declares (`localFunctionOf`).
 */
export function functionMemberOf(
  property: ts.ObjectLiteralElementLike,
): ts.SignatureDeclaration | undefined {
  if (ts.isMethodDeclaration(property)) return property.body ? property : undefined;
  if (
    ts.isPropertyAssignment(property) &&
    (ts.isArrowFunction(property.initializer) || ts.isFunctionExpression(property.initializer))
  ) {
    return property.initializer;
  }
  return localFunctionOf(property);
}

/** A function declared in a function's body: `function upload(…) { … }`, `const count = () => …`. */
export type LocalFunction = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/**
 * The function a property of an object literal names (`{ upload }`, `{ upload: send }`) when a
 * function around the object declares it in its body, as a factory does before it returns
 * `{ upload, count }`. Found by syntax: the statements of each enclosing body, innermost first.
 */
export function localFunctionOf(property: ts.ObjectLiteralElementLike): LocalFunction | undefined {
  const name = ts.isShorthandPropertyAssignment(property)
    ? property.name.text
    : ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)
      ? property.initializer.text
      : undefined;
  if (name === undefined) return undefined;
  for (let node: ts.Node = property.parent; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const body = (node as { body?: ts.Node }).body;
    if (!body || !ts.isBlock(body)) continue;
    for (const statement of body.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) {
        return statement;
      }
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (
          ts.isIdentifier(declaration.name) &&
          declaration.name.text === name &&
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
        ) {
          return init;
        }
      }
    }
  }
  return undefined;
}

/**
 * The type a function declares it returns (`(): DatasetWriter`), or resolves to when it is
 * async (`(): Promise<DatasetWriter>`), when that is a type reference.
 */
function declaredReturnType(fn: ts.SignatureDeclaration): ts.TypeReferenceNode | undefined {
  let type = fn.type;
  const async = ts.canHaveModifiers(fn)
    ? (ts.getModifiers(fn) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)
    : false;
  if (
    async &&
    type &&
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === promiseTypeName &&
    type.typeArguments?.length === 1
  ) {
    type = type.typeArguments[0];
  }
  return type && ts.isTypeReferenceNode(type) ? type : undefined;
}

/**
 * The object literal with functions of its own a function returns (`return { async append(…)
 * { … } }`, an arrow's `=> ({ … })`), and that function, for a return statement or an arrow.
 */
function returnedObject(
  node: ts.Node,
): { object: ts.ObjectLiteralExpression; fn: ts.SignatureDeclaration } | undefined {
  let expression: ts.Node | undefined;
  let fn: ts.Node | undefined;
  if (ts.isReturnStatement(node)) {
    expression = node.expression;
    fn = node.parent;
    while (fn && !ts.isFunctionLike(fn) && !ts.isClassLike(fn) && !ts.isSourceFile(fn)) {
      fn = fn.parent;
    }
  } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
    expression = node.body;
    fn = node;
  }
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return expression &&
    ts.isObjectLiteralExpression(expression) &&
    fn &&
    ts.isFunctionLike(fn) &&
    hasFunctionMembers(expression)
    ? { object: expression, fn }
    : undefined;
}

/**
 * The same from the other side: the type a variable declaration, `satisfies` or `as` says the
 * object literal it holds implements. A walk finds these by the words (`mayImplement`): the
 * object literal of `{ … } satisfies Hook` comes before the word.
 */
export function implementedTypeAt(node: ts.Node): ts.EntityName | undefined {
  // `function createWriter(): DatasetWriter { return { async append(…) { … } } }`: a factory's
  // object with functions of its own implements the type the factory returns (a data object,
  // without functions, implements nothing a call can run).
  const returned = returnedObject(node);
  if (returned) return declaredReturnType(returned.fn)?.typeName;
  let expression: ts.Expression | undefined;
  let type = (node as { type?: ts.TypeNode }).type;
  if (ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) expression = node.expression;
  else if (ts.isVariableDeclaration(node)) expression = node.initializer;
  else if (
    // `let writer: DatasetWriter;` then `writer = { … }`, in that block or one inside it.
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(node.left)
  ) {
    expression = node.right;
    type = declaredLetType(node.left.text, node);
  }
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return expression &&
    ts.isObjectLiteralExpression(expression) &&
    type &&
    ts.isTypeReferenceNode(type)
    ? type.typeName
    : undefined;
}

/**
 * The type a `let` declares for `name` without a value (`let writer: DatasetWriter;`), in the
 * nearest block around `from` whose statements declare that name. Found by syntax.
 */
function declaredLetType(name: string, from: ts.Node): ts.TypeNode | undefined {
  for (let node = from.parent; node; node = node.parent) {
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
          return declaration.initializer === undefined ? declaration.type : undefined;
        }
      }
    }
  }
  return undefined;
}

/** The last name of `hooks.ExportHook` (the checker resolves it there), or the name itself. */
export function entityTail(name: ts.EntityName): ts.Identifier {
  return ts.isQualifiedName(name) ? name.right : name;
}

/**
 * Whether a text may hold an object literal `implementedTypeOf` names a type for: a type
 * annotation before `= {`, `satisfies`/`as` a name, a name assigned an object at the start of a
 * statement (`writer = {`, for a `let` declared with a type before), or an object returned (matched at its
 * brace, which every node around the object holds; the look behind is tried at braces only,
 * and every run of blanks is read one way only, so a file blanked past the depth limit costs
 * no more than its length). A filter before parsing or walking.
 */
export const mayImplementByObject =
  /:\s*[\p{L}_$][\p{L}\p{N}_$.]*\s*(?:<[^;{}]*>\s*)?=\s*(?:\(\s*)?\{|\b(?:satisfies|as)\s+[\p{L}_$]|\{(?<=\breturn\s*(?:\(\s*)?\{|=>\s*\(\s*\{)|[;{}\n][ \t]*[\p{L}_$][\p{L}\p{N}_$]*[ \t]*=[ \t]*\{/u;

/**
 * Whether a text may declare what implements a type: a class or interface heritage clause, or
 * an object literal `implementedTypeOf` names a type for (also a pattern for `mayHoldMatch`).
 */
export const mayImplement = new RegExp(
  `\\b(?:extends|implements)\\b|${mayImplementByObject.source}`,
  'u',
);

/**
 * The expression an initializer stands for, without the parentheses and type assertions around
 * it (`({ … }) satisfies Hook` is the object literal).
 */
export function withoutAssertions(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
