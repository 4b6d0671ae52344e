import { ts } from 'ts-morph';
import type { State } from './state.js';

/**
 * The expression a reader knows the subject of data reaching `site` by, as the developer wrote it.
 * The subject of a request handler's `request` (a parameter a web framework types, such as
 * Hono's context `c`) is named by the record loaded or read from it.
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
  reads: SubjectReads,
  request?: string,
): string {
  if (subject === '' || subject.startsWith('#') || subject.startsWith('@')) return subject;
  if (request !== undefined && (subject === request || subject.startsWith(`${request}.`))) {
    const holders = [...state.env].filter(
      ([name, value]) => name !== subject && value.identity === subject && value.taints.length > 0,
    );
    // The variable that holds the request's user as the framework gives it: `user` for
    // `const user = c.get('user')`.
    const given = holders.filter(([, value]) => value.linked !== true);
    if (subject !== request && given.length === 1) return given[0]![0];
    // A request is not a person: the record first loaded from it names its user (`user` for
    // `const user = await sessionUser(request)`), not what was loaded by that user's id later.
    const loaded = holders.find(([, value]) => value.linked === true);
    if (loaded) return loaded[0];
    // Otherwise the record read from the request as the call writes it: `req.body.conversation`,
    // `req.user`, or `conversation` for `const { conversation } = await c.req.json()`.
    const read = recordRead(site, request, reads);
    if (read !== undefined) return read;
    return (
      heldFrom(
        site,
        state,
        (taint) => taint === request || taint.startsWith(`${request}.`),
        reads,
      ) ?? subject
    );
  }
  const id = /^(?:id|ID|([A-Za-z_$][\w$]*?)(?:Id|ID|_id))$/.exec(subject);
  if (id) {
    const canonical = (key: string) => state.aliases.get(key) ?? key;
    const key = canonical(subject);
    // The variables a loader filled with a record the id names.
    const loaded = [...state.env].filter(
      ([name, value]) =>
        name !== subject &&
        value.linked === true &&
        value.identity !== undefined &&
        canonical(value.identity) === key &&
        value.taints.length > 0,
    );
    // `user` for `userId`, when the id's name says what it identifies.
    const named = loaded.filter(([name]) => id[1] === undefined || name === id[1]);
    if (named.length === 1) return named[0]![0];
    // A person read from another record loaded by the id: `account.user` for
    // `const account = await store.account(userId)`, then `add(account.user)`.
    const people = loaded.flatMap(([name]) => {
      const person = recordRead(site, name, reads);
      return person !== undefined && person !== name ? [person] : [];
    });
    return people.length === 1 ? people[0]! : subject;
  }
  const chains = readChains(site, subject.split('.')[0]!, reads);
  if (chains.length === 0) return subject;
  const common = chains.reduce(commonPrefix);
  return common.length > subject.length && common.startsWith(`${subject}.`) ? common : subject;
}

/** What the naming asks of the types of the reads a call makes. */
export interface SubjectReads {
  /** Whether a field read reads personal data. */
  readonly carriesData: (read: ts.PropertyAccessExpression) => boolean;
  /** Whether a field read's value is one record (`req.user`), not a field of one (`user.email`). */
  readonly isRecord: (read: ts.PropertyAccessExpression) => boolean;
}

/**
 * The record the arguments of a call all read from `root`, when that is deeper than `root`
 * itself: `req.body.conversation` for `toRow(req.body.conversation)` and for
 * `req.body.conversation.messages.map(…)`.
 */
function recordRead(site: ts.Node, root: string, reads: SubjectReads): string | undefined {
  const chains = readChains(site, root, reads);
  if (chains.length === 0) return undefined;
  const common = chains.reduce(commonPrefix);
  return common.startsWith(`${root}.`) ? common : undefined;
}

/**
 * The one variable among a call's arguments that holds data of a subject `matches` accepts:
 * `conversation` for `const { conversation } = await c.req.json()` then `enqueue(conversation)`.
 */
function heldFrom(
  site: ts.Node,
  state: State,
  matches: (subject: string) => boolean,
  reads: SubjectReads,
): string | undefined {
  if (!ts.isCallExpression(site) && !ts.isNewExpression(site)) return undefined;
  const holders = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isMemberName(node)) {
      const value = state.env.get(node.text);
      if (value?.taints.some((taint) => matches(taint.subject))) {
        holders.add(recordRead(site, node.text, reads) ?? node.text);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const argument of site.arguments ?? []) visit(argument);
  return holders.size === 1 ? [...holders][0] : undefined;
}

/**
 * In the arguments of a call, each access chain from `root` that reads personal data, without the
 * field read last unless that field is a record itself: `conversation.user.email` gives
 * `conversation.user`, `account.user` gives `account.user`; a method called on it
 * (`messages.map(…)`) or an index into it is not part of the chain; `conversation.user.tier`
 * reads no personal data and gives none.
 */
function readChains(site: ts.Node, root: string, reads: SubjectReads): string[] {
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
      if (ts.isPropertyAccessExpression(top) && reads.carriesData(top)) {
        chains.push((reads.isRecord(top) ? names : names.slice(0, -1)).join('.'));
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
