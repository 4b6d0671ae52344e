import { ts } from 'ts-morph';

/**
 * The names of a callee's access chain, outermost first: `this.client.files.create` → this,
 * client, files, create; `client['files'].create` → client, files, create. Calls, `await`,
 * parentheses and `!` are looked through (`getClient().files.create` → getClient, files, create);
 * a root that is neither a name nor `this` (`new Client().files.create`) is an empty name.
 */
export function accessChain(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current: ts.Expression = expression;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (
      ts.isElementAccessExpression(current) &&
      ts.isStringLiteralLike(current.argumentExpression)
    ) {
      names.unshift(current.argumentExpression.text);
      current = current.expression;
    } else if (
      ts.isParenthesizedExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isAwaitExpression(current) ||
      ts.isCallExpression(current)
    ) {
      current = current.expression;
    } else {
      if (ts.isIdentifier(current)) names.unshift(current.text);
      else if (current.kind === ts.SyntaxKind.ThisKeyword) names.unshift('this');
      else if (names.length > 0) names.unshift('');
      return names;
    }
  }
}
