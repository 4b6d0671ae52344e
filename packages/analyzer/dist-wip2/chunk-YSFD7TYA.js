// src/cache/stand-ins.ts
import { readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import {
  catalogueSinkModules,
  frameworkFiles,
  implementedTypeOf,
  mayImplement,
  moduleMatcher,
  startsFlow,
} from './chunk-2TQ4CBJ4.js';
import { policyEntries } from './chunk-6XMXK3ZX.js';
import { isExistingAsset } from './chunk-A225JWGS.js';
import { ts } from './chunk-ENMR6OK3.js';
import { closure } from './chunk-GCOUUGUX.js';
import { scriptKindOf } from './chunk-LLBBEWGM.js';
import { mayNestDeeperThan } from './chunk-OKVXSYHK.js';

function standIns(graph, context, within) {
  const files = within === void 0 ? graph.files : graph.files.filter((file) => within.has(file));
  const readText = context.readText ?? readTextFile;
  const texts = /* @__PURE__ */ new Map();
  for (const file of files) {
    const text = readText(join(context.root, file));
    if (text !== void 0) texts.set(file, text);
  }
  for (const text of texts.values()) {
    if (/\bdeclare\s+module\s+['"][^'"*]+['"]/.test(text)) return void 0;
  }
  const policyModules = policyModulesIn(graph, context);
  if (policyModules.packages.size > 0) return void 0;
  const isSeedModule = moduleMatcher([...catalogueSinkModules(), ...policyModules.packages]);
  const framework = frameworkFiles();
  const globals = graph.globals;
  const globalFiles = new Set(graph.globalFiles);
  const edges = new Map(files.map((file) => [file, /* @__PURE__ */ new Set()]));
  const reverse = new Map(files.map((file) => [file, /* @__PURE__ */ new Set()]));
  const link = (from, to) => {
    if (from === to) return;
    const out = edges.get(from) ?? /* @__PURE__ */ new Set();
    out.add(to);
    edges.set(from, out);
    const back = reverse.get(to) ?? /* @__PURE__ */ new Set();
    back.add(from);
    reverse.set(to, back);
  };
  const reach = /* @__PURE__ */ new Set();
  const kept = /* @__PURE__ */ new Set();
  for (const file of files) {
    const facts = graph.facts.get(file);
    const text = texts.get(file);
    if (facts === void 0 || text === void 0) {
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
      if (target !== void 0) link(file, target);
      if (target !== void 0 && within !== void 0 && !within.has(target)) leavesSlice = true;
    }
    for (const target of graph.dependencies.get(file) ?? []) link(file, target);
    if (loadsModuleByExpression(text)) return void 0;
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
  const reaching = closure(reach, reverse);
  for (const file of reaching) {
    const text = texts.get(file);
    if (text !== void 0 && hasUntracedHeritage(file, text)) return void 0;
  }
  const bound = new Set(closure([...reaching, ...kept], edges));
  const standing = /* @__PURE__ */ new Map();
  let functions = 0;
  for (const file of files) {
    const facts = graph.facts.get(file);
    if (bound.has(file) || facts === void 0) continue;
    standing.set(
      resolve(context.root, file).replaceAll('\\', '/'),
      `${facts.loads.join('\n')}
export {};
`,
    );
    functions += facts.functions;
  }
  return standing.size === 0 ? void 0 : { files: standing, functions };
}
function mayReportImports(graph, file, root) {
  const facts = graph.facts.get(file);
  if (facts === void 0) return true;
  for (const specifier of [...facts.imports.map((fact) => fact.specifier), ...facts.stars]) {
    const target = graph.resolve(specifier, file);
    if (target !== void 0) {
      if (graph.facts.get(target)?.module !== true) return true;
    }
  }
  for (const outside of graph.outside.get(file) ?? []) {
    if (outside.resolvedTo !== void 0) {
      if (!/\.(?:d\.)?[cm]?tsx?$/.test(outside.resolvedTo)) return true;
      continue;
    }
    if (!isExistingAsset(outside.specifier, dirname(join(root, file)), graph.pathPatterns)) {
      return true;
    }
  }
  return false;
}
function policyModulesIn(graph, context) {
  const entries = policyEntries(context.code);
  const all = /* @__PURE__ */ new Set();
  const sinks = /* @__PURE__ */ new Set();
  const packages = /* @__PURE__ */ new Set();
  const stems = /* @__PURE__ */ new Map();
  for (const file of graph.files) {
    stems.set(file.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, ''), file);
  }
  const policyDir = dirname(context.policyFile);
  const from = relative(context.root, context.policyFile).replaceAll('\\', '/');
  const anchor = graph.facts.has(from) ? from : graph.files[0];
  const filesOf = (module) => {
    if (module.startsWith('.') || module.startsWith('/')) {
      const stem = relative(context.root, resolve(policyDir, module))
        .replaceAll('\\', '/')
        .replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
      return [stems.get(stem), stems.get(`${stem}/index`)].flatMap((file) => file ?? []);
    }
    const target = anchor === void 0 ? void 0 : graph.resolve(module, anchor);
    return target === void 0 ? [] : [target];
  };
  for (const [kind, list] of Object.entries(entries)) {
    for (const entry of list) {
      const named = filesOf(entry.at.module);
      const root = entry.at.export.split('.')[0] ?? entry.at.export;
      const files = [
        .../* @__PURE__ */ new Set([
          ...named,
          ...named.flatMap((file) => graph.declaring(file, root)),
        ]),
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
function readTextFile(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return void 0;
  }
}
function loadsModuleByExpression(text) {
  const literal = /(['"`])[^'"`\\$\n]*\1\s*[,)]/y;
  for (const match of text.matchAll(/\b(?:import|require)\s*\(\s*/g)) {
    literal.lastIndex = match.index + match[0].length;
    if (!literal.test(text)) return true;
  }
  return false;
}
function hasUntracedHeritage(file, text) {
  if (!mayImplement.test(text)) return false;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const imported = /* @__PURE__ */ new Set();
  for (const statement of source.statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : void 0;
    if (clause?.name) imported.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) imported.add(element.name.text);
    }
  }
  let untraced = false;
  const visit = (node, topLevel) => {
    if (untraced) return;
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
    const implemented = ts.isObjectLiteralExpression(node) ? implementedTypeOf(node) : void 0;
    if (implemented !== void 0) {
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

export { policyModulesIn, standIns };
//# sourceMappingURL=chunk-YSFD7TYA.js.map
