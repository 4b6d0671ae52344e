/**
 * How an array method uses its callback on the elements: `select` keeps or finds the elements the
 * callback accepts (`filter`, `find`), `transform` makes new elements from its results, `fold` threads an
 * accumulator (`reduce`, the element is the callback's second parameter), `reorder` returns the
 * same elements (`sort`), and `visit` only runs it (`forEach`, `some`).
 */
export type ElementRole = 'select' | 'transform' | 'fold' | 'reorder' | 'visit';

/** One JavaScript method that calls a callback with a collection's elements. */
export interface ElementMethod {
  readonly name: string;
  readonly role: ElementRole;
  /** Whether a named function passed to it counts as called by the caller in the call graph. */
  readonly linksCallee: boolean;
}

/** Methods of arrays (and array-likes) that call their callback with each element. */
export const elementMethods: readonly ElementMethod[] = [
  { name: 'map', role: 'transform', linksCallee: true },
  { name: 'flatMap', role: 'transform', linksCallee: true },
  { name: 'forEach', role: 'visit', linksCallee: true },
  { name: 'filter', role: 'select', linksCallee: true },
  { name: 'find', role: 'select', linksCallee: true },
  { name: 'findLast', role: 'select', linksCallee: false },
  { name: 'some', role: 'visit', linksCallee: true },
  { name: 'every', role: 'visit', linksCallee: true },
  { name: 'reduce', role: 'fold', linksCallee: true },
  { name: 'sort', role: 'reorder', linksCallee: false },
  { name: 'toSorted', role: 'reorder', linksCallee: false },
];

const elementMethodsByName = new Map(elementMethods.map((method) => [method.name, method]));

/** The element method of a name, or undefined. */
export function elementMethod(name: string): ElementMethod | undefined {
  return elementMethodsByName.get(name);
}

/** The call that lists an object's values as an array (`Object.values(handlers)`). */
export const tableValues = { path: 'Object.values' } as const;

/** Generic collection types whose type arguments are their elements' types (besides arrays and tuples). */
export const elementTypes: ReadonlySet<string> = new Set([
  'Map',
  'Set',
  'ReadonlyArray',
  'ReadonlyMap',
  'ReadonlySet',
  'Iterable',
]);

/** Constructors of empty collections a module may keep rows in (`const pending = new Map()`). */
export const collectionConstructors: ReadonlySet<string> = new Set(['Array', 'Map', 'Set']);

/** Methods that write their arguments into the receiver (`rows.push(row)`, `queue.enqueue(job)`). */
export const collectionWriters: ReadonlySet<string> = new Set([
  'push',
  'unshift',
  'add',
  'set',
  'append',
  'enqueue',
  'write',
]);

/**
 * Methods of the standard library's values (arrays, maps, sets, strings, numbers, dates, JSON,
 * Math, console, promises, regular expressions) that make a call neither a link of the call graph
 * (a function of the project), a sink, a consent check nor a file write. Linking the call graph
 * does not ask the checker what `rows.reduce(…)` or `text.split(…)` is, which would type the
 * receiver of every such call in every function, when no project function, import, policy
 * mapping or other catalogue row has the name. The collection writers among them still make a
 * function that fills a module-level collection worth summarising.
 */
export const inertMethods: ReadonlySet<string> = new Set([
  ...elementMethods.map((method) => method.name),
  ...collectionWriters,
  ...['get', 'has', 'includes', 'delete', 'clear', 'keys', 'values', 'entries', 'at'],
  ...['slice', 'splice', 'concat', 'indexOf', 'lastIndexOf', 'findIndex', 'fill', 'reverse'],
  ...['shift', 'pop', 'flat', 'toReversed', 'with', 'join', 'split', 'trim', 'trimStart'],
  ...['trimEnd', 'padStart', 'padEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll'],
  ...['startsWith', 'endsWith', 'substring', 'charAt', 'charCodeAt', 'localeCompare', 'repeat'],
  ...['normalize', 'match', 'matchAll', 'test', 'exec', 'toString', 'toFixed', 'valueOf'],
  ...['toISOString', 'toJSON', 'getTime', 'getFullYear', 'stringify', 'parse', 'isArray'],
  ...['max', 'min', 'floor', 'ceil', 'round', 'abs', 'random', 'now', 'log', 'warn', 'error'],
  ...['info', 'debug', 'catch', 'finally', 'hasOwnProperty'],
]);

