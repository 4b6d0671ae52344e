import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ConsentryPolicy } from '@consentry/sdk';
import { ts } from 'ts-morph';
import { policyEntries } from '../catalogue/entry.js';
import { catalogueSinkModules, frameworkFiles } from '../catalogue/names.js';
import { isExistingAsset } from '../code/diagnostics.js';
import { implementedTypeOf, mayImplement } from '../code/implementers.js';
import { mayNestDeeperThan } from '../code/limits.js';
import { moduleMatcher, startsFlow } from '../code/reach.js';
import { scriptKindOf } from '../code/source-files.js';
import { closure, type ModuleGraph } from './module-graph.js';

/** What a full scan reads in place of the files it need not bind, and what they held. */
export interface StandIns {
  /** Each such file (absolute) and its stand-in: its module-loading statements, nothing else. */
  readonly files: ReadonlyMap<string, string>;
  /** The functions the files left out hold, so the report counts what a full program would. */
  readonly functions: number;
}

/** What the decision needs besides the module graph. */
export interface StandInContext {
  readonly root: string;
  /** The policy file (absolute): its `code` modules are named relative to it. */
  readonly policyFile: string;
  readonly code: ConsentryPolicy['code'];
  /** The analysis's limits: a file that may nest past the depth limit is always bound. */
  readonly maxBytes: number;
  readonly depth: number;
  /** Reads a file (absolute path): the run's texts, already read to hash and graph them. */
  readonly readText?: (path: string) => string | undefined;
}

/**
 * For a full scan whose module facts are all known (a warm cache), the project files that need
 * not be bound, each with its stand-in: the file's import and re-export statements as written
 * and `export {}`. The program then loads the same files in the same order, so the bound files
 * see the same declarations, and the checker and the engine do no work on the rest.
 *
 * A file is bound when its functions may reach a sink (as `filesThatMayReach` decides it: it
 * imports a sink, file or consent module, is a policy sink or guard module, declares a
 * module-level collection, calls an event emitter, names a project global, is JavaScript or
 * imports dynamically; or it imports or declares a class implementing something from such a
 * file), when the analysis reports on it or gives it a role without an import (a syntax error,
 * an import that may not resolve to a module, a possible depth cut, a framework file by path, a
 * module any policy mapping names, a script, `declare global`, a JSX pragma), or when a bound
 * file imports it. What is left holds no function a relevant function can call, refer to or
 * dispatch to, so none of its functions is ever linked or summarised: leaving their bodies out
 * changes no finding. Undefined when the project defeats the argument or nothing can be left
 * out: a module declaration, a module loaded by an expression (`import(name)`), a policy sink or
 * guard in a package (which may re-export it from another), or a class in a file that may reach
 * a sink whose base or interfaces the module facts cannot trace. With `within` (a pull request's slice, relative paths), only files of
 * it are stand-ins: a file that cannot matter to the whole program cannot matter to a part of it.
 * `docs/performance.md` ("A full scan with a warm cache") has the
 * argument; the engine checks the stand-ins' imports and the policy's mappings once the program
 * is built, and analyses the whole program when either could differ.
 */
