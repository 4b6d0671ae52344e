import { ts } from 'ts-morph';
import { UsageError } from '../errors.js';

/**
 * How far the code analysis goes before it stops and reports `analysis-incomplete`: each limit
 * can be raised with `--limit <name>=<value>`.
 */
export interface AnalysisLimits {
  /** Bytes of one source file; larger files are not analysed (generated bundles, data). */
  readonly 'file-bytes': number;
  /** Levels of syntax nesting (brackets, expressions, statements) analysed in one file. */
  readonly depth: number;
  /** Evaluation steps spent on one function. */
  readonly steps: number;
  /** Closures evaluated inside one another at their call sites. */
  readonly 'closure-depth': number;
  /**
   * Rounds of evaluation of the whole program: each carries a change one hop back against the
   * callees-first order (a file, field or event read by a function evaluated before its writer).
   */
  readonly rounds: number;
}

/** The name of one limit, as `--limit` takes it. */
export type LimitName = keyof AnalysisLimits;

/**
 * The default limits. The nesting depth stays well inside what the TypeScript parser and the
 * analysis handle on Node's default stack, so the same code gives the same report everywhere.
 */
export const DEFAULT_LIMITS: AnalysisLimits = {
  'file-bytes': 1_000_000,
  depth: 400,
  steps: 200_000,
  'closure-depth': 6,
  rounds: 12,
};

/** The limit names, sorted. */
export const LIMIT_NAMES: readonly LimitName[] = Object.keys(DEFAULT_LIMITS).sort() as LimitName[];

/** Whether `name` is the name of a limit. */
export function isLimitName(name: string): name is LimitName {
  return (LIMIT_NAMES as readonly string[]).includes(name);
}

/**
 * Reads limit settings written `NAME=VALUE` (as `--limit` and the Action's `limits` input take
 * them). A bad name or value is a `UsageError` whose message starts with `label`.
 */
export function parseLimitSettings(
  settings: readonly string[],
  label: string,
): Partial<AnalysisLimits> {
  const limits: Partial<Record<LimitName, number>> = {};
  for (const text of settings) {
    const [name = '', value = ''] = text.split('=', 2);
    if (!isLimitName(name)) {
      throw new UsageError(
        `${label} takes NAME=VALUE with NAME one of ${LIMIT_NAMES.join(', ')}, not "${text}"`,
      );
    }
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw new UsageError(`${label} ${name} takes a whole number of at least 1, not "${value}"`);
    }
    limits[name] = number;
  }
  return limits;
}

/** A limit stopped the analysis of a function, at `node` when it is known. */
export class AnalysisLimitError extends Error {
  override readonly name = 'AnalysisLimitError';
  constructor(
    readonly limit: LimitName,
    readonly value: number,
    readonly reason: string,
    readonly node?: ts.Node,
  ) {
    super(`${reason} (limit ${limit}=${value})`);
  }
}

/** Parts of one function (or top-level statement) that were not analysed, by offset. */
export interface CutRange {
  /** Where the first part starts. */
  readonly start: number;
  /** How many parts of the function were left out. */
  readonly parts: number;
  readonly reason: string;
  readonly limit: LimitName;
  readonly value: number;
}

/** A parsed source file with the parts too deeply nested to analyse blanked out. */
export interface LimitedSource {
  readonly file: ts.SourceFile;
  readonly cuts: readonly CutRange[];
}

/**
 * Parses `text` so that nothing in the tree nests deeper than `depth`: brackets past the limit
 * are blanked before parsing (the parser recurses on them), and subtrees past it after parsing
 * (every walk of the tree then stays shallow). Offsets do not move: blanks keep line breaks.
 * The parts left out are reported once per outermost function (or top-level statement).
 * Without `parents`, the tree has no parent links (a program's binder sets them).
 */
