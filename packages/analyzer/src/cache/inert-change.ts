import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConsentryPolicy } from '@consentry/sdk';
import { ts } from 'ts-morph';
import { catalogueSinkModules, frameworkFiles } from '../catalogue/names.js';
import { isExistingAsset } from '../code/diagnostics.js';
import { parseWithinDepth } from '../code/limits.js';
import { declaresModuleCollection } from '../code/module-collections.js';
import { eventCallIn, globalNamedIn, moduleMatcher } from '../code/reach.js';
import { scriptKindOf } from '../code/source-files.js';
import { walk } from '../code/walk.js';
import { closure, type ModuleGraph } from './module-graph.js';
import { policyModulesIn } from './stand-ins.js';

/** What the check needs besides the module graph. */
export interface InertContext {
  readonly root: string;
  /** The policy file (absolute): its `code` modules are named relative to it. */
  readonly policyFile: string;
  readonly code: ConsentryPolicy['code'];
  /** The analysis's limits a changed file must stay within (else the analysis reports it). */
  readonly maxBytes: number;
  readonly depth: number;
}

/** Whether the changed files can change no finding, and if not, the first reason found. */
export type InertVerdict =
  | { readonly inert: true }
  | { readonly inert: false; readonly reason: string };

/**
 * Decides, from syntax and the module graph alone, that a pull request's changed files can take
 * part in no flow: that a full analysis of the changed tree has no finding in them or flowing
 * through them, and no other finding they could change. It holds when every changed file
 *
 * 1. is a project source file within the analysis's limits that parses without error, declares no
 *    class and imports nothing the analysis would report as unresolved;
 * 2. reaches, through everything it imports (and the classes implementing what those declare),
 *    only files that import no module the catalogue makes a sink, a file API or a consent check,
 *    no module the policy maps a sink or guard in, are no framework file by path, declare no
 *    module-level collection, call no event emitter and name no global a project file declares:
 *    so none of its functions can reach a sink or a guard, and none is summarised unless another
 *    file's relevant function calls it (what it reads from a source is then never followed);
 * 3. is used by other files only as a JSX tag (`<EmptyState />`) whose attributes and children
 *    hold no function: the analysis never resolves a tag to a call, and no function takes its
 *    parameter types from the component, so no other file's analysis depends on the file.
 *
 * The argument is written out in `docs/performance.md` ("An inert change").
 */
