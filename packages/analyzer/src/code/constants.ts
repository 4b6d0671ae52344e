import { ts } from 'ts-morph';
import { withoutAssertions } from './implementers.js';

/** The initializer of a `const` declaration (`const handlers = { … }`), if it is one. */
export function constantInitializer(declaration: ts.Node): ts.Expression | undefined {
  return ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0
    ? declaration.initializer
    : undefined;
}

/**
 * Whether an object literal is what a `const` declaration holds, through parentheses and type
 * assertions (`const destinations = { … } as const`): a name bound to it always names it.
 */
export function isConstantObject(object: ts.ObjectLiteralExpression): boolean {
  let node: ts.Node = object;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isSatisfiesExpression(node.parent)
  ) {
    node = node.parent;
  }
  const initializer = constantInitializer(node.parent);
  return initializer !== undefined && withoutAssertions(initializer) === object;
}
