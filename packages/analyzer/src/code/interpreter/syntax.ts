import { ts } from 'ts-morph';
import { eventEmitter, idName, membershipMethods } from '../../catalogue/builtins.js';
import type { TypeOracle } from '../type-oracle.js';
import { mergeTaints, type Value } from '../values.js';

export function skipParens(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The channel an `emit`/`on` call uses: the emitter's declaration and the event name, or undefined. */
export function eventChannelKey(
  node: ts.CallExpression | ts.NewExpression,
  callee: ts.PropertyAccessExpression,
  oracle: TypeOracle,
): string | undefined {
  if (callee.name.text !== eventEmitter.emit && !eventEmitter.listen.has(callee.name.text))
    return undefined;
  const event = node.arguments?.[0];
  if (!event || !ts.isStringLiteralLike(event)) return undefined;
  const emitter = oracle.declarationsOf(callee.expression)[0];
  if (!emitter) return undefined;
  const file = emitter.getSourceFile();
  return `${file.fileName}:${emitter.getStart(file)}:${event.text}`;
}

/** An id read: `user.id`, `conversation.userId`, `userId`. */
export function isIdLike(node: ts.Expression): boolean {
  const inner = skipParens(node);
  const name = ts.isPropertyAccessExpression(inner)
    ? inner.name.text
    : ts.isIdentifier(inner)
      ? inner.text
      : '';
  return idName.test(name);
}

export function boolLiteral(node: ts.Expression): boolean | undefined {
  const inner = skipParens(node);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

export function literalText(node: ts.Node | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))
    return name.text;
  return undefined;
}

/** The fields an object pattern's `...rest` keeps of a value with known fields, as one value. */
export function restFields(pattern: ts.ObjectBindingPattern, value: Value): Value | undefined {
  if (!value.fields || value.fields.size === 0) return undefined;
  const taken = new Set<string>();
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) continue;
    const key =
      element.propertyName !== undefined
        ? propertyKey(element.propertyName)
        : ts.isIdentifier(element.name)
          ? element.name.text
          : undefined;
    // A computed key may take any field: nothing is known to stay.
    if (key === undefined) return undefined;
    taken.add(key);
  }
  const fields = new Map([...value.fields].filter(([key]) => !taken.has(key)));
  return { ...mergeTaints([...fields.values()]), fields };
}

/** Whether an expression is always falsy: `undefined`, `null`, `false`, `void x`, `0`, `''`. */
export function isFalsyLiteral(expression: ts.Expression): boolean {
  const node = skipParens(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isVoidExpression(node)) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  if (ts.isStringLiteralLike(node)) return node.text === '';
  return node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.FalseKeyword;
}

/** Whether an operator compares for equality (`===`, `==`) or inequality (`!==`, `!=`). */
export function comparisonOf(operator: ts.SyntaxKind): 'equal' | 'unequal' | undefined {
  if (
    operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    operator === ts.SyntaxKind.EqualsEqualsToken
  )
    return 'equal';
  if (
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsToken
  )
    return 'unequal';
  return undefined;
}

/** Conditions `#cond` takes apart (negation, `&&`/`||`, comparisons, `includes`) rather than evaluates. */
export function isStructuralCondition(node: ts.Expression): boolean {
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      comparisonOf(operator) !== undefined
    );
  }
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    membershipMethods.has(node.expression.name.text)
  );
}

export function declarationNameIs(declaration: ts.Node, name: string): boolean {
  const own = (declaration as { name?: ts.Node }).name;
  return own !== undefined && ts.isIdentifier(own) && own.text === name;
}

export function subjectParamIndex(selector: ts.ArrowFunction | ts.FunctionExpression): number {
  const body = selector.body;
  let expression: ts.Expression | undefined = ts.isBlock(body)
    ? body.statements.find(ts.isReturnStatement)?.expression
    : body;
  while (
    expression &&
    (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression))
  ) {
    if (
      ts.isElementAccessExpression(expression) &&
      ts.isNumericLiteral(expression.argumentExpression)
    ) {
      return Number(expression.argumentExpression.text);
    }
    expression = expression.expression;
  }
  if (expression && ts.isIdentifier(expression)) {
    const index = selector.parameters.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === expression.text,
    );
    if (index >= 0) return index;
  }
  return 0;
}

export function enclosingFunctionBody(node: ts.Node): ts.Node | undefined {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current))
    current = current.parent;
  return current;
}

export function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 80 ? `${single.slice(0, 77)}...` : single;
}
