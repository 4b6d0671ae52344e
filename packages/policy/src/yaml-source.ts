import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { Range, ReadResult, SourceProblem } from './source.js';
import { START_OF_FILE } from './source.js';

/** Above this many uses of one anchor, `yaml` refuses to expand aliases further. */
const MAX_ALIAS_COUNT = 50;
/** A policy expands to a few thousand values; a hundred thousand means an alias bomb. */
const MAX_EXPANDED_NODES = 100_000;

const NESTED_TOO_DEEPLY = 'the YAML is nested too deeply to be read';

type ParsedDocument = Document.Parsed;

/** Parses YAML policy text into a value, or returns every syntax problem in it. */
export function readYaml(text: string): ReadResult {
  // `logLevel: 'error'` so that the library never prints warnings; they are returned instead.
  const doc = parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: true,
    logLevel: 'error',
  });
  // Positions come from the text's own line breaks: the library's line counter misses the
  // breaks inside a token it could not parse, and would put a problem past the end of its line.
  const position = createLineIndex(text);
  const toRange = (start: number, end: number): Range => {
    const from = position(start);
    const to = position(Math.max(end, start));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };

  const syntax = [...doc.errors, ...doc.warnings].map((error) =>
    syntaxProblem(doc, error, toRange),
  );
  const tooDeep = syntax.find((problem) => problem.message === NESTED_TOO_DEEPLY);
  if (tooDeep !== undefined) return { ok: false, problems: [tooDeep] };
  if (syntax.length > 0) return { ok: false, problems: syntax };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null && root.range[0] === root.range[1])) {
    return {
      ok: false,
      problems: [
        {
          range: START_OF_FILE,
          message:
            'the policy file is empty: start it with "version: 1" and declare controller, tiers, subjects, categories and purposes',
        },
      ],
    };
  }
  if (!isMap(root) && !(isAlias(root) && isMap(root.resolve(doc)))) {
    return {
      ok: false,
      problems: [
        {
          range: toRange(root.range[0], root.range[1]),
          message: `the top level of a policy must be a mapping of keys to values (version, controller, tiers…), not ${describeNode(root)}`,
        },
      ],
    };
  }

  const shape = checkKeysAndAliases(doc, toRange);
  if (shape.length > 0) return { ok: false, problems: shape };

  const bomb = findAliasBomb(doc, toRange);
  if (bomb !== undefined) return { ok: false, problems: [bomb] };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      problems: [
        {
          range: nodeRange(mostRepeatedAlias(doc), toRange),
          message: `an anchor is expanded more than ${MAX_ALIAS_COUNT} times, which is how alias bombs work, so the file is rejected; write the values out instead`,
        },
      ],
    };
  }

  return {
    ok: true,
    reading: {
      value,
      locate: (segments) => locateInDocument(doc, segments, toRange),
    },
  };
}