export function inertChange(
  graph: ModuleGraph,
  changed: readonly string[],
  context: InertContext,
): InertVerdict {
  // Each file is read and parsed once per verdict, whichever check asks first.
  const sources = new Sources(context.root);
  const seeds = new SeedTest(graph, context, sources);
  // Stylesheets, images and documents hold no code; a source file the graph lacks (deleted, or
  // outside the tsconfig) is not known to be inert.
  changed = changed.filter((file) => /\.[cm]?[jt]sx?$/.test(file));
  // A package the policy maps a sink or guard in may re-export it from another package, which a
  // changed file can import directly: the module graph does not look inside packages.
  const mappedPackages = [...policyModulesIn(graph, context).packages];
  if (changed.length > 0 && mappedPackages.length > 0) {
    return {
      inert: false,
      reason: `the policy maps a sink or guard in the package ${mappedPackages.map((name) => `\`${name}\``).join(', ')}, whose declarations the module graph does not follow`,
    };
  }
  for (const file of changed) {
    const problem = changedFileProblem(graph, file, context, sources);
    if (problem !== undefined) return { inert: false, reason: problem };
  }
  // What the module graph tells first, for every file reached: a change that is not inert is
  // usually told by an import, before any file is read.
  const reached = closure(changed, graph.dependencies);
  for (const file of reached) {
    const problem = seeds.importProblem(file);
    if (problem !== undefined) return { inert: false, reason: problem };
  }
  for (const file of reached) {
    const problem = seeds.syntaxProblem(file);
    if (problem !== undefined) return { inert: false, reason: problem };
  }
  for (const file of changed) {
    for (const user of graph.dependents.get(file) ?? []) {
      const problem = useProblem(graph, sources, user, file);
      if (problem !== undefined) return { inert: false, reason: problem };
    }
  }
  return { inert: true };
}

/** Point 1: why a changed file is not a plain source file the analysis would pass silently. */
function changedFileProblem(
  graph: ModuleGraph,
  file: string,
  context: InertContext,
  sources: Sources,
): string | undefined {
  if (!graph.facts.has(file) || /\.d\.[cm]?ts$/.test(file)) {
    return `${file} is not a source file the tsconfig includes`;
  }
  const path = join(context.root, file);
  let text: string;
  try {
    if (statSync(path).size > context.maxBytes) return `${file} is over the size limit`;
    text = readFileSync(path, 'utf8');
  } catch {
    return `${file} cannot be read`;
  }
  const parsed = parseWithinDepth(
    path,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    context.depth,
  );
  if (parsed.cuts.length > 0) return `${file} nests past the depth limit`;
  const syntax = (parsed.file as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if ((syntax ?? []).length > 0) return `${file} has a syntax error`;
  sources.put(file, parsed.file);
  if ((graph.facts.get(file)?.heritage.length ?? 0) > 0) return `${file} extends an imported type`;
  let declaresClass = false;
  walk(parsed.file, undefined, (node) => {
    if (ts.isClassLike(node)) declaresClass = true;
    return declaresClass ? false : undefined;
  });
  if (declaresClass) return `${file} declares a class`;
  for (const outside of graph.outside.get(file) ?? []) {
    if (outside.resolvedTo !== undefined) continue;
    if (!isExistingAsset(outside.specifier, dirname(path), graph.pathPatterns)) {
      return `${file} imports '${outside.specifier}', which does not resolve`;
    }
  }
  return undefined;
}

/** Point 2: whether a file can hold or reach a sink or a guard. */
class SeedTest {
  readonly #graph: ModuleGraph;
  readonly #sources: Sources;
  readonly #frameworkFiles = frameworkFiles();
  readonly #policyModules: ReadonlySet<string>;
  readonly #isSeedModule: (specifier: string) => boolean;

  constructor(graph: ModuleGraph, context: InertContext, sources: Sources) {
    this.#graph = graph;
    this.#sources = sources;
    // Sinks and guards only: what a function never summarised reads from a source is never
    // followed (see point 2).
    const policyModules = policyModulesIn(graph, context);
    this.#policyModules = policyModules.sinks;
    this.#isSeedModule = moduleMatcher([...catalogueSinkModules(), ...policyModules.packages]);
  }

  /** What the file's path and imports make of it. */
  importProblem(file: string): string | undefined {
    if (this.#policyModules.has(file)) return `${file} is named in the policy's code section`;
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (this.#frameworkFiles.paths.has(file) || this.#frameworkFiles.names.has(base)) {
      return `${file} is a framework file`;
    }
    for (const outside of this.#graph.outside.get(file) ?? []) {
      const specifier = outside.specifier;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        // A relative import of anything but a stylesheet or an image: code the graph does not hold.
        if (outside.resolvedTo !== undefined) return `${file} imports '${specifier}'`;
        continue;
      }
      if (this.#isSeedModule(specifier)) return `${file} imports '${specifier}'`;
      // An alias to a file outside the project's sources.
      if (outside.resolvedTo !== undefined && !outside.external) {
        return `${file} imports '${specifier}'`;
      }
    }
    return undefined;
  }

  /** What the file's own code makes of it: globals it names, collections, event emitters. */
  syntaxProblem(file: string): string | undefined {
    const source = this.#sources.get(file);
    if (source === undefined) return `${file} cannot be read`;
    const global = globalNamedIn(source.text, this.#graph.globals);
    if (global !== undefined) return `${file} uses \`${global}\`, declared globally`;
    if (declaresModuleCollection(source)) return `${file} declares a module-level collection`;
    const event = eventCallIn(source);
    if (event !== undefined) return `${file} calls \`${event}\` on an event emitter`;
    return undefined;
  }
}

