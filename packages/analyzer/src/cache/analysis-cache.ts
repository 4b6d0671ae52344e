import { createHash, randomBytes } from 'node:crypto';
import { constants, type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { open as openFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAnalysis } from '../analyze-code.js';
import { VERSION } from '../version.js';
import { isModuleFacts, isStoredResult } from './entry-schema.js';
import type { ModuleFacts } from './module-facts.js';
import { preparePrivateDirectory, untrusted } from './private-dir.js';

/** Bumped when the layout of the cache directory or of its entries changes. */
const CACHE_FORMAT = 3;
/** An entry larger than this is not read (no analysis result comes near it). */
const MAX_ENTRY_BYTES = 512 * 2 ** 20;
/** How many analysis results the cache keeps (the most recently written). */
const MAX_RESULTS = 16;

/** Hit and miss counts of one run, so tests (and curious users) can see what was reused. */
export interface CacheCounters {
  /** Files whose import/export facts came from the cache, and files parsed for them. */
  factHits: number;
  factMisses: number;
  /** Analyses reused whole, and analyses run. */
  resultHits: number;
  resultMisses: number;
}

/**
 * A file outside the project that an analysis read (a package's declaration file), as it was:
 * a stored result is reused only while every such file is unchanged.
 */
export interface ExternalInput {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

/** A stored analysis result with the files outside the project it depends on. */
export interface StoredResult {
  readonly analysis: CodeAnalysis;
  readonly inputs: readonly ExternalInput[];
}

/** The SHA-256 of a text (or of raw bytes), in hex. */
export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A content-addressed cache of per-file module facts and of analysis results, kept in a directory
 * (or only in memory when none is given). Keys hold the analyzer's fingerprint, so a new analyzer
 * never reads an old one's entries. Every entry names its format, the analyzer that wrote it and
 * the key of its inputs, with a hash of its content, and is checked field by field before use: a
 * bad one is a miss and a `problem`, never an error or a trusted result. The directories are
 * created 0700; one another user owns (or everyone may write) is not used at all, and neither is
 * an entry that is not a regular file of the user's.
 */
export class AnalysisCache {
  readonly counters: CacheCounters = { factHits: 0, factMisses: 0, resultHits: 0, resultMisses: 0 };
  readonly #dir: string | undefined;
  #readOnly = false;
  readonly #fingerprint: string;
  readonly #facts: Map<string, ModuleFacts>;
  readonly #used = new Set<string>();
  readonly #texts = new Map<string, string | undefined>();
  readonly #problems: string[] = [];
  #shown: (path: string) => string = (path) => path;
  #factsChanged = false;

  private constructor(
    dir: string | undefined,
    fingerprint: string,
    facts: Map<string, ModuleFacts>,
  ) {
    this.#dir = dir;
    this.#fingerprint = fingerprint;
    this.#facts = facts;
  }

  /**
   * Opens the cache in `dir` (created on save), or an in-memory cache when `dir` is undefined; a
   * read-only cache reuses what is there and never writes.
   */
  static async open(
    dir: string | undefined,
    options: { readonly readOnly?: boolean; readonly root?: string } = {},
  ): Promise<AnalysisCache> {
    const readOnly = options.readOnly === true;
    // Problems name paths relative to the analysed directory, as reports do.
    const shown = (path: string) =>
      options.root === undefined ? path : relative(options.root, path).replaceAll('\\', '/') || '.';
    const fingerprint = await analyzerFingerprint();
    const problems: string[] = [];
    let root = dir === undefined ? undefined : join(dir, `v${CACHE_FORMAT}`);
    if (dir !== undefined && root !== undefined) {
      for (const directory of [dir, root, join(root, 'results')]) {
        const refused = checkDirectory(directory, !readOnly);
        if (refused !== undefined) {
          problems.push(
            `the cache directory ${shown(directory)} ${refused}; the run does not use the cache`,
          );
          root = undefined;
          break;
        }
      }
    }
    const facts = new Map<string, ModuleFacts>();
    if (root !== undefined) {
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
    const cache = new AnalysisCache(root, fingerprint, facts);
    cache.#shown = shown;
    cache.#readOnly = readOnly;
    cache.#problems.push(...problems);
    return cache;
  }

  /** What was wrong with the cache (a refused directory, bad entries): each was ignored. */
  get problems(): readonly string[] {
    return this.#problems;
  }

  /** The analyzer's fingerprint: its version and a hash of its own code. */
  get fingerprint(): string {
    return this.#fingerprint;
  }

  /** The facts of a file with content hash `hash`, computing and keeping them on a miss. */
  facts(hash: string, compute: () => ModuleFacts): ModuleFacts {
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
  text(path: string): string | undefined {
    path = path.replaceAll('\\', '/');
    if (this.#texts.has(path)) return this.#texts.get(path);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    this.#texts.set(path, text);
    return text;
  }

  /**
   * The text of a file read earlier in the run, handed over and no longer held here; undefined
   * when it was not read (the caller then reads it itself).
   */
  takeText(path: string): string | undefined {
    path = path.replaceAll('\\', '/');
    const text = this.#texts.get(path);
    this.#texts.delete(path);
    return text;
  }

  /** Drops the texts read so far, once no step of the run needs them again. */
  forgetTexts(): void {
    this.#texts.clear();
  }

  /** Whether the facts of a file with content hash `hash` are known, without using them. */
  hasFacts(hash: string): boolean {
    return this.#facts.has(hash);
  }

  /** Keeps the facts of a file the analysis parsed anyway; not counted as a hit or a miss. */
  remember(hash: string, compute: () => ModuleFacts): void {
    this.#used.add(hash);
    if (this.#facts.has(hash)) return;
    this.#facts.set(hash, compute());
    this.#factsChanged = true;
  }

  /**
   * A stored analysis result for `key`, if any and if every file outside the project it read is
   * unchanged (same size and modification time, or else the same content).
   */
  async result(key: string): Promise<CodeAnalysis | undefined> {
    if (this.#dir === undefined) return undefined;
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
    return undefined;
  }

  /** Stores an analysis result under `key` and the facts seen in this run; write failures are ignored. */
  async save(key: string | undefined, stored: StoredResult | undefined): Promise<void> {
    if (this.#dir === undefined || this.#readOnly) return;
    try {
      if (key !== undefined && stored !== undefined) {
        await writeAtomic(
          join(this.#dir, 'results', `${key}.json`),
          entryText(this.#fingerprint, key, stored),
        );
        await pruneResults(join(this.#dir, 'results'));
      }
      if (this.#factsChanged) {
        // Only the facts of files seen in this run are kept, so the cache does not grow forever.
        const entries: Record<string, ModuleFacts> = {};
        for (const hash of [...this.#used].sort()) entries[hash] = this.#facts.get(hash)!;
        await writeAtomic(
          join(this.#dir, 'facts.json'),
          entryText(this.#fingerprint, 'facts', entries),
        );
        this.#factsChanged = false;
      }
    } catch {
      // A read-only or full disk costs the next run its speed, not this run its result.
    }
  }
}

/** Hashes the analyzer's own code next to this module (the bundle, or the sources in development). */
async function analyzerFingerprint(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const base = here.endsWith(`${join('src', 'cache')}`) ? dirname(here) : here;
  const hash = createHash('sha256').update(`${VERSION}\0${CACHE_FORMAT}\0`);
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[] = [];
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

/** What a file outside the project is now, for `ExternalInput`; undefined when it cannot be read. */
export function describeInput(file: string): ExternalInput | undefined {
  try {
    const info = statSync(file);
    return { file, size: info.size, mtimeMs: info.mtimeMs, hash: hashText(readFileSync(file)) };
  } catch {
    return undefined;
  }
}

function inputsUnchanged(inputs: readonly ExternalInput[]): boolean {
  return inputs.every((input) => {
    try {
      const info = statSync(input.file);
      if (info.size !== input.size) return false;
      if (info.mtimeMs === input.mtimeMs) return true;
      // Touched but perhaps not changed (a reinstall): the content decides.
      return hashText(readFileSync(input.file)) === input.hash;
    } catch {
      return false;
    }
  });
}

/**
 * An entry as stored: its format, the analyzer that wrote it, the key of its inputs, and the hash
 * of its content, which is kept as text so the hash covers exactly what is read back.
 */
function entryText(tool: string, key: string, value: unknown): string {
  const content = JSON.stringify(value);
  return JSON.stringify({ format: CACHE_FORMAT, tool, key, sha256: hashText(content), content });
}

/**
 * Reads the entry at `path` written for `key` by analyzer `tool`: its value, nothing when there
 * is none (or another analyzer's, which is merely stale), or the problem that makes it unusable.
 * A FIFO or device in its place is refused without being read, so it cannot hang the run.
 */
async function readEntry(
  path: string,
  tool: string,
  key: string,
): Promise<{ value: unknown } | { problem: string } | { missing: true }> {
  let handle: Awaited<ReturnType<typeof openFile>>;
  try {
    handle = await openFile(
      path,
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { missing: true };
    return {
      problem: code === 'ELOOP' ? 'is a symbolic link' : `cannot be read (${String(code)})`,
    };
  }
  let text: string;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: 'is not a regular file' };
    const refused = untrusted(info);
    if (refused !== undefined) return { problem: refused };
    if (info.size > MAX_ENTRY_BYTES) return { problem: `is larger than ${MAX_ENTRY_BYTES} bytes` };
    text = await handle.readFile('utf8');
  } catch (error) {
    return { problem: `cannot be read (${String((error as { code?: unknown }).code)})` };
  } finally {
    await handle.close().catch(() => {});
  }
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (!isRecord(entry) || entry.format !== CACHE_FORMAT || typeof entry.content !== 'string') {
    return { problem: 'is not a Consentry cache entry' };
  }
  // Another analyzer's facts are stale, not wrong; a result file names its key, so a result of
  // another analyzer or for other inputs under this name was put there by hand.
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

/** Why the directory cannot hold the cache, or undefined; missing ones are created when `create`. */
function checkDirectory(dir: string, create: boolean): string | undefined {
  if (create) return preparePrivateDirectory(dir);
  try {
    return untrusted(statSync(dir));
  } catch {
    // Nothing to read yet.
    return undefined;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function pruneResults(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  if (names.length <= MAX_RESULTS) return;
  const dated = await Promise.all(
    names.map(async (name) => ({ name, time: (await stat(join(dir, name))).mtimeMs })),
  );
  dated.sort((a, b) => b.time - a.time || (a.name < b.name ? -1 : 1));
  for (const { name } of dated.slice(MAX_RESULTS)) await rm(join(dir, name), { force: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
