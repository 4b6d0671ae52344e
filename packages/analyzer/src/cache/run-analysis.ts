import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { LoadedPolicy } from '@consentry/policy';
import type { AnalysisProgress, CodeAnalysis } from '../analyze-code.js';
import { compareDiagnostics } from '../code/diagnostics.js';
import { type AnalysisLimits, DEFAULT_LIMITS } from '../code/limits.js';
import { UsageError } from '../errors.js';
import type { ShardSpec, ShardUnit } from '../shard.js';
import { AnalysisCache, type CacheCounters, describeInput, hashText } from './analysis-cache.js';
import type { ModuleGraph } from './module-graph.js';
import type { StandInContext, StandIns } from './stand-ins.js';

export type { CacheCounters } from './analysis-cache.js';

/** A heap limit and a way to read the heap in use; the shell supplies both. */
export interface MemoryBudget {
  readonly limitBytes: number;
  readonly usedBytes: () => number;
}

/** The run came near its heap limit; the message names the part of the project that was too large. */
export class MemoryLimitError extends UsageError {
  override readonly name: string = 'MemoryLimitError';
}

/** What `analyzeWithCache` needs: `check()`'s view of the run. */
export interface CachedAnalysisOptions {
  readonly root: string;
  readonly policy: LoadedPolicy;
  /** Source files of the project, relative to `root` (for keys and shard units). */
  readonly projectFiles: readonly string[];
  readonly tsconfig?: string;
  /** Files changed since the ref of a pull-request scan, relative to `root`. */
  readonly changed?: readonly string[];
  readonly shard?: ShardSpec;
  readonly cacheDir?: string;
  /** Reuse what `cacheDir` holds but never write to it (`ropa`, which writes only its record). */
  readonly readOnlyCache?: boolean;
  readonly memory?: MemoryBudget;
  readonly onCache?: (counters: CacheCounters) => void;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /** Limits of the code analysis, when raised; part of the cache key. */
  readonly limits?: Partial<AnalysisLimits>;
}

/**
 * What binding a parsed program adds to the heap, as a share of what parsing it took (symbols,
 * flow nodes; measured on the bench projects: about 0.55).
 */
const BINDING_GROWTH = 0.6;

/**
 * The checkpoint `analyzeCode` calls inside its phases: stops near the limit, and before binding
 * (one call that cannot be interrupted) when what binding will add would cross it.
 */
function checkpointMemory(
  memory: MemoryBudget,
  describe: () => string,
): (where: () => string, next?: 'binding') => void {
  const start = memory.usedBytes();
  return (where, next) => {
    const upcoming =
      next === 'binding' ? Math.max(0, memory.usedBytes() - start) * BINDING_GROWTH : 0;
    const expected =
      upcoming > 0
        ? ` (binding the parsed files needs about ${Math.round(upcoming / 2 ** 20)} MB more)`
        : '';
    stopNearLimit(
      memory,
      upcoming,
      () => `${where()}${expected}; the run was ${describe().replace(/^while /, '')}`,
    );
  };
}

/** Throws a `MemoryLimitError` naming `part` when the heap, plus `upcoming` bytes, nears the limit. */
function stopNearLimit(memory: MemoryBudget, upcoming: number, part: () => string): void {
  const used = memory.usedBytes();
  if (used + upcoming <= memory.limitBytes * MEMORY_STOP) return;
  throw new MemoryLimitError(
    `the heap reached ${Math.round(used / 2 ** 20)} MB of the ${Math.round(memory.limitBytes / 2 ** 20)} MB limit ${part()}; raise --max-memory or split the run with --shard`,
  );
}

/** Share of the heap limit past which the run stops between phases. */
const MEMORY_STOP = 0.9;
/** A slice this close to the whole project is analysed whole (no temporary tsconfig). */
const WHOLE_PROJECT = 0.9;

/**
 * Runs the code analysis on what the run needs: the whole project, the slice a pull request
 * touches, or one shard's slice; reuses a stored result when the analyzer, policy, configuration
 * and every analysed file are unchanged. `owned` is set for a shard: only findings in those
 * files are its to report.
 */