export function parseWithinDepth(
  fileName: string,
  text: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
  depth: number,
  parents = true,
): LimitedSource {
  // JavaScript files may hold JSX; TypeScript files only when named .tsx.
  const variant = /\.(?:[cm]?[jt]sx|[cm]?js)$/.test(fileName)
    ? ts.LanguageVariant.JSX
    : ts.LanguageVariant.Standard;
  const brackets = mayNestDeeperThan(text, depth / 2) ? deepBrackets(text, depth, variant) : [];
  let current = blank(text, brackets);
  let file = ts.createSourceFile(fileName, current, languageVersion, parents);
  // Where to cut is found by climbing parent links: a tree that needs cuts is given them.
  const deep = parents || nestsDeeperThan(file, depth);
  if (deep && !parents) file = ts.createSourceFile(fileName, current, languageVersion, true);
  const subtrees = deep ? deepSubtrees(file, depth) : [];
  if (subtrees.length > 0) {
    current = blank(current, subtrees);
    file = ts.createSourceFile(fileName, current, languageVersion, parents);
  }
  const starts = [
    ...brackets.map((range) => range.start - 1),
    ...subtrees.map((range) => range.start),
  ];
  const groups = new Map<number, { start: number; parts: number }>();
  for (const start of starts.sort((a, b) => a - b)) {
    const key = outermostFunctionAt(file, start);
    const group = groups.get(key);
    if (group) group.parts += 1;
    else groups.set(key, { start, parts: 1 });
  }
  const cuts = [...groups.values()].map((group) => ({
    ...group,
    reason: `it nests more than ${depth} levels deep`,
    limit: 'depth' as const,
    value: depth,
  }));
  return { file, cuts: cuts.sort((a, b) => a.start - b.start) };
}

/**
 * The start of the outermost function around `position` (a top-level function, a class's
 * method), or of the top-level statement when no function holds it; found without recursion.
 */
function outermostFunctionAt(file: ts.SourceFile, position: number): number {
  let node: ts.Node = file;
  let statement: ts.Node | undefined;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (next === undefined && child.pos <= position && position < child.end) next = child;
    });
    if (next === undefined) break;
    if (ts.isFunctionLike(next)) return next.pos;
    statement ??= next;
    node = next;
  }
  return statement?.pos ?? -1;
}

/** A range of text to blank, and the one character that stands in for it (or none). */
interface Blank {
  readonly start: number;
  readonly end: number;
  readonly placeholder: string;
}

/** Replaces each range with its placeholder and spaces, keeping line breaks where they were. */
function blank(text: string, ranges: readonly Blank[]): string {
  if (ranges.length === 0) return text;
  let result = '';
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < at) continue;
    const inside = text.slice(range.start, range.end).replace(/[^\r\n]/g, ' ');
    result +=
      text.slice(at, range.start) + range.placeholder + inside.slice(range.placeholder.length);
    at = range.end;
  }
  return result + text.slice(at);
}

/**
 * The insides of brackets opened past `depth` levels, found with TypeScript's scanner (which
 * does not recurse): `(` and `[` keep a `0` so the expression stays one, `{` becomes empty.
 */
function deepBrackets(text: string, depth: number, variant: ts.LanguageVariant): Blank[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  const open: ts.SyntaxKind[] = [];
  const found: Blank[] = [];
  let cut: { start: number; level: number; kind: ts.SyntaxKind } | undefined;
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) &&
      !endsOperand(previous)
    ) {
      token = scanner.reScanSlashToken();
    } else if (
      token === ts.SyntaxKind.CloseBraceToken &&
      open.at(-1) === ts.SyntaxKind.TemplateHead
    ) {
      token = scanner.reScanTemplateToken(false);
    }
    if (
      token === ts.SyntaxKind.OpenParenToken ||
      token === ts.SyntaxKind.OpenBracketToken ||
      token === ts.SyntaxKind.OpenBraceToken ||
      token === ts.SyntaxKind.TemplateHead
    ) {
      open.push(token);
      if (cut === undefined && open.length > depth && token !== ts.SyntaxKind.TemplateHead) {
        cut = { start: scanner.getTokenEnd(), level: open.length - 1, kind: token };
      }
    } else if (
      token === ts.SyntaxKind.CloseParenToken ||
      token === ts.SyntaxKind.CloseBracketToken ||
      token === ts.SyntaxKind.CloseBraceToken ||
      token === ts.SyntaxKind.TemplateTail
    ) {
      open.pop();
      if (cut !== undefined && open.length === cut.level) {
        found.push(bracketBlank(cut, scanner.getTokenStart()));
        cut = undefined;
      }
    }
    previous = token;
  }
  if (cut !== undefined) found.push(bracketBlank(cut, text.length));
  return found;
}

