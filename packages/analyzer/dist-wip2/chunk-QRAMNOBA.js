// src/cache/analysis-cache.ts
import { createHash, randomBytes } from 'crypto';
import { constants, readdirSync, readFileSync, statSync } from 'fs';
import { open as openFile, readdir, rename, rm, stat, writeFile } from 'fs/promises';
import { dirname, join, relative } from 'path';
import { fileURLToPath } from 'url';
import { preparePrivateDirectory, untrusted } from './chunk-2FIN6ECR.js';
import { SEVERITIES } from './chunk-TAJRGIDQ.js';
import { VERSION } from './chunk-XG7IDEMH.js';

// src/cache/entry-schema.ts
var isString = (value) => typeof value === 'string';
var isBoolean = (value) => typeof value === 'boolean';
var isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
var isCount = (value) => Number.isSafeInteger(value) && value >= 0;
var isPosition = (value) => Number.isSafeInteger(value) && value >= 1;
var arrayOf = (item) => (value) => Array.isArray(value) && value.every(item);
var isStrings = arrayOf(isString);
function shape(required, optional = {}) {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value;
    for (const [key, check] of Object.entries(required)) if (!check(record[key])) return false;
    for (const [key, field] of Object.entries(record)) {
      const check = required[key] ?? optional[key];
      if (check === void 0 || (!(key in required) && field !== void 0 && !check(field))) {
        return false;
      }
    }
    return true;
  };
}
var location = { file: isString, line: isPosition, column: isPosition };
var isFlowStep = shape(
  { ...location, note: isString },
  { endLine: isPosition, endColumn: isPosition },
);
var isFinding = shape(
  {
    ...location,
    ruleId: isString,
    severity: (value) => SEVERITIES.includes(value),
    message: isString,
    origin: (value) => value === 'code' || value === 'policy' || value === 'record',
  },
  {
    endLine: isPosition,
    endColumn: isPosition,
    detail: isString,
    purpose: isString,
    tiers: isStrings,
    flow: arrayOf(isFlowStep),
    shardVote: shape({ index: isPosition, count: isPosition, processing: isBoolean }),
  },
);
var isDiagnostic = shape(
  { code: isString, message: isString },
  { file: isString, line: isPosition, column: isPosition },
);
var isEvidence = shape({
  sinks: arrayOf(
    shape({
      ...location,
      symbol: isString,
      sink: isString,
      purposes: isStrings,
      categories: isStrings,
      unguardedTiers: isStrings,
    }),
  ),
  guards: arrayOf(
    shape({
      ...location,
      symbol: isString,
      guard: isString,
      purposes: isStrings,
      tiers: isStrings,
    }),
  ),
});
var isAnalysis = shape(
  {
    findings: arrayOf(isFinding),
    diagnostics: arrayOf(isDiagnostic),
    stats: shape({ files: isCount, functions: isCount }),
  },
  { evidence: isEvidence, externalFiles: isStrings },
);
var isInput = shape({ file: isString, size: isCount, mtimeMs: isNumber, hash: isString });
function isStoredResult(value) {
  return shape({ analysis: isAnalysis, inputs: arrayOf(isInput) })(value);
}
var isImport = shape({
  specifier: isString,
  names: (value) => value === null || isStrings(value),
});
function isModuleFacts(value) {
  return shape({
    imports: arrayOf(isImport),
    exports: isStrings,
    stars: isStrings,
    reexports: arrayOf(shape({ specifier: isString, name: isString, as: isString })),
    heritage: arrayOf(isImport),
    localHeritage: isStrings,
    loads: isStrings,
    module: isBoolean,
    syntaxError: isBoolean,
    functions: isCount,
    collection: isBoolean,
    eventCall: isBoolean,
  })(value);
}