export async function analyzeWithCache(
  options: CachedAnalysisOptions,
): Promise<{ analysis: CodeAnalysis; owned?: ReadonlySet<string> }> {
  const cache = await AnalysisCache.open(options.cacheDir, {
    readOnly: options.readOnlyCache === true,
    root: options.root,
  });
  const tsconfigPath = resolve(options.root, options.tsconfig ?? 'tsconfig.json');
  const configText = await readFile(tsconfigPath, 'utf8').catch(() => '');
  const baseKey = await configurationKey(options, cache, configText);
  const scope = await chooseScope(options, cache, tsconfigPath, configText);
  let analysis: CodeAnalysis;
  // A shard with no files still runs (on nothing): its vote on what only all shards decide counts.
  if (scope.slice !== undefined && scope.slice.length === 0 && options.shard === undefined) {
    // No project source changed, or no changed file can take part in a flow (an empty slice):
    // nothing in the code can have a new finding.
    analysis = { findings: [], diagnostics: [], stats: { files: 0, functions: 0 } };
  } else {
    analysis = await reuseOrAnalyse(options, cache, baseKey, scope);
  }
  // Facts parsed in this run are kept even when the analysis result was reused.
  await cache.save(undefined, undefined);
  options.onCache?.({ ...cache.counters });
  // A bad cache entry was ignored and the analysis ran again: the report says so.
  if (cache.problems.length > 0) {
    const ignored = cache.problems.map((message) => ({ code: 'cache-ignored' as const, message }));
    analysis = {
      ...analysis,
      diagnostics: [...analysis.diagnostics, ...ignored].sort(compareDiagnostics),
    };
  }
  return scope.owned === undefined ? { analysis } : { analysis, owned: scope.owned };
}

/** What one run analyses: the whole project or a slice, and the shard's own files. */
interface AnalysisScope {
  /** The files to analyse, relative to the root; the whole project when undefined. */
  readonly slice: readonly string[] | undefined;
  /** For a shard: the files whose findings are its to report. */
  readonly owned: ReadonlySet<string> | undefined;
  readonly graph: ModuleGraph | undefined;
  /** What the run is analysing, for a message when it runs out of memory. */
  readonly describe: () => string;
}

/** Phase 1: what every cached result depends on besides the files (analyzer, policy, configuration, manifests). */
async function configurationKey(
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
  configText: string,
): Promise<string[]> {
  const root = options.root;
  return [
    cache.fingerprint,
    hashText(JSON.stringify([relative(root, options.policy.file), options.policy.policy])),
    hashText(configText),
    hashText(await readFile(join(root, 'package.json'), 'utf8').catch(() => '')),
    hashText(await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => '')),
    ...(options.limits === undefined ? [] : [JSON.stringify(options.limits)]),
  ];
}

/** Phase 2: the module graph when the run needs one, and the slice of a shard or a pull request. */
async function chooseScope(
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
  tsconfigPath: string,
  configText: string,
): Promise<AnalysisScope> {
  const root = options.root;
  let slice: readonly string[] | undefined;
  let owned: Set<string> | undefined;
  let graph: ModuleGraph | undefined;
  let describe = () => `while analysing all ${options.projectFiles.length} files`;
  const needsGraph =
    options.shard !== undefined ||
    (options.changed !== undefined && !touchesConfiguration(options, tsconfigPath));
  // The TypeScript compiler is loaded only when the run needs it: a reused result does not.
  const graphs = needsGraph ? await import('./module-graph.js') : undefined;
  if (needsGraph && graphs && configText !== '') {
    graph = await graphs.buildModuleGraph(root, tsconfigPath, cache);
    if (options.memory) {
      const read = graph?.files.length ?? 0;
      stopNearLimit(options.memory, 0, () => `while reading the imports of ${read} files`);
    }
  }
  if (options.shard !== undefined) {
    const shard = options.shard;
    const files = graph?.files ?? options.projectFiles;
    const { assignShards, listShardUnits } = await import('../shard.js');
    const units = await listShardUnits(root, files, tsconfigPath);
    const mine: ShardUnit[] = assignShards(units, shard.count)[shard.index - 1]!;
    owned = new Set(mine.flatMap((unit) => unit.files));
    if (graph && graphs) {
      slice = graphs.shardSlice(graph, owned, await policyFiles(graph, options, cache));
    }
    describe = () =>
      `while analysing shard ${shard.index}/${shard.count} (${mine.map((unit) => `${unit.name}: ${unit.files.length} files`).join(', ') || 'no files'}; ${slice?.length ?? files.length} files with their dependencies)`;
  } else if (graph && graphs && options.changed !== undefined) {
    const changed = options.changed;
    let inert = false;
    if (changed.length > 0) {
      const { inertChange } = await import('./inert-change.js');
      inert = inertChange(graph, changed, {
        root,
        policyFile: resolve(options.policy.file),
        code: options.policy.policy.code,
        maxBytes: options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'],
        depth: options.limits?.depth ?? DEFAULT_LIMITS.depth,
      }).inert;
    }
    // A change that can take part in no flow (see `inertChange`) analyses nothing.
    const pullRequest = inert
      ? []
      : graphs.pullRequestSlice(graph, changed, await policyFiles(graph, options, cache));
    slice = pullRequest;
    describe = () =>
      `while analysing the ${pullRequest.length} files that the ${changed.length} changed files reach or are reached from`;
  }
  if (graph && slice && slice.length >= graph.files.length * WHOLE_PROJECT) slice = undefined;
  return { slice, owned, graph, describe };
}

