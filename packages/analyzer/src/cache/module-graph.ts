import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ts } from 'ts-morph';
import { globalNamedIn, globalNames, packageNameOf } from '../code/reach.js';
import { scriptKindOf, sourceFilePattern } from '../code/source-files.js';
import { type AnalysisCache, hashText } from './analysis-cache.js';
import { type ModuleFacts, readModuleFacts } from './module-facts.js';

/**
 * Which project file depends on which, at the level of names: importing `Conversation` from a
 * barrel (`export * from …`) depends on the file that declares `Conversation` (and on the barrel),
 * not on everything the barrel re-exports. Paths are relative to the root, with forward slashes.
 */
export interface ModuleGraph {
  /** Project source files, sorted. */
  readonly files: readonly string[];
  /** Content hash of each file. */
  readonly hashes: ReadonlyMap<string, string>;
  /** The files each file depends on. */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** The files that depend on each file. */
  readonly dependents: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The files declaring what each file's classes extend or implement: a call through one of
   * those types, in a file depending on it, may dispatch into this file.
   */
  readonly supertypes: ReadonlyMap<string, readonly string[]>;
  /** Each file's `export * from` specifiers and the project file each resolves to. */
  readonly stars: ReadonlyMap<string, readonly { specifier: string; target: string }[]>;
  /** Each file's imports that resolve to no project file: packages, assets, missing modules. */
  readonly outside: ReadonlyMap<string, readonly OutsideImport[]>;
  /** The tsconfig's `paths` patterns (`@/*`). */
  readonly pathPatterns: readonly string[];
  /** Files that may declare global names: scripts (no import or export) and `declare global`. */
  readonly globalFiles: readonly string[];
  /** The names those files declare (`globalNames`), members of global interfaces too. */
  readonly globals: ReadonlySet<string>;
  /** Each file's module facts (as read or cached). */
  readonly facts: ReadonlyMap<string, ModuleFacts>;
  /** The project file an import specifier in `from` resolves to, if any. */
  readonly resolve: (specifier: string, from: string) => string | undefined;
  /** The project files that declare `name` as `file` exports it (re-export chains followed). */
  readonly declaring: (file: string, name: string) => readonly string[];
}

/** An import that leads outside the project's source files. */
export interface OutsideImport {
  readonly specifier: string;
  /** Where TypeScript resolves it (absolute), when it does. */
  readonly resolvedTo?: string;
  /** TypeScript resolves it to an installed package (under `node_modules`). */
  readonly external: boolean;
}

/**
 * Builds the module graph of the project a tsconfig describes, with facts of unchanged files
 * taken from `cache`. Undefined when the tsconfig is missing or unreadable (no slicing then).
 */
