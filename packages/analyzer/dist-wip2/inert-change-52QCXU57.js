import { policyModulesIn } from './chunk-YSFD7TYA.js';
import './chunk-6XMXK3ZX.js';
import { isExistingAsset } from './chunk-A225JWGS.js';
import { closure } from './chunk-GCOUUGUX.js';
import './chunk-QRAMNOBA.js';
import './chunk-XG7IDEMH.js';
import './chunk-2FIN6ECR.js';
import './chunk-TAJRGIDQ.js';
import './chunk-36NAHYJP.js';
import './chunk-H74XAY4A.js';
import {
  catalogueSinkModules,
  declaresModuleCollection,
  eventCallIn,
  frameworkFiles,
  globalNamedIn,
  moduleMatcher,
  walk,
} from './chunk-2TQ4CBJ4.js';
import { scriptKindOf } from './chunk-LLBBEWGM.js';
import { parseWithinDepth } from './chunk-OKVXSYHK.js';
import './chunk-DZXWLWQC.js';
import './chunk-F76QMANB.js';

// src/cache/inert-change.ts
import { readFileSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { ts } from './chunk-ENMR6OK3.js';

function inertChange(graph, changed, context) {
  const sources = new Sources(context.root);
  const seeds = new SeedTest(graph, context, sources);
  changed = changed.filter((file) => /\.[cm]?[jt]sx?$/.test(file));
  const mappedPackages = [...policyModulesIn(graph, context).packages];
  if (changed.length > 0 && mappedPackages.length > 0) {
    return {
      inert: false,
      reason: `the policy maps a sink or guard in the package ${mappedPackages.map((name) => `\`${name}\``).join(', ')}, whose declarations the module graph does not follow`,
    };
  }
  for (const file of changed) {
    const problem = changedFileProblem(graph, file, context, sources);
    if (problem !== void 0) return { inert: false, reason: problem };
  }
  const reached = closure(changed, graph.dependencies);
  for (const file of reached) {
    const problem = seeds.importProblem(file);
    if (problem !== void 0) return { inert: false, reason: problem };
  }
  for (const file of reached) {
    const problem = seeds.syntaxProblem(file);
    if (problem !== void 0) return { inert: false, reason: problem };
  }
  for (const file of changed) {
    for (const user of graph.dependents.get(file) ?? []) {
      const problem = useProblem(graph, sources, user, file);
      if (problem !== void 0) return { inert: false, reason: problem };
    }
  }
  return { inert: true };
}
function changedFileProblem(graph, file, context, sources) {
  if (!graph.facts.has(file) || /\.d\.[cm]?ts$/.test(file)) {
    return `${file} is not a source file the tsconfig includes`;
  }
  const path = join(context.root, file);
  let text;
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
  const syntax = parsed.file.parseDiagnostics;
  if ((syntax ?? []).length > 0) return `${file} has a syntax error`;
  sources.put(file, parsed.file);
  if ((graph.facts.get(file)?.heritage.length ?? 0) > 0) return `${file} extends an imported type`;
  let declaresClass = false;
  walk(parsed.file, void 0, (node) => {
    if (ts.isClassLike(node)) declaresClass = true;
    return declaresClass ? false : void 0;
  });
  if (declaresClass) return `${file} declares a class`;
  for (const outside of graph.outside.get(file) ?? []) {
    if (outside.resolvedTo !== void 0) continue;
    if (!isExistingAsset(outside.specifier, dirname(path), graph.pathPatterns)) {
      return `${file} imports '${outside.specifier}', which does not resolve`;
    }
  }
  return void 0;
}
var SeedTest = class {
  #graph;
  #sources;
  #frameworkFiles = frameworkFiles();
  #policyModules;
  #isSeedModule;
  constructor(graph, context, sources) {
    this.#graph = graph;
    this.#sources = sources;
    const policyModules = policyModulesIn(graph, context);
    this.#policyModules = policyModules.sinks;
    this.#isSeedModule = moduleMatcher([...catalogueSinkModules(), ...policyModules.packages]);
  }
  /** What the file's path and imports make of it. */
  importProblem(file) {
    if (this.#policyModules.has(file)) return `${file} is named in the policy's code section`;
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (this.#frameworkFiles.paths.has(file) || this.#frameworkFiles.names.has(base)) {
      return `${file} is a framework file`;
    }
    for (const outside of this.#graph.outside.get(file) ?? []) {
      const specifier = outside.specifier;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        if (outside.resolvedTo !== void 0) return `${file} imports '${specifier}'`;
        continue;
      }
      if (this.#isSeedModule(specifier)) return `${file} imports '${specifier}'`;
      if (outside.resolvedTo !== void 0 && !outside.external) {
        return `${file} imports '${specifier}'`;
      }
    }
    return void 0;
  }
  /** What the file's own code makes of it: globals it names, collections, event emitters. */
  syntaxProblem(file) {
    const source = this.#sources.get(file);
    if (source === void 0) return `${file} cannot be read`;
    const global = globalNamedIn(source.text, this.#graph.globals);
    if (global !== void 0) return `${file} uses \`${global}\`, declared globally`;
    if (declaresModuleCollection(source)) return `${file} declares a module-level collection`;
    const event = eventCallIn(source);
    if (event !== void 0) return `${file} calls \`${event}\` on an event emitter`;
    return void 0;
  }
};
function useProblem(graph, sources, user, file) {
  const source = sources.get(user);
  if (source === void 0) return `${user} cannot be read`;
  const facts = graph.facts.get(file);
  const exported = [...(facts?.exports ?? []), ...(facts?.reexports ?? []).map((r) => r.as)];
  const bound = /* @__PURE__ */ new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const target = graph.resolve(statement.moduleSpecifier.text, user);
    if (target === void 0) continue;
    const reaches = (name) => graph.declaring(target, name).includes(file);
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
  if (bound.size === 0) return `${user} depends on ${file}`;
  let problem;
  walk(source, void 0, (node) => {
    if (problem !== void 0) return false;
    if (!ts.isIdentifier(node) || !bound.has(node.text)) return void 0;
    const parent = node.parent;
    if (ts.isImportClause(parent) || ts.isImportSpecifier(parent)) return void 0;
    if (isJsxTag(node) && !holdsFunction(parent)) return void 0;
    const position = source.getLineAndCharacterOfPosition(node.getStart(source));
    problem = `${user}:${position.line + 1} uses \`${node.text}\` of ${file} other than as a JSX tag without functions in it`;
    return false;
  });
  return problem;
}
function isJsxTag(node) {
  const parent = node.parent;
  return (
    (ts.isJsxOpeningElement(parent) ||
      ts.isJsxSelfClosingElement(parent) ||
      ts.isJsxClosingElement(parent)) &&
    parent.tagName === node
  );
}
function holdsFunction(tag) {
  if (ts.isJsxClosingElement(tag)) return false;
  const holder = ts.isJsxOpeningElement(tag) ? tag.parent : tag;
  let found = false;
  walk(holder, void 0, (node) => {
    if (ts.isFunctionLike(node)) found = true;
    return found ? false : void 0;
  });
  return found;
}
var Sources = class {
  #root;
  #parsed = /* @__PURE__ */ new Map();
  constructor(root) {
    this.#root = root;
  }
  get(file) {
    if (!this.#parsed.has(file)) {
      let source;
      try {
        const text = readFileSync(join(this.#root, file), 'utf8');
        source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
      } catch {
        source = void 0;
      }
      this.#parsed.set(file, source);
    }
    return this.#parsed.get(file);
  }
  put(file, source) {
    this.#parsed.set(file, source);
  }
};

export { inertChange };
//# sourceMappingURL=inert-change-52QCXU57.js.map
