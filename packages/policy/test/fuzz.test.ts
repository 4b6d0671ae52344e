import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Document, isMap, isSeq, parseDocument } from 'yaml';
import { ConfigError, type LoadedPolicy, parsePolicy } from '../src/index.js';

// Seeded fuzzing of the loader: mutated copies of real policies must each load or be rejected
// with every problem at a real file:line:column, never crash, hang or throw anything else.

const SEED = 0x14_c0_45e7;
const YAML_MUTANTS = 1_000;
const TYPESCRIPT_MUTANTS = 150;

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');
const YAML_SEEDS = [
  read('../../../examples/chat-assistant/consentry.yaml'),
  read('./fixtures/valid/consentry.yaml'),
];
const TYPESCRIPT_SEEDS = [
  read('../../../examples/chat-assistant/consentry.policy.ts'),
  read('./fixtures/valid/consentry.policy.ts'),
];

/** mulberry32: a small, fast, seeded generator, so every run tries the same inputs. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

/** Fragments that break YAML, TypeScript or the schema in interesting ways. */
const FRAGMENTS = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  ':',
  ': ',
  '- ',
  '-',
  '#',
  '"',
  "'",
  '`',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ';',
  '&anchor ',
  '*anchor',
  '!!binary ',
  '!tag ',
  '<<: ',
  '? ',
  '|',
  '>',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  'null',
  '~',
  'true',
  'no',
  '0x1F',
  '1e999',
  '-0',
  'NaN',
  '.inf',
  '2025-13-45',
  'P3Y',
  'P-1D',
  'model-training',
  'free',
  '__proto__',
  'constructor',
  '\u0000',
  '\u001b[2J',
  '\u202e',
  '\ufeff',
  '\ud800',
  'é',
  '😀',
  '$' + '{x}',
  'export ',
  'definePolicy(',
  'as const',
  '=>',
  '...',
  '/*',
  '*/',
  '//',
  'import x from "y";',
  'new Date()',
  '\\',
];

/** One random edit of the text: a deletion, a duplication, an insertion, a swap or a truncation. */
function mutateText(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  const length = 1 + random.int(40);
  switch (random.int(6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + length);
    case 1:
      return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
    case 2:
      return text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at);
    case 3: {
      const lines = text.split('\n');
      const a = random.int(lines.length);
      const b = random.int(lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 4: {
      // Indentation is structure in YAML.
      const lines = text.split('\n');
      const line = random.int(lines.length);
      lines[line] = random.next() < 0.5 ? `  ${lines[line]}` : lines[line]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    default:
      return text.slice(0, at);
  }
}

/** Values of the wrong type, shape or range for whatever field they replace. */
const VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e21,
  '',
  'x'.repeat(300),
  'Not An Id',
  'free',
  [],
  [null],
  {},
  { a: 1 },
  ['model-training', 'model-training'],
  'P1Y',
  'forever',
  '2020-02-30',
];

/** One random edit of the parsed YAML tree: a value replaced, a key removed or an unknown one added. */
function mutateTree(text: string, random: Random): string {
  const document = parseDocument(text);
  if (document.errors.length > 0) return mutateText(text, random);
  const containers: unknown[] = [];
  const collect = (node: unknown, depth: number) => {
    if (depth > 12) return;
    if (isMap(node) || isSeq(node)) {
      containers.push(node);
      for (const item of node.items)
        collect(isMap(node) ? (item as { value: unknown }).value : item, depth + 1);
    }
  };
  collect(document.contents, 0);
  const target = random.pick(containers) as { items: unknown[] } | undefined;
  if (!target || target.items.length === 0) return mutateText(text, random);
  const index = random.int(target.items.length);
  const value = random.pick(VALUES);
  const node = (document as Document).createNode(value);
  if (isMap(target)) {
    const pair = target.items[index] as { key: unknown; value: unknown };
    const choice = random.int(3);
    if (choice === 0) pair.value = node;
    else if (choice === 1) target.items.splice(index, 1);
    else
      target.items.push(
        document.createPair(random.pick(['unknown', 'tiers', 'legalBasis', '']), node),
      );
  } else if (isSeq(target)) {
    if (random.next() < 0.5) target.items[index] = node;
    else target.items.splice(index, 1);
  }
  return document.toString();
}

/** Loads a mutant; returns what happened, failing the test on anything but a located rejection. */
function load(text: string, file: string, label: string): LoadedPolicy | ConfigError {
  try {
    return parsePolicy(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw new Error(`${label}: the loader threw ${String(error)} instead of a located error`);
    }
    const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
    for (const problem of error.problems) {
      const where = `${label}: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
      expect(problem.file, where).toBe(file);
      expect(Number.isInteger(problem.line) && problem.line >= 1, where).toBe(true);
      expect(problem.line, where).toBeLessThanOrEqual(lines.length + 1);
      expect(Number.isInteger(problem.column) && problem.column >= 1, where).toBe(true);
      expect(problem.column, where).toBeLessThanOrEqual((lines[problem.line - 1]?.length ?? 0) + 2);
      expect(problem.message.trim(), where).not.toBe('');
    }
    return error;
  }
}

describe('the policy loader, fuzzed', { timeout: 180_000 }, () => {
  it(`rejects each of ${YAML_MUTANTS} mutated YAML policies at a file:line:column, or loads it`, () => {
    const random = generator(SEED);
    let rejected = 0;
    for (let index = 0; index < YAML_MUTANTS; index++) {
      let text = random.pick(YAML_SEEDS);
      for (let edits = 1 + random.int(3); edits > 0; edits--) {
        text = random.next() < 0.5 ? mutateText(text, random) : mutateTree(text, random);
      }
      if (
        load(text, 'consentry.yaml', `YAML mutant ${index} (seed ${SEED})`) instanceof ConfigError
      ) {
        rejected += 1;
      }
    }
    // The mutations mostly break the policy: the test exercises the rejections, not only loading.
    expect(rejected).toBeGreaterThan(YAML_MUTANTS / 2);
  });

  it(`rejects each of ${TYPESCRIPT_MUTANTS} mutated TypeScript policies at a file:line:column, or loads it`, () => {
    const random = generator(SEED + 1);
    let rejected = 0;
    for (let index = 0; index < TYPESCRIPT_MUTANTS; index++) {
      let text = random.pick(TYPESCRIPT_SEEDS);
      for (let edits = 1 + random.int(3); edits > 0; edits--) text = mutateText(text, random);
      if (
        load(
          text,
          'consentry.policy.ts',
          `TypeScript mutant ${index} (seed ${SEED + 1})`,
        ) instanceof ConfigError
      ) {
        rejected += 1;
      }
    }
    expect(rejected).toBeGreaterThan(TYPESCRIPT_MUTANTS / 2);
  });
});