export async function buildModuleGraph(
  root: string,
  tsconfigPath: string,
  cache: AnalysisCache,
): Promise<ModuleGraph | undefined> {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error || typeof read.config !== 'object' || read.config === null) return undefined;
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    dirname(tsconfigPath),
    undefined,
    tsconfigPath,
  );
  const sources = sourceFilePattern(parsed.options);
  const absolute = parsed.fileNames.filter((name) => sources.test(name)).sort();
  if (absolute.length === 0) return undefined;
  // The compiler's file names are absolute with forward slashes; most lie under the root.
  const prefix = `${root.replaceAll('\\', '/').replace(/\/$/, '')}/`;
  const relativeNames = new Map<string, string>();
  const toRelative = (name: string) => {
    let known = relativeNames.get(name);
    if (known === undefined) {
      known = name.startsWith(prefix)
        ? name.slice(prefix.length)
        : relative(root, name).replaceAll('\\', '/');
      relativeNames.set(name, known);
    }
    return known;
  };

  const facts = new Map<string, ModuleFacts>();
  const hashes = new Map<string, string>();
  const globalFiles: string[] = [];
  // Read one after another: thousands of small files read synchronously take a tenth of the
  // time of as many concurrent asynchronous reads.
  for (const name of absolute) {
    const text = cache.text(name);
    if (text === undefined) continue;
    const hash = hashText(text);
    hashes.set(name, hash);
    const own = cache.facts(hash, () => readModuleFacts(name, text));
    facts.set(name, own);
    // A file whose statements import and export nothing (a dynamic import or an `import()`
    // type does not make a module).
    const script = !own.module;
    if (script || /\bdeclare\s+global\b/.test(text)) globalFiles.push(name);
  }

  const resolutionCache = ts.createModuleResolutionCache(root, (name) => name, parsed.options);
  const resolved = new Map<string, string | undefined>();
  const outsideResolved = new Map<string, { resolvedTo?: string; external: boolean }>();
  // A relative `./name.js` whose `./name.ts` is a project file resolves to it, as TypeScript's
  // own resolution would (it tries `.ts` first), without asking the file system; anything else
  // goes to TypeScript. Options that change relative resolution turn the shortcut off.
  const direct =
    parsed.options.rootDirs === undefined && parsed.options.moduleSuffixes === undefined;
  // The first file TypeScript tries for an extensionless relative specifier (`./card` is
  // `./card.ts` when that is a project file), and `./card.tsx` when no `./card.ts` exists.
  // Only where the resolution mode allows extensionless specifiers (not Node's ESM modes).
  const allowsExtensionless =
    parsed.options.moduleResolution === ts.ModuleResolutionKind.Bundler ||
    parsed.options.moduleResolution === ts.ModuleResolutionKind.Node10;
  const extensionless = (path: string): string | undefined => {
    if (!allowsExtensionless) return undefined;
    if (/\.[^/]*$/.test(path.slice(path.lastIndexOf('/')))) return undefined;
    if (facts.has(`${path}.ts`)) return `${path}.ts`;
    if (facts.has(`${path}.tsx`) && !existsSync(`${path}.ts`)) return `${path}.tsx`;
    return undefined;
  };
  // Where `paths` substitutions are relative to: `baseUrl` when set (TypeScript takes it first),
  // else the config that declared them.
  const pathsBase =
    parsed.options.baseUrl ?? (parsed.options as { pathsBasePath?: string }).pathsBasePath;
  const patterns = Object.keys(parsed.options.paths ?? {}).map((key) => {
    const star = key.indexOf('*');
    return star < 0
      ? { key, prefix: key, suffix: undefined }
      : { key, prefix: key.slice(0, star), suffix: key.slice(star + 1) };
  });
  // The `paths` pattern a specifier matches, as TypeScript picks it: the exact pattern, else the
  // matching pattern with the longest prefix.
  const patternOf = (specifier: string) => {
    if (specifier.startsWith('.')) return undefined;
    let best: (typeof patterns)[number] | undefined;
    for (const pattern of patterns) {
      const { prefix, suffix } = pattern;
      if (suffix === undefined) {
        if (specifier === prefix) return pattern;
      } else if (
        specifier.length >= prefix.length + suffix.length &&
        specifier.startsWith(prefix) &&
        specifier.endsWith(suffix) &&
        (best === undefined || prefix.length > best.prefix.length)
      ) {
        best = pattern;
      }
    }
    return best;
  };
  // The project file a `paths` alias names, found as TypeScript finds it (the pattern above; its
  // first substitution; the file with `.ts`, then `.tsx`, then the directory's `index`), when
  // that is certain without asking TypeScript.
  const aliasTarget = (specifier: string): string | undefined => {
    if (!direct || !allowsExtensionless || pathsBase === undefined) return undefined;
    const best = patternOf(specifier);
    const substitution = best && (parsed.options.paths?.[best.key] ?? [])[0];
    if (best === undefined || substitution === undefined) return undefined;
    const matched =
      best.suffix === undefined
        ? ''
        : specifier.slice(best.prefix.length, specifier.length - best.suffix.length);
    const path = joinPosix(pathsBase.replaceAll('\\', '/'), substitution.replace('*', matched));
    const file = extensionless(path);
    if (file !== undefined) return file;
    if (['.ts', '.tsx', '.d.ts', '/package.json'].some((end) => existsSync(`${path}${end}`))) {
      return undefined;
    }
    if (facts.has(`${path}/index.ts`)) return `${path}/index.ts`;
    if (facts.has(`${path}/index.tsx`) && !existsSync(`${path}/index.ts`)) {
      return `${path}/index.tsx`;
    }
    return undefined;
  };
  const resolveSpecifier = (specifier: string, from: string): string | undefined => {
    const directory = from.slice(0, from.lastIndexOf('/'));
    // A specifier ending in `/` names a directory (its index), never a file: left to TypeScript.
    const namesDirectory = specifier.endsWith('/');
    if (direct && !namesDirectory && (specifier.startsWith('./') || specifier.startsWith('../'))) {
      const path = joinPosix(directory, specifier);
      const candidate = typeScriptTwin(path) ?? extensionless(path);
      if (candidate !== undefined && facts.has(candidate)) return candidate;
    }
    // A `paths` alias that maps to a project file does so from every directory.
    const alias = patternOf(specifier) !== undefined ? `\0${specifier}` : undefined;
    if (alias !== undefined && resolved.has(alias)) return resolved.get(alias);
    if (alias !== undefined && !namesDirectory) {
      const target = aliasTarget(specifier);
      if (target !== undefined) {
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
    const file = module && facts.has(module.resolvedFileName) ? module.resolvedFileName : undefined;
    resolved.set(key, file);
    if (alias !== undefined && file !== undefined) resolved.set(alias, file);
    if (file === undefined) {
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

  // Per file: each exported name and the files that declare it (re-export chains followed),
  // built once per file, so a barrel of a thousand `export *` is read once, not once per import.
  // In a cycle of re-exports (`a` has `export * from './b'`, `b` has `export * from './a'`), a
  // table built while an importer of it is still being built lacks that importer's names: it is
  // kept only for the table being built (`partial`), never for later questions.
  const tables = new Map<string, Map<string, string[]>>();
  let partial = new Map<string, Map<string, string[]>>();
  let cut = false;
  const exportTable = (file: string, visiting: Set<string>): Map<string, string[]> => {
    const known = tables.get(file) ?? partial.get(file);
    if (known) return known;
    const table = new Map<string, string[]>();
    const own = facts.get(file);
    if (!own) return table;
    if (visiting.has(file)) {
      cut = true;
      return table;
    }
    const outer = cut;
    cut = false;
    visiting.add(file);
    const add = (name: string, files: readonly string[]) => {
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
          ? [target, ...everything(target, new Set())]
          : [target, ...(exportTable(target, visiting).get(reexport.name) ?? [])],
      );
    }
    for (const star of own.stars) {
      const target = resolveSpecifier(star, file);
      if (!target) continue;
      for (const [name, files] of exportTable(target, visiting)) {
        // Local exports and named re-exports win over `export *`, as in the language.
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
    if (visiting.size === 0) partial = new Map();
    return table;
  };
  const declaring = (file: string, name: string): readonly string[] =>
    exportTable(file, new Set()).get(name) ?? [];
  // A whole module: the file and every file its re-exports reach.
  const everything = (file: string, seen: Set<string>): string[] => {
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

  const dependencies = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  for (const name of absolute) {
    dependencies.set(toRelative(name), new Set());
    dependents.set(toRelative(name), new Set());
  }
  const link = (from: string, to: string) => {
    if (from === to) return;
    dependencies.get(from)?.add(to);
    dependents.get(to)?.add(from);
  };
  const supertypes = new Map<string, string[]>();
  const packageImplementers = new Map<string, string[]>();
  const outside = new Map<string, OutsideImport[]>();
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
          ? everything(target, new Set())
          : fact.names.flatMap((name) => declaring(target, name));
      for (const reachedFile of reached) link(from, toRelative(reachedFile));
    }
    // A class implementing an imported interface is reached by calls through that interface.
    for (const fact of own.heritage) {
      const target = resolveSpecifier(fact.specifier, file);
      if (!target) {
        // Declared in a package: any file importing that package may call through it.
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
  // What a file imports from a package whose types a project class implements or extends: a call
  // through one of them may dispatch to that class, as to one implementing a project interface.
  if (packageImplementers.size > 0) {
    for (const [from, imports] of outside) {
      for (const { specifier } of imports) {
        for (const implementer of packageImplementers.get(packageKey(specifier)) ?? []) {
          link(from, implementer);
        }
      }
    }
  }
  // A file naming a global (declared by a script or in `declare global`, members of global
  // interfaces too: `process.trainHook`) depends on the files declaring globals, as on a file it
  // imports, and on every class implementing a global interface: it imports nothing that leads
  // to them.
  const globals = globalNames(
    globalFiles.flatMap((name) => {
      const text = cache.text(name);
      return text === undefined
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
      if (text === undefined || globalNamedIn(text, globals) === undefined) continue;
      for (const target of targets) link(toRelative(name), target);
    }
  }
  const stars = new Map<string, { specifier: string; target: string }[]>();
  for (const [file, own] of facts) {
    const list: { specifier: string; target: string }[] = [];
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
      const target =
        absoluteFrom === undefined ? undefined : resolveSpecifier(specifier, absoluteFrom);
      return target === undefined ? undefined : toRelative(target);
    },
    declaring: (file, name) => {
      const absoluteFile = toAbsolute.get(file);
      return absoluteFile === undefined ? [] : declaring(absoluteFile, name).map(toRelative);
    },
    files: absolute.map(toRelative),
    hashes: new Map([...hashes].map(([name, hash]) => [toRelative(name), hash])),
    dependencies,
    dependents,
    supertypes,
  };
}

/**
 * The package a specifier outside the project names (`@acme/hooks/sub` → `@acme/hooks`,
 * `node:stream` → `stream`); a relative or aliased one stands for itself.
 */
function packageKey(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  return bare.startsWith('.') || bare.startsWith('/') ? bare : packageNameOf(bare);
}

/** Adds `value` to the list `map` holds under `key`. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** `dir` joined with a relative specifier, `.` and `..` resolved; forward slashes. */
function joinPosix(dir: string, specifier: string): string {
  const parts = dir.split('/');
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The TypeScript file a `.js`/`.mjs`/`.cjs` specifier names (`a.js` → `a.ts`), if it names one. */
function typeScriptTwin(path: string): string | undefined {
  const match = /\.([mc]?)js$/.exec(path);
  return match ? `${path.slice(0, -match[0].length)}.${match[1]}ts` : undefined;
}

/** Every file reachable from `start` along `edges`, `start` included, sorted. */
export function closure(
  start: Iterable<string>,
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const seen = new Set<string>();
  const stack = [...start].filter((file) => edges.has(file));
  for (const file of stack) seen.add(file);
  while (stack.length > 0) {
    for (const next of edges.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen].sort();
}

/**
 * The files a pull-request scan must analyse to find every finding in or flowing through the
 * changed files: the changed files and everything that depends on them (their callers), plus what
 * those depend on (the callees whose summaries they need), plus what shares state with those;
 * `always` (files every slice holds) joins them with what it depends on.
 */
export function pullRequestSlice(
  graph: ModuleGraph,
  changed: Iterable<string>,
  always: Iterable<string> = [],
): string[] {
  const affected = closure(changed, graph.dependents);
  return withSharedState(graph, closure([...affected, ...always], graph.dependencies));
}

/**
 * `files` with what shares state with them beyond imports, to a fixed point: data a function
 * stores in a module-level collection is read by whatever else uses that module, so a slice
 * holding a file that declares one also holds the slice of that file (everything depending on it,
 * with what those depend on); data emitted on an event reaches listeners that need not import the
 * emitting file, so a slice holding an `emit` or `on` call holds the slice of every file with one.
 */
function withSharedState(graph: ModuleGraph, files: Iterable<string>): string[] {
  const slice = new Set(files);
  const eventFiles = graph.files.filter((file) => graph.facts.get(file)?.eventCall === true);
  const seeded = new Set<string>();
  let events = false;
  for (;;) {
    const seeds: string[] = [];
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

/**
 * The files a shard must analyse to find every finding located in the files it owns: those
 * files, their direct dependents (so a function called from another shard is not taken for an
 * entry point), the direct dependents of the files declaring what their classes extend or
 * implement (a call through such a type may dispatch to them) and of the global declarations
 * among those, `always`, everything these depend on, and what shares state with those.
 */
export function shardSlice(
  graph: ModuleGraph,
  owned: Iterable<string>,
  always: Iterable<string> = [],
): string[] {
  const start = new Set<string>(always);
  const typed = new Set(owned);
  for (const file of typed) {
    for (const declaring of graph.supertypes.get(file) ?? []) typed.add(declaring);
  }
  const globals = new Set(graph.globalFiles);
  for (const file of typed) {
    start.add(file);
    for (const dependent of graph.dependents.get(file) ?? []) {
      start.add(dependent);
      // A global declaration (`declare global { … trainHook?: ExportHook }`) hands the types it
      // names to every file naming a global: those may call through them too.
      if (globals.has(dependent)) typed.add(dependent);
    }
  }
  return withSharedState(graph, closure(start, graph.dependencies));
}

/**
 * The re-exports (`export * from`, `export { a } from`) of the slice's files that lead outside
 * the slice: nothing the slice imports is declared there, so the analysis can leave them out.
 */
export function reexportsOutside(
  graph: ModuleGraph,
  slice: readonly string[],
): Map<string, string[]> {
  const inside = new Set(slice);
  const skip = new Map<string, string[]>();
  for (const file of slice) {
    const outside = new Set(
      (graph.stars.get(file) ?? [])
        .filter((star) => !inside.has(star.target))
        .map((star) => star.specifier),
    );
    // A named re-export (`export { a } from './x'`) of a file outside: no file of the slice
    // imports `a` through it, or `./x` would be in the slice.
    for (const reexport of graph.facts.get(file)?.reexports ?? []) {
      const target = graph.resolve(reexport.specifier, file);
      if (target !== undefined && !inside.has(target)) outside.add(reexport.specifier);
    }
    if (outside.size > 0) skip.set(file, [...outside]);
  }
  return skip;
}
