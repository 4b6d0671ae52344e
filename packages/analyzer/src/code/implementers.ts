import { ts } from 'ts-morph';

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
 * The same from the other side: the type a variable declaration, `satisfies` or `as` says the
 * object literal it holds implements. A walk finds these by the words (`mayImplement`): the
 * object literal of `{ … } satisfies Hook` comes before the word.
 */
export function implementedTypeAt(node: ts.Node): ts.EntityName | undefined {
  let expression: ts.Expression | undefined;
  if (ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) expression = node.expression;
  else if (ts.isVariableDeclaration(node)) expression = node.initializer;
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  const type = (node as { type?: ts.TypeNode }).type;
  return expression &&
    ts.isObjectLiteralExpression(expression) &&
    type &&
    ts.isTypeReferenceNode(type)
    ? type.typeName
    : undefined;
}

/** The last name of `hooks.ExportHook` (the checker resolves it there), or the name itself. */
export function entityTail(name: ts.EntityName): ts.Identifier {
  return ts.isQualifiedName(name) ? name.right : name;
}

/**
 * Whether a text may hold an object literal `implementedTypeOf` names a type for: a type
 * annotation before `= {`, or `satisfies`/`as` a name. A filter before parsing or walking.
 */
export const mayImplementByObject =
  /:\s*[\p{L}_$][\p{L}\p{N}_$.]*\s*(?:<[^;{}]*>\s*)?=\s*\(?\s*\{|\b(?:satisfies|as)\s+[\p{L}_$]/u;

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