export function standIns(
  graph: ModuleGraph,
  context: StandInContext,
  within?: ReadonlySet<string>,
): StandIns | undefined {
  // A slice holds everything its files import, and whatever implements what they declare: what
  // may reach a sink from one of its files is decided inside it.
  const files = within === undefined ? graph.files : graph.files.filter((file) => within.has(file));
  const readText = context.readText ?? readTextFile;
  const texts = new Map<string, string>();
  for (const file of files) {
    // An unreadable file is bound: the analysis reports it.
    const text = readText(join(context.root, file));
    if (text !== undefined) texts.set(file, text);
  }
  for (const text of texts.values()) {
    // `declare module './store'` adds members to another module's types: calls to them resolve
    // into a file the caller does not import.
    if (/\bdeclare\s+module\s+['"][^'"*]+['"]/.test(text)) return undefined;
  }
  const policyModules = policyModulesIn(graph, context);
  // A package's declarations may re-export a mapped sink or guard from another package, which
  // a file can import directly: the module graph does not look inside packages.
  if (policyModules.packages.size > 0) return undefined;
  const isSeedModule = moduleMatcher([...catalogueSinkModules(), ...policyModules.packages]);
  const framework = frameworkFiles();
  // Outside a slice too: a file of it naming a global declared elsewhere stays bound.
  const globals = graph.globals;

  const globalFiles = new Set(graph.globalFiles);
  const edges = new Map<string, Set<string>>(files.map((file) => [file, new Set<string>()]));
  const reverse = new Map<string, Set<string>>(files.map((file) => [file, new Set<string>()]));
  const link = (from: string, to: string) => {
    if (from === to) return;
    const out = edges.get(from) ?? new Set<string>();
    out.add(to);
    edges.set(from, out);
    const back = reverse.get(to) ?? new Set<string>();
    back.add(from);
    reverse.set(to, back);
  };
  const reach = new Set<string>();
  const kept = new Set<string>();
  for (const file of files) {
    const facts = graph.facts.get(file);
    const text = texts.get(file);
    if (facts === undefined || text === undefined) {
      kept.add(file);
      continue;
    }
    const specifiers = [
      ...facts.imports.map((fact) => fact.specifier),
      ...facts.stars,
      ...facts.reexports.map((reexport) => reexport.specifier),
    ];
    let leavesSlice = false;
    for (const specifier of specifiers) {
      const target = graph.resolve(specifier, file);
      if (target !== undefined) link(file, target);
      // In a slice, a file outside it is read as empty: a file importing one stays as it is.
      if (target !== undefined && within !== undefined && !within.has(target)) leavesSlice = true;
    }
    // By name through barrels, and classes implementing what a file declares.
    for (const target of graph.dependencies.get(file) ?? []) link(file, target);
    // `import('./x')` and `require('./x')` of a literal are among the facts' imports, linked
    // above; one of an expression could load any file, so nothing is left out.
    if (loadsModuleByExpression(text)) return undefined;

    if (
      startsFlow(
        {
          fileName: file,
          text,
          specifiers,
          policySink: policyModules.sinks.has(file),
          collection: () => facts.collection,
          eventCall: () => facts.eventCall,
        },
        isSeedModule,
        globals,
      )
    ) {
      reach.add(file);
      continue;
    }
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (
      /\.d\.[cm]?ts$/.test(file) ||
      !facts.module ||
      leavesSlice ||
      globalFiles.has(file) ||
      facts.syntaxError ||
      /\bdeclare\s+(?:global|module)\b|@jsx/.test(text) ||
      Buffer.byteLength(text) > context.maxBytes ||
      mayNestDeeperThan(text, context.depth / 2) ||
      framework.paths.has(file) ||
      framework.names.has(base) ||
      policyModules.all.has(file) ||
      mayReportImports(graph, file, context.root)
    ) {
      kept.add(file);
    }
  }
  // What imports a file that may reach a sink may reach one too; what a bound file imports is
  // bound with it.
  const reaching = closure(reach, reverse);
  // A class in a file that may reach a sink, extending or implementing something the module
  // facts cannot trace to its file (a namespace member, a local name, a class nested in a
  // namespace or a function), may be what a call through that type dispatches to in a file
  // that imports it from elsewhere: nothing is left out.
  for (const file of reaching) {
    const text = texts.get(file);
    if (text !== undefined && hasUntracedHeritage(file, text)) return undefined;
  }
  const bound = new Set(closure([...reaching, ...kept], edges));
  const standing = new Map<string, string>();
  let functions = 0;
  for (const file of files) {
    const facts = graph.facts.get(file);
    if (bound.has(file) || facts === undefined) continue;
    standing.set(
      resolve(context.root, file).replaceAll('\\', '/'),
      `${facts.loads.join('\n')}\nexport {};\n`,
    );
    functions += facts.functions;
  }
  return standing.size === 0 ? undefined : { files: standing, functions };
}

/**
 * Whether loading a file could report one of its imports: one that resolves to no module file
 * (a script of the project, a JavaScript file, nothing at all) other than a stylesheet or image
 * that exists.
 */
function mayReportImports(graph: ModuleGraph, file: string, root: string): boolean {
  const facts = graph.facts.get(file);
  if (facts === undefined) return true;
  for (const specifier of [...facts.imports.map((fact) => fact.specifier), ...facts.stars]) {
    const target = graph.resolve(specifier, file);
    if (target !== undefined) {
      if (graph.facts.get(target)?.module !== true) return true;
    }
  }
  for (const outside of graph.outside.get(file) ?? []) {
    if (outside.resolvedTo !== undefined) {
      if (!/\.(?:d\.)?[cm]?tsx?$/.test(outside.resolvedTo)) return true;
      continue;
    }
    if (!isExistingAsset(outside.specifier, dirname(join(root, file)), graph.pathPatterns)) {
      return true;
    }
  }
  return false;
}

/**
 * The project files the policy's mappings name (any role), those its sink and guard mappings
 * name, and the packages its sink and guard mappings name.
 */