// src/cache/analysis-cache.ts
var CACHE_FORMAT = 3;
var MAX_ENTRY_BYTES = 512 * 2 ** 20;
var MAX_RESULTS = 16;
function hashText(text) {
  return createHash('sha256').update(text).digest('hex');
}
var AnalysisCache = class _AnalysisCache {
  counters = { factHits: 0, factMisses: 0, resultHits: 0, resultMisses: 0 };
  #dir;
  #readOnly = false;
  #fingerprint;
  #facts;
  #used = /* @__PURE__ */ new Set();
  #texts = /* @__PURE__ */ new Map();
  #problems = [];
  #shown = (path) => path;
  #factsChanged = false;
  constructor(dir, fingerprint, facts) {
    this.#dir = dir;
    this.#fingerprint = fingerprint;
    this.#facts = facts;
  }
  /**
   * Opens the cache in `dir` (created on save), or an in-memory cache when `dir` is undefined; a
   * read-only cache reuses what is there and never writes.
   */
  static async open(dir, options = {}) {
    const readOnly = options.readOnly === true;
    const shown = (path) =>
      options.root === void 0 ? path : relative(options.root, path).replaceAll('\\', '/') || '.';
    const fingerprint = await analyzerFingerprint();
    const problems = [];
    let root = dir === void 0 ? void 0 : join(dir, `v${CACHE_FORMAT}`);
    if (dir !== void 0 && root !== void 0) {
      for (const directory of [dir, root, join(root, 'results')]) {
        const refused = checkDirectory(directory, !readOnly);
        if (refused !== void 0) {
          problems.push(
            `the cache directory ${shown(directory)} ${refused}; the run does not use the cache`,
          );
          root = void 0;
          break;
        }
      }
    }
    const facts = /* @__PURE__ */ new Map();
    if (root !== void 0) {
      const path = join(root, 'facts.json');
      const stored = await readEntry(path, fingerprint, 'facts');
      if ('problem' in stored) {
        problems.push(`the cache entry ${shown(path)} ${stored.problem}; ignored`);
      } else if ('value' in stored && isRecord(stored.value)) {
        let bad = 0;
        for (const [hash, value] of Object.entries(stored.value)) {
          if (/^[0-9a-f]{64}$/.test(hash) && isModuleFacts(value)) facts.set(hash, value);
          else bad += 1;
        }
        if (bad > 0) {
          problems.push(
            `the cache entry ${shown(path)} holds ${bad} malformed file facts; ignored`,
          );
        }
      }
    }
    const cache = new _AnalysisCache(root, fingerprint, facts);
    cache.#shown = shown;
    cache.#readOnly = readOnly;
    cache.#problems.push(...problems);
    return cache;
  }
  /** What was wrong with the cache (a refused directory, bad entries): each was ignored. */
  get problems() {
    return this.#problems;
  }
  /** The analyzer's fingerprint: its version and a hash of its own code. */
  get fingerprint() {
    return this.#fingerprint;
  }
  /** The facts of a file with content hash `hash`, computing and keeping them on a miss. */
  facts(hash, compute) {
    this.#used.add(hash);
    const known = this.#facts.get(hash);
    if (known) {
      this.counters.factHits += 1;
      return known;
    }
    this.counters.factMisses += 1;
    const facts = compute();
    this.#facts.set(hash, facts);
    this.#factsChanged = true;
    return facts;
  }
  /**
   * The text of a file (absolute path), read once per run however many steps ask for it (the
   * result key's hashes, the module graph, the stand-ins); undefined when it cannot be read.
   */
  text(path) {
    path = path.replaceAll('\\', '/');
    if (this.#texts.has(path)) return this.#texts.get(path);
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = void 0;
    }
    this.#texts.set(path, text);
    return text;
  }
  /**
   * The text of a file read earlier in the run, handed over and no longer held here; undefined
   * when it was not read (the caller then reads it itself).
   */
  takeText(path) {
    path = path.replaceAll('\\', '/');
    const text = this.#texts.get(path);
    this.#texts.delete(path);
    return text;
  }
  /** Drops the texts read so far, once no step of the run needs them again. */
  forgetTexts() {
    this.#texts.clear();
  }
  /** Whether the facts of a file with content hash `hash` are known, without using them. */
  hasFacts(hash) {
    return this.#facts.has(hash);
  }
  /** Keeps the facts of a file the analysis parsed anyway; not counted as a hit or a miss. */
  remember(hash, compute) {
    this.#used.add(hash);
    if (this.#facts.has(hash)) return;
    this.#facts.set(hash, compute());
    this.#factsChanged = true;
  }
  /**
   * A stored analysis result for `key`, if any and if every file outside the project it read is
   * unchanged (same size and modification time, or else the same content).
   */
  async result(key) {
    if (this.#dir === void 0) return void 0;
    const path = join(this.#dir, 'results', `${key}.json`);
    const stored = await readEntry(path, this.#fingerprint, key);
    if ('value' in stored) {
      if (isStoredResult(stored.value)) {
        if (inputsUnchanged(stored.value.inputs)) {
          this.counters.resultHits += 1;
          return stored.value.analysis;
        }
      } else {
        this.#problems.push(
          `the cache entry ${this.#shown(path)} is not a well-formed analysis result; ignored`,
        );
      }
    } else if ('problem' in stored) {
      this.#problems.push(`the cache entry ${this.#shown(path)} ${stored.problem}; ignored`);
    }
    this.counters.resultMisses += 1;
    return void 0;
  }
  /** Stores an analysis result under `key` and the facts seen in this run; write failures are ignored. */
  async save(key, stored) {
    if (this.#dir === void 0 || this.#readOnly) return;
    try {
      if (key !== void 0 && stored !== void 0) {
        await writeAtomic(
          join(this.#dir, 'results', `${key}.json`),
          entryText(this.#fingerprint, key, stored),
        );
        await pruneResults(join(this.#dir, 'results'));
      }
      if (this.#factsChanged) {
        const entries = {};
        for (const hash of [...this.#used].sort()) entries[hash] = this.#facts.get(hash);
        await writeAtomic(
          join(this.#dir, 'facts.json'),
          entryText(this.#fingerprint, 'facts', entries),
        );
        this.#factsChanged = false;
      }
    } catch {}
  }
};
async function analyzerFingerprint() {
  const here = dirname(fileURLToPath(import.meta.url));
  const base = here.endsWith(`${join('src', 'cache')}`) ? dirname(here) : here;
  const hash = createHash('sha256').update(`${VERSION}\0${CACHE_FORMAT}\0`);
  const walk = (dir, depth) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 4) walk(path, depth + 1);
      else if (entry.isFile() && /\.(?:[cm]?js|ts)$/.test(entry.name)) {
        hash.update(entry.name).update(readFileSync(path));
      }
    }
  };
  walk(base, 0);
  return `${VERSION}-${hash.digest('hex').slice(0, 16)}`;
}
function describeInput(file) {
  try {
    const info = statSync(file);
    return { file, size: info.size, mtimeMs: info.mtimeMs, hash: hashText(readFileSync(file)) };
  } catch {
    return void 0;
  }
}
function inputsUnchanged(inputs) {
  return inputs.every((input) => {
    try {
      const info = statSync(input.file);
      if (info.size !== input.size) return false;
      if (info.mtimeMs === input.mtimeMs) return true;
      return hashText(readFileSync(input.file)) === input.hash;
    } catch {
      return false;
    }
  });
}
function entryText(tool, key, value) {
  const content = JSON.stringify(value);
  return JSON.stringify({ format: CACHE_FORMAT, tool, key, sha256: hashText(content), content });
}
async function readEntry(path, tool, key) {
  let handle;
  try {
    handle = await openFile(
      path,
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    const code = error.code;
    if (code === 'ENOENT') return { missing: true };
    return {
      problem: code === 'ELOOP' ? 'is a symbolic link' : `cannot be read (${String(code)})`,
    };
  }
  let text;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: 'is not a regular file' };
    const refused = untrusted(info);
    if (refused !== void 0) return { problem: refused };
    if (info.size > MAX_ENTRY_BYTES) return { problem: `is larger than ${MAX_ENTRY_BYTES} bytes` };
    text = await handle.readFile('utf8');
  } catch (error) {
    return { problem: `cannot be read (${String(error.code)})` };
  } finally {
    await handle.close().catch(() => {});
  }
  let entry;
  try {
    entry = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (!isRecord(entry) || entry.format !== CACHE_FORMAT || typeof entry.content !== 'string') {
    return { problem: 'is not a Consentry cache entry' };
  }
  if (entry.tool !== tool) {
    return key === 'facts' ? { missing: true } : { problem: 'was written by another analyzer' };
  }
  if (entry.key !== key) {
    return { problem: 'is stored for other inputs' };
  }
  if (entry.sha256 !== hashText(entry.content)) {
    return { problem: 'does not match its hash (changed after it was written)' };
  }
  try {
    return { value: JSON.parse(entry.content) };
  } catch {
    return { problem: 'is not valid JSON' };
  }
}
function checkDirectory(dir, create) {
  if (create) return preparePrivateDirectory(dir);
  try {
    return untrusted(statSync(dir));
  } catch {
    return void 0;
  }
}
async function writeAtomic(path, text) {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: 'utf8', mode: 384 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
async function pruneResults(dir) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  if (names.length <= MAX_RESULTS) return;
  const dated = await Promise.all(
    names.map(async (name) => ({ name, time: (await stat(join(dir, name))).mtimeMs })),
  );
  dated.sort((a, b) => b.time - a.time || (a.name < b.name ? -1 : 1));
  for (const { name } of dated.slice(MAX_RESULTS)) await rm(join(dir, name), { force: true });
}
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { AnalysisCache, describeInput, hashText };
//# sourceMappingURL=chunk-QRAMNOBA.js.map