function bracketBlank(cut: { start: number; kind: ts.SyntaxKind }, end: number): Blank {
  return {
    start: cut.start,
    end,
    placeholder: cut.kind === ts.SyntaxKind.OpenBraceToken || end === cut.start ? '' : '0',
  };
}

/**
 * A quick test before the scanner: whether brackets, outside strings and comments, may nest
 * deeper than `depth` (regular expressions are not told apart, which only errs by a few levels;
 * the caller leaves a wide margin, and a parser that still runs out of stack is reported).
 */
export function mayNestDeeperThan(text: string, depth: number): boolean {
  let level = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 || code === 91 || code === 123) {
      if (++level > depth) return true;
    } else if (code === 41 || code === 93 || code === 125) {
      level--;
    } else if (code === 34 || code === 39 || code === 96) {
      // A string or template: skip to its end (template substitutions count as text here).
      for (index++; index < text.length && text.charCodeAt(index) !== code; index++) {
        if (text.charCodeAt(index) === 92) index++;
        else if (code !== 96 && text.charCodeAt(index) === 10) break;
      }
    } else if (code === 47 && text.charCodeAt(index + 1) === 47) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (code === 47 && text.charCodeAt(index + 1) === 42) {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    }
  }
  return false;
}

/** Whether a `/` after this token divides (after an operand) rather than opens a regex. */
function endsOperand(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.Identifier ||
    token === ts.SyntaxKind.NumericLiteral ||
    token === ts.SyntaxKind.BigIntLiteral ||
    token === ts.SyntaxKind.StringLiteral ||
    token === ts.SyntaxKind.RegularExpressionLiteral ||
    token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    token === ts.SyntaxKind.TemplateTail ||
    token === ts.SyntaxKind.CloseParenToken ||
    token === ts.SyntaxKind.CloseBracketToken ||
    token === ts.SyntaxKind.CloseBraceToken ||
    token === ts.SyntaxKind.ThisKeyword ||
    token === ts.SyntaxKind.SuperKeyword ||
    token === ts.SyntaxKind.TrueKeyword ||
    token === ts.SyntaxKind.FalseKeyword ||
    token === ts.SyntaxKind.NullKeyword ||
    token === ts.SyntaxKind.PlusPlusToken ||
    token === ts.SyntaxKind.MinusMinusToken
  );
}

/**
 * The outermost subtrees that reach deeper than `depth` (long `+` chains, `else if` ladders),
 * found without recursion; each is widened to a whole expression or statement, which a `0` or
 * a `;` (or `{}` for a body) can stand in for.
 */
/**
 * Calls `found` with each node more than `depth` levels down, outermost first, until it returns
 * true. Recursion is safe here: it never goes more than `depth` levels down. Each level of a tree
 * takes at least one character of every two, so a subtree shorter than half of the levels left
 * cannot reach the limit and is not walked (most statements are).
 */
function visitTooDeep(
  file: ts.SourceFile,
  depth: number,
  found: (node: ts.Node) => boolean,
): boolean {
  const visit = (node: ts.Node, level: number): true | undefined => {
    if (level + 2 * (node.end - node.pos) + 2 <= depth) return undefined;
    if (level > depth) return found(node) || undefined;
    return ts.forEachChild(node, (child) => visit(child, level + 1));
  };
  return visit(file, 0) === true;
}