/**
 * What every slice (a pull request's, a shard's) holds besides the files it analyses, with what
 * they import: the modules the policy maps, the files that import a package it maps (the program
 * must load it for the mapping to resolve) and the project's global declarations, which any file
 * may use. A mapping into a file a slice reads as empty would not resolve, and an unresolved
 * mapping in a slice is no error: what it maps would be silently unknown.
 */
async function policyFiles(
  graph: ModuleGraph,
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
): Promise<string[]> {
  const { policyModulesIn } = await import('./stand-ins.js');
  const { moduleMatcher } = await import('../code/reach.js');
  const policyModules = policyModulesIn(graph, standInContext(options, cache));
  const isMappedPackage = moduleMatcher(policyModules.packages);
  const importers = graph.files.filter((file) =>
    (graph.outside.get(file) ?? []).some((outside) => isMappedPackage(outside.specifier)),
  );
  return [...policyModules.all, ...importers, ...graph.globalFiles];
}

/** Phase 3: the stored result for these exact inputs, or a fresh analysis that is then stored. */
async function reuseOrAnalyse(
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
  baseKey: readonly string[],
  scope: AnalysisScope,
): Promise<CodeAnalysis> {
  const { slice, graph, describe } = scope;
  const hashes = graph?.hashes ?? hashFiles(cache, options.root, options.projectFiles);
  const files = slice ?? [...hashes.keys()].sort();
  const key = hashText(
    JSON.stringify([
      ...baseKey,
      slice === undefined,
      // A shard's analysis votes on what only all shards decide (purpose-unused).
      options.shard === undefined ? '' : `${options.shard.index}/${options.shard.count}`,
      files.map((file) => [file, hashes.get(file) ?? '']),
    ]),
  );
  const stored = await cache.result(key);
  if (stored) return stored;
  const checkMemory = () => {
    if (options.memory) stopNearLimit(options.memory, 0, describe);
  };
  checkMemory();
  const skip =
    graph && slice ? (await import('./module-graph.js')).reexportsOutside(graph, slice) : undefined;
  const standIns =
    options.shard !== undefined
      ? undefined
      : slice === undefined
        ? await wholeProgramStandIns(options, cache, hashes)
        : graph &&
          (await import('./stand-ins.js')).standIns(
            graph,
            standInContext(options, cache),
            new Set(slice),
          );
  // The program takes the texts read to hash, graph and decide instead of reading the files
  // again; the stand-ins' own texts are not needed.
  for (const file of standIns?.files.keys() ?? []) cache.takeText(file);
  const { externalFiles, ...analysis } = await analyzeSlice(
    options,
    cache,
    slice,
    skip,
    standIns,
    // Inside the analysis too: the program alone can outgrow the limit.
    options.memory === undefined ? undefined : checkpointMemory(options.memory, describe),
  );
  cache.forgetTexts();
  checkMemory();
  const inputs = (externalFiles ?? []).map(describeInput);
  // A result that read a file it can no longer describe is not kept: it could not be checked.
  if (inputs.every((input) => input !== undefined)) {
    await cache.save(key, { analysis, inputs });
  }
  return analysis;
}