/**
 * Point 3: why `user` depends on `file` in a way the analysis of `user` could see: anything but
 * JSX tags without functions in them.
 */
function useProblem(
  graph: ModuleGraph,
  sources: Sources,
  user: string,
  file: string,
): string | undefined {
  const source = sources.get(user);
  if (source === undefined) return `${user} cannot be read`;
  // What `file` exports: its own declarations and what it re-exports by name.
  const facts = graph.facts.get(file);
  const exported = [...(facts?.exports ?? []), ...(facts?.reexports ?? []).map((r) => r.as)];
  const bound = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const target = graph.resolve(statement.moduleSpecifier.text, user);
    if (target === undefined) continue;
    const reaches = (name: string) => graph.declaring(target, name).includes(file);
    const clause = statement.importClause;
    if (!clause) {
      if (target === file) return `${user} imports ${file} for its side effects`;
      continue;
    }
    if (clause.isTypeOnly) {
      if (target === file || exported.some(reaches)) return `${user} imports types of ${file}`;
      continue;
    }
    if (clause.name && reaches('default')) bound.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      if (target === file || exported.some(reaches)) {
        return `${user} imports ${file} as a namespace`;
      }
    } else if (bindings) {
      for (const element of bindings.elements) {
        if (reaches((element.propertyName ?? element.name).text)) {
          if (element.isTypeOnly) return `${user} imports types of ${file}`;
          bound.add(element.name.text);
        }
      }
    }
  }
  // The graph links the files through something other than these imports (a dynamic import, a
  // `require`, a class implementing an interface).
  if (bound.size === 0) return `${user} depends on ${file}`;
  let problem: string | undefined;
  walk(source, undefined, (node) => {
    if (problem !== undefined) return false;
    if (!ts.isIdentifier(node) || !bound.has(node.text)) return undefined;
    const parent = node.parent;
    if (ts.isImportClause(parent) || ts.isImportSpecifier(parent)) return undefined;
    if (isJsxTag(node) && !holdsFunction(parent)) return undefined;
    const position = source.getLineAndCharacterOfPosition(node.getStart(source));
    problem = `${user}:${position.line + 1} uses \`${node.text}\` of ${file} other than as a JSX tag without functions in it`;
    return false;
  });
  return problem;
}

/** `node` is the tag name of a JSX element (`<Card>`, `</Card>`, `<Card />`). */
function isJsxTag(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isJsxOpeningElement(parent) ||
      ts.isJsxSelfClosingElement(parent) ||
      ts.isJsxClosingElement(parent)) &&
    parent.tagName === node
  );
}

/**
 * Whether a JSX element's attributes or children hold a function (whose parameters would take
 * their types from the component's props). A closing tag holds nothing.
 */
function holdsFunction(tag: ts.Node): boolean {
  if (ts.isJsxClosingElement(tag)) return false;
  const holder = ts.isJsxOpeningElement(tag) ? tag.parent : tag;
  let found = false;
  walk(holder, undefined, (node) => {
    if (ts.isFunctionLike(node)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** The project's files read and parsed (with parent links) on first use; undefined when unreadable. */
class Sources {
  readonly #root: string;
  readonly #parsed = new Map<string, ts.SourceFile | undefined>();

  constructor(root: string) {
    this.#root = root;
  }

  get(file: string): ts.SourceFile | undefined {
    if (!this.#parsed.has(file)) {
      let source: ts.SourceFile | undefined;
      try {
        const text = readFileSync(join(this.#root, file), 'utf8');
        source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
      } catch {
        source = undefined;
      }
      this.#parsed.set(file, source);
    }
    return this.#parsed.get(file);
  }

  put(file: string, source: ts.SourceFile): void {
    this.#parsed.set(file, source);
  }
}