function describeNode(node: Node): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'an empty value';
    return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${String(value)}`;
  }
  return 'an alias';
}

function syntaxProblem(
  doc: ParsedDocument,
  error: YAMLError,
  toRange: (start: number, end: number) => Range,
): SourceProblem {
  const range = toRange(error.pos[0], error.pos[1]);
  if (error.code === 'DUPLICATE_KEY') {
    const duplicate = findDuplicate(doc, error.pos[0]);
    if (duplicate !== undefined) {
      const first = toRange(duplicate.first, duplicate.first);
      return {
        range,
        message: `duplicate key "${duplicate.key}": it is already set at line ${first.line}, column ${first.column}; a key may appear only once in a mapping`,
      };
    }
  }
  if (error.code === 'MULTIPLE_DOCS') {
    return {
      range,
      message: 'a policy file holds one YAML document; remove the second "---" and what follows',
    };
  }
  // `prettyErrors` appends the position and a source excerpt; the problem carries both already.
  const text = error.message.replace(/ at line \d+, column \d+:?\n[\s\S]*$/, '');
  if (text.includes('Maximum call stack size exceeded')) {
    return { range, message: NESTED_TOO_DEEPLY };
  }
  return { range, message: `invalid YAML: ${text}` };
}

function findDuplicate(
  doc: ParsedDocument,
  offset: number,
): { key: string; first: number } | undefined {
  let found: { key: string; first: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        const start = pair.key.range?.[0] ?? 0;
        const first = seen.get(key);
        if (first !== undefined && start === offset) {
          found = { key: String(key), first };
          return visit.BREAK;
        }
        if (first === undefined) seen.set(key, start);
      }
      return undefined;
    },
  });
  return found;
}

/** The alias past the limit of the anchor that aliases repeat the most, for placing the error. */
function mostRepeatedAlias(doc: ParsedDocument): Alias | undefined {
  const uses = new Map<unknown, Alias[]>();
  visit(doc, {
    Alias(_, node) {
      const source = node.resolve(doc);
      const list = uses.get(source) ?? [];
      list.push(node);
      uses.set(source, list);
    },
  });
  let most: Alias[] = [];
  for (const list of uses.values()) if (list.length > most.length) most = list;
  return most[Math.min(MAX_ALIAS_COUNT, most.length - 1)];
}

/** Keys must be plain scalars and every alias must name an anchor set before it. */
function checkKeysAndAliases(
  doc: ParsedDocument,
  toRange: (start: number, end: number) => Range,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        problems.push({
          range: nodeRange(pair.key as { range?: readonly number[] }, toRange),
          message:
            'a key must be a plain value such as a name or an id, not a list, a mapping or an alias',
        });
      }
    },
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        problems.push({
          range: nodeRange(alias, toRange),
          message: `alias *${alias.source} names no anchor: set "&${alias.source}" on a value before this alias`,
        });
      }
    },
  });
  return problems;
}

/**
 * Counts the values the document expands to with every alias replaced by its anchor's value, and
 * returns a problem at the alias that expands the most when the total is absurd or cyclic.
 */
function findAliasBomb(
  doc: ParsedDocument,
  toRange: (start: number, end: number) => Range,
): SourceProblem | undefined {
  const sizes = new Map<unknown, number>();
  const active = new Set<unknown>();
  let cycle: Alias | undefined;
  let largest: { alias: Alias; size: number } | undefined;

  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (active.has(node)) return Number.POSITIVE_INFINITY;
    active.add(node);
    let size = 1;
    if (isAlias(node)) {
      size = sizeOf(node.resolve(doc));
      if (size === Number.POSITIVE_INFINITY) cycle ??= node;
      if (largest === undefined || size > largest.size) largest = { alias: node, size };
    } else if (isPair(node)) {
      size = sizeOf(node.key) + sizeOf(node.value);
    } else if (isCollection(node)) {
      for (const item of node.items) size += sizeOf(item);
    }
    active.delete(node);
    sizes.set(node, size);
    return size;
  };

  const total = sizeOf(doc.contents);
  if (cycle !== undefined) {
    const alias: Alias = cycle;
    return {
      range: nodeRange(alias, toRange),
      message: `alias *${alias.source} refers to the value that contains it; a policy cannot be circular`,
    };
  }
  if (total > MAX_EXPANDED_NODES && largest !== undefined) {
    const alias = largest.alias;
    return {
      range: nodeRange(alias, toRange),
      message: `the aliases in this file expand to more than ${MAX_EXPANDED_NODES} values (alias *${alias.source} alone to ${largest.size}): this is an alias bomb, so the file is rejected`,
    };
  }
  return undefined;
}

function locateInDocument(
  doc: ParsedDocument,
  segments: readonly string[],
  toRange: (start: number, end: number) => Range,
): Range | undefined {
  let node: unknown = doc.contents;
  if (!isNodeWithRange(node)) return undefined;
  let range = toRange(node.range[0], node.range[1]);
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (pair === undefined || !isScalar(pair.key) || !pair.key.range) return undefined;
      range = toRange(pair.key.range[0], pair.key.range[1]);
      node = pair.value;
    } else if (isSeq(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      const item: unknown = node.items[Number(segment)];
      if (!isNodeWithRange(item)) return undefined;
      range = toRange(item.range[0], item.range[1]);
      node = item;
    } else {
      return undefined;
    }
  }
  return range;
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return (
    (isScalar(node) || isCollection(node) || isAlias(node)) &&
    Array.isArray((node as { range?: unknown }).range)
  );
}

function nodeRange(
  node: { range?: readonly number[] | null | undefined } | undefined,
  toRange: (start: number, end: number) => Range,
): Range {
  const range = node?.range;
  return range ? toRange(range[0] ?? 0, range[1] ?? 0) : START_OF_FILE;
}

/** Maps an offset in `text` to its 1-based line and column; `\r\n`, `\r` and `\n` end lines. */
function createLineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: at - starts[low]! + 1 };
  };
}
