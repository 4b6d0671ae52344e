import { ts } from './chunk-ENMR6OK3.js';
import { UsageError } from './chunk-F76QMANB.js';

// src/code/limits.ts
var DEFAULT_LIMITS = {
  'file-bytes': 1e6,
  depth: 400,
  steps: 2e5,
  'closure-depth': 6,
  rounds: 12,
};
var LIMIT_NAMES = Object.keys(DEFAULT_LIMITS).sort();
function isLimitName(name) {
  return LIMIT_NAMES.includes(name);
}
function parseLimitSettings(settings, label) {
  const limits = {};
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
var AnalysisLimitError = class extends Error {
  constructor(limit, value, reason, node) {
    super(`${reason} (limit ${limit}=${value})`);
    this.limit = limit;
    this.value = value;
    this.reason = reason;
    this.node = node;
  }
  name = 'AnalysisLimitError';
};
function parseWithinDepth(fileName, text, languageVersion, depth, parents = true) {
  const variant = /\.(?:[cm]?[jt]sx|[cm]?js)$/.test(fileName)
    ? ts.LanguageVariant.JSX
    : ts.LanguageVariant.Standard;
  const brackets = mayNestDeeperThan(text, depth / 2) ? deepBrackets(text, depth, variant) : [];
  let current = blank(text, brackets);
  let file = ts.createSourceFile(fileName, current, languageVersion, parents);
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
  const groups = /* @__PURE__ */ new Map();
  for (const start of starts.sort((a, b) => a - b)) {
    const key = outermostFunctionAt(file, start);
    const group = groups.get(key);
    if (group) group.parts += 1;
    else groups.set(key, { start, parts: 1 });
  }
  const cuts = [...groups.values()].map((group) => ({
    ...group,
    reason: `it nests more than ${depth} levels deep`,
    limit: 'depth',
    value: depth,
  }));
  return { file, cuts: cuts.sort((a, b) => a.start - b.start) };
}
function outermostFunctionAt(file, position) {
  let node = file;
  let statement;
  for (;;) {
    let next;
    ts.forEachChild(node, (child) => {
      if (next === void 0 && child.pos <= position && position < child.end) next = child;
    });
    if (next === void 0) break;
    if (ts.isFunctionLike(next)) return next.pos;
    statement ??= next;
    node = next;
  }
  return statement?.pos ?? -1;
}
function blank(text, ranges) {
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
function deepBrackets(text, depth, variant) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  const open = [];
  const found = [];
  let cut;
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
      if (cut === void 0 && open.length > depth && token !== ts.SyntaxKind.TemplateHead) {
        cut = { start: scanner.getTokenEnd(), level: open.length - 1, kind: token };
      }
    } else if (
      token === ts.SyntaxKind.CloseParenToken ||
      token === ts.SyntaxKind.CloseBracketToken ||
      token === ts.SyntaxKind.CloseBraceToken ||
      token === ts.SyntaxKind.TemplateTail
    ) {
      open.pop();
      if (cut !== void 0 && open.length === cut.level) {
        found.push(bracketBlank(cut, scanner.getTokenStart()));
        cut = void 0;
      }
    }
    previous = token;
  }
  if (cut !== void 0) found.push(bracketBlank(cut, text.length));
  return found;
}
function bracketBlank(cut, end) {
  return {
    start: cut.start,
    end,
    placeholder: cut.kind === ts.SyntaxKind.OpenBraceToken || end === cut.start ? '' : '0',
  };
}
function mayNestDeeperThan(text, depth) {
  let level = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 || code === 91 || code === 123) {
      if (++level > depth) return true;
    } else if (code === 41 || code === 93 || code === 125) {
      level--;
    } else if (code === 34 || code === 39 || code === 96) {
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
function endsOperand(token) {
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
function visitTooDeep(file, depth, found) {
  const visit = (node, level) => {
    if (level + 2 * (node.end - node.pos) + 2 <= depth) return void 0;
    if (level > depth) return found(node) || void 0;
    return ts.forEachChild(node, (child) => visit(child, level + 1));
  };
  return visit(file, 0) === true;
}
function nestsDeeperThan(file, depth) {
  return visitTooDeep(file, depth, () => true);
}
function deepSubtrees(file, depth) {
  const found = [];
  visitTooDeep(file, depth, (node) => {
    const blankable = blankableAncestor(node);
    const start = blankable.node.getStart(file);
    found.push({ start, end: blankable.node.end, placeholder: blankable.placeholder });
    return false;
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const outermost = [];
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
function blankableAncestor(start) {
  for (let node = start; node.parent !== void 0; node = node.parent) {
    const parent = node.parent;
    if (isBlankableExpression(node) && parent.name !== node) {
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
function isBlankableExpression(node) {
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
var EvaluationBudget = class {
  limits;
  #steps = 0;
  #nesting = 0;
  constructor(limits = DEFAULT_LIMITS) {
    this.limits = limits;
  }
  /** One more step, one level deeper, at `node`; throws `AnalysisLimitError` past a limit. */
  enter(node) {
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
  leave() {
    this.#nesting--;
  }
  /** Whether a closure called at closure depth `depth` is past the `closure-depth` limit. */
  closureTooDeep(depth) {
    return depth >= this.limits['closure-depth'];
  }
};

export {
  AnalysisLimitError,
  DEFAULT_LIMITS,
  EvaluationBudget,
  LIMIT_NAMES,
  mayNestDeeperThan,
  parseLimitSettings,
  parseWithinDepth,
};
//# sourceMappingURL=chunk-OKVXSYHK.js.map
