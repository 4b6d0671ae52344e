import { ts } from 'ts-morph';
import { type FileMiddleware, webFrameworks } from '../catalogue/frameworks.js';
import type { Unit } from './units.js';

/**
 * The paths a file middleware runs for, as its `config` export lists them: undefined for every
 * path (no matcher), or the patterns as regular expressions; a pattern the analysis cannot read
 * (not a literal, or not a path pattern) makes the list unknown (null): it guards no route.
 */
export function middlewareMatchers(
  file: ts.SourceFile,
  config: FileMiddleware['config'],
): readonly RegExp[] | undefined | null {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !isExported(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== config.export) continue;
      const options = declaration.initializer && unwrap(declaration.initializer);
      if (!options || !ts.isObjectLiteralExpression(options)) return null;
      const matcher = propertyValue(options, config.matcher);
      if (matcher === undefined) return undefined;
      const entries = ts.isArrayLiteralExpression(matcher) ? [...matcher.elements] : [matcher];
      const patterns: RegExp[] = [];
      for (const entry of entries) {
        const value = unwrap(entry);
        const source = ts.isObjectLiteralExpression(value)
          ? propertyValue(value, config.source)
          : value;
        const pattern =
          source && ts.isStringLiteralLike(source) ? pathPattern(source.text) : undefined;
        if (!pattern) return null;
        patterns.push(pattern);
      }
      return patterns;
    }
  }
  return undefined;
}

/**
 * A matcher pattern as a regular expression over a path: `:name` is one segment, `:name*` any
 * number of them, `:name+` at least one, `:name?` one or none; a parenthesised group is a
 * regular expression of its own (`/((?!_next/static).*)`). Undefined when it is not one.
 */
export function pathPattern(pattern: string): RegExp | undefined {
  if (!pattern.startsWith('/')) return undefined;
  let source = '';
  let at = 0;
  while (at < pattern.length) {
    const parameter = /^\/:\w+([*+?]?)/.exec(pattern.slice(at));
    if (parameter) {
      const segment = '/[^/]+';
      source +=
        parameter[1] === '*'
          ? `(?:${segment})*`
          : parameter[1] === '+'
            ? `(?:${segment})+`
            : parameter[1] === '?'
              ? `(?:${segment})?`
              : segment;
      at += parameter[0].length;
      continue;
    }
    if (pattern[at] === '(') {
      let depth = 0;
      let end = at;
      for (; end < pattern.length; end++) {
        if (pattern[end] === '\\') end++;
        else if (pattern[end] === '(') depth++;
        else if (pattern[end] === ')' && --depth === 0) break;
      }
      if (depth !== 0) return undefined;
      source += pattern.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    source += pattern[at]!.replace(/[.*+?^${}|[\]\\]/g, '\\$&');
    at++;
  }
  try {
    return new RegExp(`^${source}/?$`);
  } catch {
    return undefined;
  }
}

/**
 * The paths a route handler file answers, from its folder under a routes root: a `(group)`
 * folder is not part of the path, a `[param]` or `[...param]` folder is one segment, and an
 * optional catch-all `[[...param]]` is one segment or none. Undefined when the file is not a
 * route handler file.
 */
export function routePaths(
  relativeFile: string,
  routes: FileMiddleware['routes'],
): readonly string[] | undefined {
  const parts = relativeFile.split('/');
  const name = parts.pop() ?? '';
  if (!routes.files.includes(name)) return undefined;
  const root = routes.roots.find((folder) => relativeFile.startsWith(`${folder}/`));
  if (root === undefined) return undefined;
  let paths = [''];
  for (const part of parts.slice(root.split('/').length)) {
    if (/^\(.*\)$/.test(part) || part.startsWith('@')) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(part)) {
      paths = [...paths, ...paths.map((path) => `${path}/segment`)];
    } else if (/^\[.+\]$/.test(part)) {
      paths = paths.map((path) => `${path}/segment`);
    } else {
      paths = paths.map((path) => `${path}/${part}`);
    }
  }
  return paths.map((path) => (path === '' ? '/' : path));
}

/**
 * File middleware that lets a request go on only when it allows some purposes guards the route
 * handlers of the paths its matcher covers: each starts with its request allowed.
 */