/** Membership tests of arrays and sets: `list.includes(item)`, `set.has(item)`. */
export const membershipMethods: ReadonlySet<string> = new Set(['includes', 'has']);

/** A Promise's continuation: its callback receives the resolved value. */
export const promiseContinuation = 'then';

/** The standard library's Promise type, by its declared name. */
export const promiseTypeName = 'Promise';

/** A standard-library combinator that resolves to its input's elements (`Promise.all`). */
export const promiseCombinator = 'all';

/**
 * A standard-library method of functions that calls the function it is called on: with `this`
 * and the arguments after it (`add.call(queue, row)`), with `this` and an array of the
 * arguments (`add.apply(queue, [row])`), or later, through the function it returns
 * (`add.bind(queue)`, then called with the rest).
 */
export interface FunctionInvoker {
  readonly name: string;
  /** The standard library's interfaces that declare it, by name. */
  readonly owners: readonly string[];
  /** The argument that becomes `this`. */
  readonly thisArgument: number;
  /** The first argument passed on to the function: it and those after it. */
  readonly passesFrom: number;
  /** The argument at `passesFrom` is an array of the arguments (`apply`). */
  readonly asArray?: true;
  /** It returns a function that calls later, with these arguments first. */
  readonly binds?: true;
}

const functionTypes = ['Function', 'CallableFunction', 'NewableFunction'];

/** `Function.prototype.call`, `apply` and `bind`: a call through them is the direct call. */
export const functionInvokers: readonly FunctionInvoker[] = [
  { name: 'call', owners: functionTypes, thisArgument: 0, passesFrom: 1 },
  { name: 'apply', owners: functionTypes, thisArgument: 0, passesFrom: 1, asArray: true },
  { name: 'bind', owners: functionTypes, thisArgument: 0, passesFrom: 1, binds: true },
];

/** The names of the invokers that call the function at once (`call`, `apply`). */
export const callingInvokerNames: ReadonlySet<string> = new Set(
  functionInvokers.filter((invoker) => !invoker.binds).map((invoker) => invoker.name),
);

/** The names of the invokers that return a bound function (`bind`). */
export const bindingInvokerNames: ReadonlySet<string> = new Set(
  functionInvokers.filter((invoker) => invoker.binds).map((invoker) => invoker.name),
);

/** The function invoker a standard-library method is, by its name and the interface declaring it. */
export function functionInvoker(
  name: string,
  owner: string | undefined,
): FunctionInvoker | undefined {
  if (owner === undefined) return undefined;
  return functionInvokers.find((entry) => entry.name === name && entry.owners.includes(owner));
}

/** Copies its other arguments' fields into its first one. */
export const objectAssign = { path: 'Object.assign', name: 'assign' } as const;

/** Event emitters: the method that emits and those that register a listener, by name. */
export const eventEmitter = {
  emit: 'emit',
  listen: new Set(['on', 'once', 'addListener', 'prependListener']),
} as const;

/**
 * Objects whose properties are the process's environment variables, as written (`process.env`):
 * a value read there is set by the deployment, not by the code.
 */
export const environmentObjects: ReadonlySet<string> = new Set([
  'process.env',
  'import.meta.env',
  'Bun.env',
]);

/** Fields that link a record to the subject it is about (`conversation.userId`). */
export const ownerFields: ReadonlySet<string> = new Set([
  'id',
  'user',
  'userId',
  'owner',
  'ownerId',
  'author',
  'authorId',
  'subject',
  'subjectId',
  'customer',
  'customerId',
  'account',
  'accountId',
]);

/** Fields of an object literal that give it the identity of the subject they name. */
export const recordIdFields: readonly string[] = ['id', 'userId'];

/** Fields that hold the subject's tier. */
export const tierFields: ReadonlySet<string> = new Set(['tier', 'plan', 'tierId', 'planId']);

/** Names of an id: `id`, `userId`, `user_id`. */
export const idName = /(^id$|Id$|_id$)/;
