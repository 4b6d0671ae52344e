import { ts } from 'ts-morph';

/**
 * Visits a tree depth-first without recursion, so deeply nested code (long `+` chains, generated
 * files) cannot overflow the stack; `visit` returns false to skip a node's children.
 */
export function walk<T>(
  root: ts.Node,
  state: T,
  visit: (node: ts.Node, state: T) => T | false,
): void {
  const stack: [ts.Node, T][] = [[root, state]];
  while (stack.length > 0) {
    const [node, inherited] = stack.pop()!;
    const next = visit(node, inherited);
    if (next === false) continue;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push([children[index]!, next]);
  }
}