/**
 * Runs `analyzeCode` on the whole project or on a slice, keeping the module facts of every file it
 * parses (so a full scan leaves what the next pull-request scan needs).
 */
async function analyzeSlice(
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
  slice: readonly string[] | undefined,
  skipReexports: ReadonlyMap<string, readonly string[]> | undefined,
  standIns: StandIns | undefined,
  onCheckpoint: ((where: () => string) => void) | undefined,
): Promise<CodeAnalysis> {
  const { runCodeAnalysis } = await import('../analyze-code.js');
  const { moduleFactsOf } = await import('./module-facts.js');
  return runCodeAnalysis({
    root: options.root,
    policy: options.policy,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(onCheckpoint === undefined ? {} : { onCheckpoint }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
    ...(options.changed === undefined ? {} : { onlyFiles: options.changed }),
    ...(slice === undefined ? {} : { files: slice }),
    ...(skipReexports === undefined || skipReexports.size === 0 ? {} : { skipReexports }),
    ...(standIns === undefined ? {} : { standIns }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    readText: (fileName) => cache.takeText(fileName),
    ...(options.cacheDir === undefined
      ? {}
      : { onSourceFile: (file) => cache.remember(hashText(file.text), () => moduleFactsOf(file)) }),
  });
}

/**
 * A whole-program analysis whose module facts are (nearly) all in the cache reads the files
 * that cannot matter as stand-ins (see `standIns`): the module graph then costs little, and the
 * checker binds only the rest. Without the facts (a first run, `--no-cache`), building the graph
 * would parse every file once more, so every file is bound as before.
 */
async function wholeProgramStandIns(
  options: CachedAnalysisOptions,
  cache: AnalysisCache,
  hashes: ReadonlyMap<string, string>,
): Promise<StandIns | undefined> {
  if (hashes.size === 0) return undefined;
  let known = 0;
  for (const hash of hashes.values()) if (cache.hasFacts(hash)) known += 1;
  if (known < hashes.size * WARM_FACTS) return undefined;
  const { buildModuleGraph } = await import('./module-graph.js');
  const tsconfigPath = resolve(options.root, options.tsconfig ?? 'tsconfig.json');
  const graph = await buildModuleGraph(options.root, tsconfigPath, cache);
  if (graph === undefined) return undefined;
  const { standIns } = await import('./stand-ins.js');
  return standIns(graph, standInContext(options, cache));
}

/** What `standIns` needs besides the module graph. */
function standInContext(options: CachedAnalysisOptions, cache: AnalysisCache): StandInContext {
  return {
    root: options.root,
    readText: (path) => cache.text(path),
    policyFile: resolve(options.policy.file),
    code: options.policy.policy.code,
    maxBytes: options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'],
    depth: options.limits?.depth ?? DEFAULT_LIMITS.depth,
  };
}

/** The share of files whose facts must be cached for a whole-program analysis to use stand-ins. */
const WARM_FACTS = 0.9;

/** A pull request that edits the policy, the tsconfig or the manifests changes what every file means. */
function touchesConfiguration(options: CachedAnalysisOptions, tsconfigPath: string): boolean {
  const configuration = new Set([
    relative(options.root, resolve(options.policy.file)).replaceAll('\\', '/'),
    relative(options.root, tsconfigPath).replaceAll('\\', '/'),
    'package.json',
    'package-lock.json',
  ]);
  return (options.changed ?? []).some(
    (file) => configuration.has(file) || /(^|\/)tsconfig[^/]*\.json$|\.d\.[cm]?ts$/.test(file),
  );
}

/** Content hashes of the files, read one after another (much faster than concurrent reads). */
function hashFiles(
  cache: AnalysisCache,
  root: string,
  files: readonly string[],
): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of files) {
    // An unreadable file hashes as empty; the analysis reports it.
    hashes.set(file, hashText(cache.text(join(root, file)) ?? ''));
  }
  return hashes;
}
