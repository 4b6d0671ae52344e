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

/**
 * A test of whether a node's text may hold a match of `pattern` (matched once over the whole
 * text, from its start, whatever the pattern's flags and `lastIndex`): a walk can skip the
 * subtrees that cannot hold what it seeks. Comments and strings count too, which only costs a
 * longer walk.
 */
export function mayHoldMatch(text: string, pattern: RegExp): (node: ts.Node) => boolean {
  const starts: number[] = [];
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const match of text.matchAll(global)) starts.push(match.index);
  return (node) => {
    // The first match at or after the node's start, by binary search.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < starts.length && starts[low]! < node.end;
  };
}
