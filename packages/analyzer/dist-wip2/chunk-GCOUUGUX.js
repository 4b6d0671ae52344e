// src/cache/module-graph.ts
import { existsSync } from 'fs';
import { dirname, relative } from 'path';
import { globalNamedIn, globalNames, packageNameOf } from './chunk-2TQ4CBJ4.js';
import { readModuleFacts } from './chunk-36NAHYJP.js';
import { ts } from './chunk-ENMR6OK3.js';
import { scriptKindOf, sourceFilePattern } from './chunk-LLBBEWGM.js';
import { hashText } from './chunk-QRAMNOBA.js';

async function buildModuleGraph(root, tsconfigPath, cache) {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error || typeof read.config !== 'object' || read.config === null) return void 0;
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    dirname(tsconfigPath),
    void 0,
    tsconfigPath,
  );
  const sources = sourceFilePattern(parsed.options);
  const absolute = parsed.fileNames.filter((name) => sources.test(name)).sort();
  if (absolute.length === 0) return void 0;
  const prefix = `${root.replaceAll('\\', '/').replace(/\/$/, '')}/`;
  const relativeNames = /* @__PURE__ */ new Map();
  const toRelative = (name) => {
    let known = relativeNames.get(name);
    if (known === void 0) {
      known = name.startsWith(prefix)
        ? name.slice(prefix.length)
        : relative(root, name).replaceAll('\\', '/');
      relativeNames.set(name, known);
    }
    return known;
  };
  const facts = /* @__PURE__ */ new Map();
  const hashes = /* @__PURE__ */ new Map();
  const globalFiles = [];
  for (const name of absolute) {
    const text = cache.text(name);
    if (text === void 0) continue;
    const hash = hashText(text);
    hashes.set(name, hash);
    const own = cache.facts(hash, () => readModuleFacts(name, text));
    facts.set(name, own);
    const script = !own.module;
    if (script || /\bdeclare\s+global\b/.test(text)) globalFiles.push(name);
  }
  const resolutionCache = ts.createModuleResolutionCache(root, (name) => name, parsed.options);
  const resolved = /* @__PURE__ */ new Map();
  const outsideResolved = /* @__PURE__ */ new Map();
  const direct = parsed.options.rootDirs === void 0 && parsed.options.moduleSuffixes === void 0;
  const allowsExtensionless =
    parsed.options.moduleResolution === ts.ModuleResolutionKind.Bundler ||
    parsed.options.moduleResolution === ts.ModuleResolutionKind.Node10;
  const extensionless = (path) => {
    if (!allowsExtensionless) return void 0;
    if (/\.[^/]*$/.test(path.slice(path.lastIndexOf('/')))) return void 0;
    if (facts.has(`${path}.ts`)) return `${path}.ts`;
    if (facts.has(`${path}.tsx`) && !existsSync(`${path}.ts`)) return `${path}.tsx`;
    return void 0;
  };
  const pathsBase = parsed.options.baseUrl ?? parsed.options.pathsBasePath;
  const patterns = Object.keys(parsed.options.paths ?? {}).map((key) => {
    const star = key.indexOf('*');
    return star < 0
      ? { key, prefix: key, suffix: void 0 }
      : { key, prefix: key.slice(0, star), suffix: key.slice(star + 1) };
  });
  const patternOf = (specifier) => {
    if (specifier.startsWith('.')) return void 0;
    let best;
    for (const pattern of patterns) {
      const { prefix: prefix2, suffix } = pattern;
      if (suffix === void 0) {
        if (specifier === prefix2) return pattern;
      } else if (
        specifier.length >= prefix2.length + suffix.length &&
        specifier.startsWith(prefix2) &&
        specifier.endsWith(suffix) &&
        (best === void 0 || prefix2.length > best.prefix.length)
      ) {
        best = pattern;
      }
    }
    return best;
  };
  const aliasTarget = (specifier) => {
    if (!direct || !allowsExtensionless || pathsBase === void 0) return void 0;
    const best = patternOf(specifier);
    const substitution = best && (parsed.options.paths?.[best.key] ?? [])[0];
    if (best === void 0 || substitution === void 0) return void 0;
    const matched =
      best.suffix === void 0
        ? ''
        : specifier.slice(best.prefix.length, specifier.length - best.suffix.length);
    const path = joinPosix(pathsBase.replaceAll('\\', '/'), substitution.replace('*', matched));
    const file = extensionless(path);
    if (file !== void 0) return file;
    if (['.ts', '.tsx', '.d.ts', '/package.json'].some((end) => existsSync(`${path}${end}`))) {
      return void 0;
    }
    if (facts.has(`${path}/index.ts`)) return `${path}/index.ts`;
    if (facts.has(`${path}/index.tsx`) && !existsSync(`${path}/index.ts`)) {
      return `${path}/index.tsx`;
    }
    return void 0;
  };
  const resolveSpecifier = (specifier, from) => {
    const directory = from.slice(0, from.lastIndexOf('/'));
    const namesDirectory = specifier.endsWith('/');
    if (direct && !namesDirectory && (specifier.startsWith('./') || specifier.startsWith('../'))) {
      const path = joinPosix(directory, specifier);
      const candidate = typeScriptTwin(path) ?? extensionless(path);
      if (candidate !== void 0 && facts.has(candidate)) return candidate;
    }
    const alias = patternOf(specifier) !== void 0 ? `\0${specifier}` : void 0;
    if (alias !== void 0 && resolved.has(alias)) return resolved.get(alias);
    if (alias !== void 0 && !namesDirectory) {
      const target = aliasTarget(specifier);
      if (target !== void 0) {
        resolved.set(alias, target);
        return target;
      }
    }
    const key = `${directory}\0${specifier}`;
    if (resolved.has(key)) return resolved.get(key);
    const module = ts.resolveModuleName(
      specifier,
      from,
      parsed.options,
      ts.sys,
      resolutionCache,
    ).resolvedModule;
    const file = module && facts.has(module.resolvedFileName) ? module.resolvedFileName : void 0;
    resolved.set(key, file);
    if (alias !== void 0 && file !== void 0) resolved.set(alias, file);
    if (file === void 0) {
      outsideResolved.set(
        key,
        module
          ? {
              resolvedTo: module.resolvedFileName,
              external:
                module.isExternalLibraryImport === true ||
                module.resolvedFileName.includes('/node_modules/'),
            }
          : { external: false },
      );
    }
    return file;
  };
  const tables = /* @__PURE__ */ new Map();
  let partial = /* @__PURE__ */ new Map();
  let cut = false;
  const exportTable = (file, visiting) => {
    const known = tables.get(file) ?? partial.get(file);
    if (known) return known;
    const table = /* @__PURE__ */ new Map();
    const own = facts.get(file);
    if (!own) return table;
    if (visiting.has(file)) {
      cut = true;
      return table;
    }
    const outer = cut;
    cut = false;
    visiting.add(file);
    const add = (name, files) => {
      const list = table.get(name);
      if (list) list.push(...files);
      else table.set(name, [...files]);
    };
    for (const name of own.exports) add(name, [file]);
    for (const reexport of own.reexports) {
      const target = resolveSpecifier(reexport.specifier, file);
      if (!target) continue;
      add(
        reexport.as,
        reexport.name === '*'
          ? [target, ...everything(target, /* @__PURE__ */ new Set())]
          : [target, ...(exportTable(target, visiting).get(reexport.name) ?? [])],
      );
    }
    for (const star of own.stars) {
      const target = resolveSpecifier(star, file);
      if (!target) continue;
      for (const [name, files] of exportTable(target, visiting)) {
        if (
          name !== 'default' &&
          !own.exports.includes(name) &&
          !own.reexports.some((r) => r.as === name)
        ) {
          add(name, files);
        }
      }
    }
    visiting.delete(file);
    if (cut && visiting.size > 0) partial.set(file, table);
    else tables.set(file, table);
    cut = cut || outer;
    if (visiting.size === 0) partial = /* @__PURE__ */ new Map();
    return table;
  };
  const declaring = (file, name) => exportTable(file, /* @__PURE__ */ new Set()).get(name) ?? [];
  const everything = (file, seen) => {
    if (seen.has(file)) return [];
    seen.add(file);
    const own = facts.get(file);
    if (!own) return [];
    const found = [file];
    for (const specifier of [...own.stars, ...own.reexports.map((r) => r.specifier)]) {
      const target = resolveSpecifier(specifier, file);
      if (target) found.push(...everything(target, seen));
    }
    return found;
  };
  const dependencies = /* @__PURE__ */ new Map();
  const dependents = /* @__PURE__ */ new Map();
  for (const name of absolute) {
    dependencies.set(toRelative(name), /* @__PURE__ */ new Set());
    dependents.set(toRelative(name), /* @__PURE__ */ new Set());
  }
  const link = (from, to) => {
    if (from === to) return;
    dependencies.get(from)?.add(to);
    dependents.get(to)?.add(from);
  };
  const supertypes = /* @__PURE__ */ new Map();
  const packageImplementers = /* @__PURE__ */ new Map();
  const outside = /* @__PURE__ */ new Map();
  for (const [file, own] of facts) {
    const from = toRelative(file);
    for (const fact of own.imports) {
      const target = resolveSpecifier(fact.specifier, file);
      if (!target) {
        const directory = file.slice(0, file.lastIndexOf('/'));
        const where = outsideResolved.get(`${directory}\0${fact.specifier}`) ?? { external: false };
        addTo(outside, from, { specifier: fact.specifier, ...where });
        continue;
      }
      link(from, toRelative(target));
      const reached =
        fact.names === null
          ? everything(target, /* @__PURE__ */ new Set())
          : fact.names.flatMap((name) => declaring(target, name));
      for (const reachedFile of reached) link(from, toRelative(reachedFile));
    }
    for (const fact of own.heritage) {
      const target = resolveSpecifier(fact.specifier, file);
      if (!target) {
        addTo(packageImplementers, packageKey(fact.specifier), from);
        continue;
      }
      const reached =
        fact.names === null ? [target] : fact.names.flatMap((name) => declaring(target, name));
      for (const reachedFile of reached) {
        link(toRelative(reachedFile), from);
        if (reachedFile !== file) addTo(supertypes, from, toRelative(reachedFile));
      }
    }
  }
  if (packageImplementers.size > 0) {
    for (const [from, imports] of outside) {
      for (const { specifier } of imports) {
        for (const implementer of packageImplementers.get(packageKey(specifier)) ?? []) {
          link(from, implementer);
        }
      }
    }
  }
  const globals = globalNames(
    globalFiles.flatMap((name) => {
      const text = cache.text(name);
      return text === void 0
        ? []
        : [ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, scriptKindOf(name))];
    }),
  );
  if (globals.size > 0) {
    const implementers = [...facts]
      .filter(([, own]) => own.localHeritage.some((name) => globals.has(name)))
      .map(([file]) => toRelative(file));
    const targets = [...globalFiles.map(toRelative), ...implementers];
    for (const name of absolute) {
      const text = cache.text(name);
      if (text === void 0 || globalNamedIn(text, globals) === void 0) continue;
      for (const target of targets) link(toRelative(name), target);
    }
  }
  const stars = /* @__PURE__ */ new Map();
  for (const [file, own] of facts) {
    const list = [];
    for (const specifier of own.stars) {
      const target = resolveSpecifier(specifier, file);
      if (target) list.push({ specifier, target: toRelative(target) });
    }
    if (list.length > 0) stars.set(toRelative(file), list);
  }
  const toAbsolute = new Map(absolute.map((name) => [toRelative(name), name]));
  return {
    stars,
    outside,
    globalFiles: globalFiles.map(toRelative),
    globals,
    pathPatterns: Object.keys(parsed.options.paths ?? {}),
    facts: new Map([...facts].map(([name, own]) => [toRelative(name), own])),
    resolve: (specifier, from) => {
      const absoluteFrom = toAbsolute.get(from);
      const target = absoluteFrom === void 0 ? void 0 : resolveSpecifier(specifier, absoluteFrom);
      return target === void 0 ? void 0 : toRelative(target);
    },
    declaring: (file, name) => {
      const absoluteFile = toAbsolute.get(file);
      return absoluteFile === void 0 ? [] : declaring(absoluteFile, name).map(toRelative);
    },
    files: absolute.map(toRelative),
    hashes: new Map([...hashes].map(([name, hash]) => [toRelative(name), hash])),
    dependencies,
    dependents,
    supertypes,
  };
}
function packageKey(specifier) {
  const bare = specifier.replace(/^node:/, '');
  return bare.startsWith('.') || bare.startsWith('/') ? bare : packageNameOf(bare);
}
function addTo(map, key, value) {
  const list = map.get(key);
  if (list === void 0) map.set(key, [value]);
  else list.push(value);
}
function joinPosix(dir, specifier) {
  const parts = dir.split('/');
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
function typeScriptTwin(path) {
  const match = /\.([mc]?)js$/.exec(path);
  return match ? `${path.slice(0, -match[0].length)}.${match[1]}ts` : void 0;
}
function closure(start, edges) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [...start].filter((file) => edges.has(file));
  for (const file of stack) seen.add(file);
  while (stack.length > 0) {
    for (const next of edges.get(stack.pop()) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen].sort();
}
function pullRequestSlice(graph, changed, always = []) {
  const affected = closure(changed, graph.dependents);
  return withSharedState(graph, closure([...affected, ...always], graph.dependencies));
}
function withSharedState(graph, files) {
  const slice = new Set(files);
  const eventFiles = graph.files.filter((file) => graph.facts.get(file)?.eventCall === true);
  const seeded = /* @__PURE__ */ new Set();
  let events = false;
  for (;;) {
    const seeds = [];
    for (const file of slice) {
      const facts = graph.facts.get(file);
      if (facts?.collection === true && !seeded.has(file)) {
        seeded.add(file);
        seeds.push(file);
      }
      if (facts?.eventCall === true && !events) {
        events = true;
        seeds.push(...eventFiles);
      }
    }
    if (seeds.length === 0) return [...slice].sort();
    const affected = closure(seeds, graph.dependents);
    for (const file of closure(affected, graph.dependencies)) slice.add(file);
  }
}
function shardSlice(graph, owned, always = []) {
  const start = new Set(always);
  const typed = new Set(owned);
  for (const file of typed) {
    for (const declaring of graph.supertypes.get(file) ?? []) typed.add(declaring);
  }
  const globals = new Set(graph.globalFiles);
  for (const file of typed) {
    start.add(file);
    for (const dependent of graph.dependents.get(file) ?? []) {
      start.add(dependent);
      if (globals.has(dependent)) typed.add(dependent);
    }
  }
  return withSharedState(graph, closure(start, graph.dependencies));
}
function reexportsOutside(graph, slice) {
  const inside = new Set(slice);
  const skip = /* @__PURE__ */ new Map();
  for (const file of slice) {
    const outside = new Set(
      (graph.stars.get(file) ?? [])
        .filter((star) => !inside.has(star.target))
        .map((star) => star.specifier),
    );
    for (const reexport of graph.facts.get(file)?.reexports ?? []) {
      const target = graph.resolve(reexport.specifier, file);
      if (target !== void 0 && !inside.has(target)) outside.add(reexport.specifier);
    }
    if (outside.size > 0) skip.set(file, [...outside]);
  }
  return skip;
}

export { buildModuleGraph, closure, pullRequestSlice, reexportsOutside, shardSlice };
//# sourceMappingURL=chunk-GCOUUGUX.js.map
