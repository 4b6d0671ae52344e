// src/cache/run-analysis.ts
import { readFile } from 'fs/promises';
import { join, relative, resolve } from 'path';
import { compareDiagnostics } from './chunk-A225JWGS.js';
import { UsageError } from './chunk-F76QMANB.js';
import { DEFAULT_LIMITS } from './chunk-OKVXSYHK.js';
import { AnalysisCache, describeInput, hashText } from './chunk-QRAMNOBA.js';

var MemoryLimitError = class extends UsageError {
  name = 'MemoryLimitError';
};
var BINDING_GROWTH = 0.6;
function checkpointMemory(memory, describe) {
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
function stopNearLimit(memory, upcoming, part) {
  const used = memory.usedBytes();
  if (used + upcoming <= memory.limitBytes * MEMORY_STOP) return;
  throw new MemoryLimitError(
    `the heap reached ${Math.round(used / 2 ** 20)} MB of the ${Math.round(memory.limitBytes / 2 ** 20)} MB limit ${part()}; raise --max-memory or split the run with --shard`,
  );
}
var MEMORY_STOP = 0.9;
var WHOLE_PROJECT = 0.9;
async function analyzeWithCache(options) {
  const cache = await AnalysisCache.open(options.cacheDir, {
    readOnly: options.readOnlyCache === true,
    root: options.root,
  });
  const tsconfigPath = resolve(options.root, options.tsconfig ?? 'tsconfig.json');
  const configText = await readFile(tsconfigPath, 'utf8').catch(() => '');
  const baseKey = await configurationKey(options, cache, configText);
  const scope = await chooseScope(options, cache, tsconfigPath, configText);
  let analysis;
  if (scope.slice !== void 0 && scope.slice.length === 0 && options.shard === void 0) {
    analysis = { findings: [], diagnostics: [], stats: { files: 0, functions: 0 } };
  } else {
    analysis = await reuseOrAnalyse(options, cache, baseKey, scope);
  }
  await cache.save(void 0, void 0);
  options.onCache?.({ ...cache.counters });
  if (cache.problems.length > 0) {
    const ignored = cache.problems.map((message) => ({ code: 'cache-ignored', message }));
    analysis = {
      ...analysis,
      diagnostics: [...analysis.diagnostics, ...ignored].sort(compareDiagnostics),
    };
  }
  return scope.owned === void 0 ? { analysis } : { analysis, owned: scope.owned };
}
async function configurationKey(options, cache, configText) {
  const root = options.root;
  return [
    cache.fingerprint,
    hashText(JSON.stringify([relative(root, options.policy.file), options.policy.policy])),
    hashText(configText),
    hashText(await readFile(join(root, 'package.json'), 'utf8').catch(() => '')),
    hashText(await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => '')),
    ...(options.limits === void 0 ? [] : [JSON.stringify(options.limits)]),
  ];
}
async function chooseScope(options, cache, tsconfigPath, configText) {
  const root = options.root;
  let slice;
  let owned;
  let graph;
  let describe = () => `while analysing all ${options.projectFiles.length} files`;
  const needsGraph =
    options.shard !== void 0 ||
    (options.changed !== void 0 && !touchesConfiguration(options, tsconfigPath));
  const graphs = needsGraph ? await import('./module-graph-AKBARQMC.js') : void 0;
  if (needsGraph && graphs && configText !== '') {
    graph = await graphs.buildModuleGraph(root, tsconfigPath, cache);
    if (options.memory) {
      const read = graph?.files.length ?? 0;
      stopNearLimit(options.memory, 0, () => `while reading the imports of ${read} files`);
    }
  }
  if (options.shard !== void 0) {
    const shard = options.shard;
    const files = graph?.files ?? options.projectFiles;
    const { assignShards, listShardUnits } = await import('./shard-FRO2LSGO.js');
    const units = await listShardUnits(root, files, tsconfigPath);
    const mine = assignShards(units, shard.count)[shard.index - 1];
    owned = new Set(mine.flatMap((unit) => unit.files));
    if (graph && graphs) {
      slice = graphs.shardSlice(graph, owned, await policyFiles(graph, options, cache));
    }
    describe = () =>
      `while analysing shard ${shard.index}/${shard.count} (${mine.map((unit) => `${unit.name}: ${unit.files.length} files`).join(', ') || 'no files'}; ${slice?.length ?? files.length} files with their dependencies)`;
  } else if (graph && graphs && options.changed !== void 0) {
    const changed = options.changed;
    let inert = false;
    if (changed.length > 0) {
      const { inertChange } = await import('./inert-change-52QCXU57.js');
      inert = inertChange(graph, changed, {
        root,
        policyFile: resolve(options.policy.file),
        code: options.policy.policy.code,
        maxBytes: options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'],
        depth: options.limits?.depth ?? DEFAULT_LIMITS.depth,
      }).inert;
    }
    const pullRequest = inert
      ? []
      : graphs.pullRequestSlice(graph, changed, await policyFiles(graph, options, cache));
    slice = pullRequest;
    describe = () =>
      `while analysing the ${pullRequest.length} files that the ${changed.length} changed files reach or are reached from`;
  }
  if (graph && slice && slice.length >= graph.files.length * WHOLE_PROJECT) slice = void 0;
  return { slice, owned, graph, describe };
}
async function policyFiles(graph, options, cache) {
  const { policyModulesIn } = await import('./stand-ins-MBPPCJEO.js');
  const { moduleMatcher } = await import('./reach-4B4VT2MV.js');
  const policyModules = policyModulesIn(graph, standInContext(options, cache));
  const isMappedPackage = moduleMatcher(policyModules.packages);
  const importers = graph.files.filter((file) =>
    (graph.outside.get(file) ?? []).some((outside) => isMappedPackage(outside.specifier)),
  );
  return [...policyModules.all, ...importers, ...graph.globalFiles];
}
async function reuseOrAnalyse(options, cache, baseKey, scope) {
  const { slice, graph, describe } = scope;
  const hashes = graph?.hashes ?? hashFiles(cache, options.root, options.projectFiles);
  const files = slice ?? [...hashes.keys()].sort();
  const key = hashText(
    JSON.stringify([
      ...baseKey,
      slice === void 0,
      // A shard's analysis votes on what only all shards decide (purpose-unused).
      options.shard === void 0 ? '' : `${options.shard.index}/${options.shard.count}`,
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
    graph && slice
      ? (await import('./module-graph-AKBARQMC.js')).reexportsOutside(graph, slice)
      : void 0;
  const standIns =
    options.shard !== void 0
      ? void 0
      : slice === void 0
        ? await wholeProgramStandIns(options, cache, hashes)
        : graph &&
          (await import('./stand-ins-MBPPCJEO.js')).standIns(
            graph,
            standInContext(options, cache),
            new Set(slice),
          );
  for (const file of standIns?.files.keys() ?? []) cache.takeText(file);
  const { externalFiles, ...analysis } = await analyzeSlice(
    options,
    cache,
    slice,
    skip,
    standIns,
    // Inside the analysis too: the program alone can outgrow the limit.
    options.memory === void 0 ? void 0 : checkpointMemory(options.memory, describe),
  );
  cache.forgetTexts();
  checkMemory();
  const inputs = (externalFiles ?? []).map(describeInput);
  if (inputs.every((input) => input !== void 0)) {
    await cache.save(key, { analysis, inputs });
  }
  return analysis;
}
async function analyzeSlice(options, cache, slice, skipReexports, standIns, onCheckpoint) {
  const { runCodeAnalysis } = await import('./analyze-code-CRLHN2Z2.js');
  const { moduleFactsOf } = await import('./module-facts-NHTARLK4.js');
  return runCodeAnalysis({
    root: options.root,
    policy: options.policy,
    ...(options.onProgress === void 0 ? {} : { onProgress: options.onProgress }),
    ...(onCheckpoint === void 0 ? {} : { onCheckpoint }),
    ...(options.shard === void 0 ? {} : { shard: options.shard }),
    ...(options.tsconfig === void 0 ? {} : { tsconfig: options.tsconfig }),
    ...(options.changed === void 0 ? {} : { onlyFiles: options.changed }),
    ...(slice === void 0 ? {} : { files: slice }),
    ...(skipReexports === void 0 || skipReexports.size === 0 ? {} : { skipReexports }),
    ...(standIns === void 0 ? {} : { standIns }),
    ...(options.limits === void 0 ? {} : { limits: options.limits }),
    readText: (fileName) => cache.takeText(fileName),
    ...(options.cacheDir === void 0
      ? {}
      : { onSourceFile: (file) => cache.remember(hashText(file.text), () => moduleFactsOf(file)) }),
  });
}
async function wholeProgramStandIns(options, cache, hashes) {
  if (hashes.size === 0) return void 0;
  let known = 0;
  for (const hash of hashes.values()) if (cache.hasFacts(hash)) known += 1;
  if (known < hashes.size * WARM_FACTS) return void 0;
  const { buildModuleGraph } = await import('./module-graph-AKBARQMC.js');
  const tsconfigPath = resolve(options.root, options.tsconfig ?? 'tsconfig.json');
  const graph = await buildModuleGraph(options.root, tsconfigPath, cache);
  if (graph === void 0) return void 0;
  const { standIns } = await import('./stand-ins-MBPPCJEO.js');
  return standIns(graph, standInContext(options, cache));
}
function standInContext(options, cache) {
  return {
    root: options.root,
    readText: (path) => cache.text(path),
    policyFile: resolve(options.policy.file),
    code: options.policy.policy.code,
    maxBytes: options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'],
    depth: options.limits?.depth ?? DEFAULT_LIMITS.depth,
  };
}
var WARM_FACTS = 0.9;
function touchesConfiguration(options, tsconfigPath) {
  const configuration = /* @__PURE__ */ new Set([
    relative(options.root, resolve(options.policy.file)).replaceAll('\\', '/'),
    relative(options.root, tsconfigPath).replaceAll('\\', '/'),
    'package.json',
    'package-lock.json',
  ]);
  return (options.changed ?? []).some(
    (file) => configuration.has(file) || /(^|\/)tsconfig[^/]*\.json$|\.d\.[cm]?ts$/.test(file),
  );
}
function hashFiles(cache, root, files) {
  const hashes = /* @__PURE__ */ new Map();
  for (const file of files) {
    hashes.set(file, hashText(cache.text(join(root, file)) ?? ''));
  }
  return hashes;
}

export { analyzeWithCache, MemoryLimitError };
//# sourceMappingURL=chunk-F46BM2TN.js.map