export function policyModulesIn(
  graph: ModuleGraph,
  context: Pick<StandInContext, 'root' | 'policyFile' | 'code'>,
): { all: Set<string>; sinks: Set<string>; packages: Set<string> } {
  const entries = policyEntries(context.code);
  const all = new Set<string>();
  const sinks = new Set<string>();
  const packages = new Set<string>();
  const stems = new Map<string, string>();
  for (const file of graph.files) {
    stems.set(file.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, ''), file);
  }
  const policyDir = dirname(context.policyFile);
  const from = relative(context.root, context.policyFile).replaceAll('\\', '/');
  const anchor = graph.facts.has(from) ? from : graph.files[0];
  const filesOf = (module: string): string[] => {
    if (module.startsWith('.') || module.startsWith('/')) {
      const stem = relative(context.root, resolve(policyDir, module))
        .replaceAll('\\', '/')
        .replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
      return [stems.get(stem), stems.get(`${stem}/index`)].flatMap((file) => file ?? []);
    }
    // A `paths` alias names a project file from anywhere.
    const target = anchor === undefined ? undefined : graph.resolve(module, anchor);
    return target === undefined ? [] : [target];
  };
  for (const [kind, list] of Object.entries(entries)) {
    for (const entry of list as readonly { at: { module: string; export: string } }[]) {
      const named = filesOf(entry.at.module);
      // The mapped module may re-export the declaration (a barrel): the files that declare it
      // are the policy's modules too, since a file may import the declaration from there.
      const root = entry.at.export.split('.')[0] ?? entry.at.export;
      const files = [
        ...new Set([...named, ...named.flatMap((file) => graph.declaring(file, root))]),
      ];
      for (const file of files) all.add(file);
      if (kind === 'sinks' || kind === 'guards') {
        for (const file of files) sinks.add(file);
        if (!entry.at.module.startsWith('.') && !entry.at.module.startsWith('/')) {
          packages.add(entry.at.module);
        }
      }
    }
  }
  return { all, sinks, packages };
}

function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether a file calls `import(…)` or `require(…)` with anything but a literal specifier. Read
 * from the text, so a comment counts too (never less safe).
 */
function loadsModuleByExpression(text: string): boolean {
  const literal = /(['"`])[^'"`\\$\n]*\1\s*[,)]/y;
  for (const match of text.matchAll(/\b(?:import|require)\s*\(\s*/g)) {
    literal.lastIndex = match.index + match[0].length;
    if (!literal.test(text)) return true;
  }
  return false;
}

/**
 * Whether a file declares a class whose base or interfaces the module facts cannot trace to the
 * file declaring them: a class below the top level, or a heritage name that is not a plain name
 * bound by a named or default import (a namespace member, a local class or interface, a name
 * from `import x = require(…)`); or an interface extending something other than a plain name, or
 * declared below the top level; or an object literal written to implement a type whose name is
 * not a plain imported one.
 */
function hasUntracedHeritage(file: string, text: string): boolean {
  if (!mayImplement.test(text)) return false;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  // The local names that default and named imports bind: what the module facts trace.
  const imported = new Set<string>();
  for (const statement of source.statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (clause?.name) imported.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) imported.add(element.name.text);
    }
  }
  let untraced = false;
  const visit = (node: ts.Node, topLevel: boolean): void => {
    if (untraced) return;
    // An interface can extend only types: a plain name is imported or declared in the file.
    if (ts.isInterfaceDeclaration(node)) {
      if ((node.heritageClauses?.length ?? 0) === 0) return;
      untraced = !(
        topLevel &&
        (node.heritageClauses ?? []).every((clause) =>
          clause.types.every((type) => ts.isIdentifier(type.expression)),
        )
      );
      return;
    }
    // An object literal written to implement a type: traced when the type's name is imported.
    const implemented = ts.isObjectLiteralExpression(node) ? implementedTypeOf(node) : undefined;
    if (implemented !== undefined) {
      untraced = !(ts.isIdentifier(implemented) && imported.has(implemented.text));
      if (untraced) return;
    }
    if (ts.isClassLike(node) && (node.heritageClauses?.length ?? 0) > 0) {
      untraced = !(
        topLevel &&
        ts.isClassDeclaration(node) &&
        (node.heritageClauses ?? []).every((clause) =>
          clause.types.every(
            (type) => ts.isIdentifier(type.expression) && imported.has(type.expression.text),
          ),
        )
      );
    }
    ts.forEachChild(node, (child) => visit(child, false));
  };
  for (const statement of source.statements) visit(statement, true);
  return untraced;
}