export function guardFileMiddlewareRoutes(
  units: readonly Unit[],
  relative: (fileName: string) => string,
  wrapsMiddleware: (call: ts.CallExpression) => boolean,
  guardEntry: (unit: Unit, param: number, purposes: readonly string[]) => void,
): void {
  for (const framework of webFrameworks) {
    const middleware = framework.fileMiddleware;
    if (!middleware) continue;
    for (const unit of units) {
      const purposes = unit.summary.continuesByReturnOnlyIf;
      if (!purposes || !isMiddlewareUnit(unit, middleware, relative, wrapsMiddleware)) continue;
      const matchers = middlewareMatchers(unit.file, middleware.config);
      if (matchers === null) continue;
      for (const route of units) {
        if (!middleware.routes.exports.includes(route.name) || !isExportedUnit(route)) continue;
        const paths = routePaths(relative(route.file.fileName), middleware.routes);
        if (!paths) continue;
        const covered = paths.every(
          (path) => matchers === undefined || matchers.some((matcher) => matcher.test(path)),
        );
        if (covered) guardEntry(route, 0, purposes);
      }
    }
  }
}

/**
 * The request handlers of file-based routing, each with the name of its request parameter: the
 * file middleware and the route handlers of every framework that has them. What they load from
 * the request they are handed (`currentUser(request)`, `getToken({ req: request })`) is the
 * request's subject, the user it comes from.
 */
export function fileRequestHandlers(
  units: readonly Unit[],
  relative: (fileName: string) => string,
  wrapsMiddleware: (call: ts.CallExpression) => boolean,
): Map<Unit, string> {
  const handlers = new Map<Unit, string>();
  for (const framework of webFrameworks) {
    const middleware = framework.fileMiddleware;
    if (!middleware) continue;
    for (const unit of units) {
      const file = relative(unit.file.fileName);
      const handles =
        isMiddlewareUnit(unit, middleware, relative, wrapsMiddleware) ||
        (isExportedUnit(unit) &&
          middleware.routes.exports.includes(unit.name) &&
          routePaths(file, middleware.routes) !== undefined);
      const request = unit.params[0]?.name;
      if (handles && request && ts.isIdentifier(request)) handlers.set(unit, request.text);
    }
  }
  return handlers;
}

/**
 * Whether a unit is its file's middleware, where the file is one the framework runs as its
 * middleware: the function exported under that file's middleware name (`middleware` in
 * `middleware.ts`, `proxy` in `proxy.ts`), or the one a wrapper of the catalogue is given where
 * the file exports what the wrapper makes, by default or under that name
 * (`export default auth((request) => …)`).
 */
function isMiddlewareUnit(
  unit: Unit,
  middleware: FileMiddleware,
  relative: (fileName: string) => string,
  wrapsMiddleware: (call: ts.CallExpression) => boolean,
): boolean {
  const file = relative(unit.file.fileName);
  const entry = middleware.entries.find((candidate) => candidate.files.includes(file));
  if (!entry) return false;
  if (unit.name === entry.export && isExportedUnit(unit)) return true;
  const node = unit.node;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  let holder = call.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder))) {
    holder = holder.parent;
  }
  const statement = holder?.parent?.parent;
  const exported =
    (holder !== undefined && ts.isExportAssignment(holder) && !holder.isExportEquals) ||
    (holder !== undefined &&
      ts.isVariableDeclaration(holder) &&
      ts.isIdentifier(holder.name) &&
      holder.name.text === entry.export &&
      statement !== undefined &&
      ts.isVariableStatement(statement) &&
      isExported(statement));
  return exported && wrapsMiddleware(call);
}

/** Whether a unit is a function its file exports by name (`export function POST`, `export const POST = …`). */
function isExportedUnit(unit: Unit): boolean {
  const node = unit.node;
  if (ts.isSourceFile(node) || unit.classNode || unit.inline) return false;
  if (ts.isFunctionDeclaration(node)) return isExported(node);
  const statement = node.parent?.parent?.parent;
  return (
    ts.isVariableDeclaration(node.parent) &&
    statement !== undefined &&
    ts.isVariableStatement(statement) &&
    isExported(statement)
  );
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

/** An expression without the parentheses, `as const` and `satisfies` around it. */
function unwrap(node: ts.Expression): ts.Expression {
  let inner = node;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

/** The value of a property of an object literal, by name. */
function propertyValue(
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.Expression | undefined {
  for (const property of object.properties) {
    if (
      ts.isPropertyAssignment(property) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      property.name.text === name
    ) {
      return unwrap(property.initializer);
    }
  }
  return undefined;
}