/** Whether some subtree of the file goes more than `depth` levels down. */
function nestsDeeperThan(file: ts.SourceFile, depth: number): boolean {
  return visitTooDeep(file, depth, () => true);
}

function deepSubtrees(file: ts.SourceFile, depth: number): Blank[] {
  const found: Blank[] = [];
  visitTooDeep(file, depth, (node) => {
    const blankable = blankableAncestor(node);
    const start = blankable.node.getStart(file);
    found.push({ start, end: blankable.node.end, placeholder: blankable.placeholder });
    return false;
  });
  // A later cut may widen to an ancestor of an earlier one: keep the outermost.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const outermost: Blank[] = [];
  for (const range of found) {
    const last = outermost.at(-1);
    if (last && range.start < last.end) {
      if (range.end > last.end) outermost[outermost.length - 1] = { ...last, end: range.end };
      continue;
    }
    outermost.push(range);
  }
  return outermost;
}

/** The nearest ancestor (or the node) that can be replaced by a one-character stand-in. */
function blankableAncestor(start: ts.Node): { node: ts.Node; placeholder: string } {
  for (let node: ts.Node = start; node.parent !== undefined; node = node.parent) {
    const parent = node.parent;
    if (isBlankableExpression(node) && (parent as { name?: ts.Node }).name !== node) {
      return { node, placeholder: '0' };
    }
    if (
      ts.isBlock(node) &&
      (ts.isFunctionLike(parent) || ts.isTryStatement(parent) || ts.isCatchClause(parent))
    ) {
      return { node, placeholder: '{}' };
    }
    if (
      (ts.isStatement(node) || ts.isClassElement(node)) &&
      (ts.isBlock(parent) ||
        ts.isSourceFile(parent) ||
        ts.isModuleBlock(parent) ||
        ts.isCaseOrDefaultClause(parent) ||
        ts.isClassLike(parent) ||
        ts.isIfStatement(parent) ||
        ts.isIterationStatement(parent, false) ||
        ts.isLabeledStatement(parent))
    ) {
      return { node, placeholder: ';' };
    }
  }
  return { node: start, placeholder: '' };
}

function isBlankableExpression(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.BinaryExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ConditionalExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TaggedTemplateExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.ClassExpression:
      return !ts.isDecorator(node.parent) && !ts.isExpressionWithTypeArguments(node.parent);
    default:
      return false;
  }
}

/**
 * Counts one function's evaluation against the limits: steps taken, and how deeply statements
 * and expressions are being evaluated inside one another (closures evaluated at their calls
 * included), so the evaluation stops with a finding before Node's stack would.
 */
export class EvaluationBudget {
  readonly limits: AnalysisLimits;
  #steps = 0;
  #nesting = 0;

  constructor(limits: AnalysisLimits = DEFAULT_LIMITS) {
    this.limits = limits;
  }

  /** One more step, one level deeper, at `node`; throws `AnalysisLimitError` past a limit. */
  enter(node: ts.Node): void {
    if (++this.#steps > this.limits.steps) {
      throw new AnalysisLimitError(
        'steps',
        this.limits.steps,
        `its evaluation takes more than ${this.limits.steps} steps`,
      );
    }
    if (++this.#nesting > this.limits.depth) {
      throw new AnalysisLimitError(
        'depth',
        this.limits.depth,
        `the code is evaluated more than ${this.limits.depth} levels deep here`,
        node,
      );
    }
  }

  /** Back one level, after `enter`. */
  leave(): void {
    this.#nesting--;
  }

  /** Whether a closure called at closure depth `depth` is past the `closure-depth` limit. */
  closureTooDeep(depth: number): boolean {
    return depth >= this.limits['closure-depth'];
  }
}
