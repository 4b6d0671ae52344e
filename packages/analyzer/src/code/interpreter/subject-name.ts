import { ts } from 'ts-morph';
import type { State } from './state.js';

/**
 * The expression a reader knows the subject of data reaching `site` by, as the developer wrote it.
 * The subject of a request handler's `request` is named by the record loaded from it.
 * A subject known by an id (`id`, `userId`) is named by the variable its record was loaded into
 * (`user` for `const user = await store.user(id)`); a record whose data the call's arguments read
 * deeper is named by the record they all read it from (`req.body.conversation` for
 * `req.body.conversation.messages`); otherwise the subject's key itself. Only for messages: guards
 * match subjects by key, never by this name.
 */
export function subjectAsWritten(
  subject: string,
  state: State,
  site: ts.Node,
  carriesData: (read: ts.PropertyAccessExpression) => boolean,
  request?: string,
): string {
  if (subject === '' || subject.startsWith('#') || subject.startsWith('@')) return subject;
  if (request !== undefined && (subject === request || subject.startsWith(`${request}.`))) {
    // A request is not a person: the record first loaded from it names its user (`user` for
    // `const user = await sessionUser(request)`), not what was loaded by that user's id later.
    const loaded = [...state.env].find(
      ([name, value]) =>
        name !== subject &&
        value.linked === true &&
        value.identity === subject &&
        value.taints.length > 0,
    );
    if (loaded) return loaded[0];
  }
  const id = /^(?:id|ID|([A-Za-z_$][\w$]*?)(?:Id|ID|_id))$/.exec(subject);
  if (id) {
    const canonical = (key: string) => state.aliases.get(key) ?? key;
    const key = canonical(subject);
    // The variable a loader filled with the record the id names: `user` for `userId`.
    const holders = [...state.env]
      .filter(
        ([name, value]) =>
          name !== subject &&
          (id[1] === undefined || name === id[1]) &&
          value.linked === true &&
          value.identity !== undefined &&
          canonical(value.identity) === key &&
          value.taints.length > 0,
      )
      .map(([name]) => name);
    return holders.length === 1 ? holders[0]! : subject;
  }
  const chains = readChains(site, subject.split('.')[0]!, carriesData);
  if (chains.length === 0) return subject;
  const common = chains.reduce(commonPrefix);
  return common.length > subject.length && common.startsWith(`${subject}.`) ? common : subject;
}

/**
 * In the arguments of a call, each access chain from `root` that reads personal data, without the
 * field read last: `conversation.user.email` gives `conversation.user`; a method called on it
 * (`messages.map(…)`) or an index into it is not part of the chain; `conversation.user.tier`
 * reads no personal data and gives none.
 */
function readChains(
  site: ts.Node,
  root: string,
  carriesData: (read: ts.PropertyAccessExpression) => boolean,
): string[] {
  if (!ts.isCallExpression(site) && !ts.isNewExpression(site)) return [];
  const chains: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === root && !isMemberName(node)) {
      const names = [node.text];
      let top: ts.Node = node;
      while (
        ts.isPropertyAccessExpression(top.parent) &&
        top.parent.expression === top &&
        !isCallee(top.parent)
      ) {
        top = top.parent;
        names.push((top as ts.PropertyAccessExpression).name.text);
      }
      if (ts.isPropertyAccessExpression(top) && carriesData(top)) {
        chains.push(names.slice(0, -1).join('.'));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const argument of site.arguments ?? []) visit(argument);
  return chains;
}

/** The longest dotted path both start with: `a.b` of `a.b.c` and `a.b.d`. */
function commonPrefix(a: string, b: string): string {
  const left = a.split('.');
  const right = b.split('.');
  let length = 0;
  while (length < left.length && left[length] === right[length]) length += 1;
  return left.slice(0, length).join('.');
}

/** `name` in `a.name` or `{ name: … }`: a property name, not a variable. */
function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node)
  );
}

function isCallee(node: ts.Node): boolean {
  return ts.isCallExpression(node.parent) && node.parent.expression === node;
}
