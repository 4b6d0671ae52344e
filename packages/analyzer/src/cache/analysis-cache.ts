import { createHash, randomBytes } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAnalysis } from '../analyze-code.js';
import { VERSION } from '../version.js';
import type { ModuleFacts } from './module-facts.js';

/** Bumped when the layout of the cache directory changes. */
const CACHE_FORMAT = 2;
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
 * never reads an old one's entries. Unreadable or corrupt entries are misses, never errors.
 */
export class AnalysisCache {
  readonly counters: CacheCounters = { factHits: 0, factMisses: 0, resultHits: 0, resultMisses: 0 };
  readonly #dir: string | undefined;
  #readOnly = false;
  readonly #fingerprint: string;
  readonly #facts: Map<string, ModuleFacts>;
  readonly #used = new Set<string>();
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
    options: { readonly readOnly?: boolean } = {},
  ): Promise<AnalysisCache> {
    const cache = await AnalysisCache.#open(dir);
    cache.#readOnly = options.readOnly === true;
    return cache;
  }

  static async #open(dir: string | undefined): Promise<AnalysisCache> {
    const fingerprint = await analyzerFingerprint();
    const facts = new Map<string, ModuleFacts>();
    const root = dir === undefined ? undefined : join(dir, `v${CACHE_FORMAT}`);
    if (root !== undefined) {
      const stored = await readJson(join(root, 'facts.json'));
      if (isRecord(stored) && stored.fingerprint === fingerprint && isRecord(stored.entries)) {
        for (const [hash, value] of Object.entries(stored.entries)) {
          facts.set(hash, value as ModuleFacts);
        }
      }
    }
    return new AnalysisCache(root, fingerprint, facts);
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
    const stored = await readJson(join(this.#dir, 'results', `${key}.json`));
    if (
      isRecord(stored) &&
      isRecord(stored.analysis) &&
      Array.isArray(stored.analysis.findings) &&
      Array.isArray(stored.analysis.diagnostics) &&
      Array.isArray(stored.inputs) &&
      inputsUnchanged(stored.inputs as ExternalInput[])
    ) {
      this.counters.resultHits += 1;
      return stored.analysis as unknown as CodeAnalysis;
    }
    this.counters.resultMisses += 1;
    return undefined;
  }

  /** Stores an analysis result under `key` and the facts seen in this run; write failures are ignored. */
  async save(key: string | undefined, stored: StoredResult | undefined): Promise<void> {
    if (this.#dir === undefined || this.#readOnly) return;
    try {
      if (key !== undefined && stored !== undefined) {
        await writeAtomic(join(this.#dir, 'results', `${key}.json`), JSON.stringify(stored));
        await pruneResults(join(this.#dir, 'results'));
      }
      if (this.#factsChanged) {
        // Only the facts of files seen in this run are kept, so the cache does not grow forever.
        const entries: Record<string, ModuleFacts> = {};
        for (const hash of [...this.#used].sort()) entries[hash] = this.#facts.get(hash)!;
        await writeAtomic(
          join(this.#dir, 'facts.json'),
          JSON.stringify({ fingerprint: this.#fingerprint, entries }),
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
    if (typeof input?.file !== 'string') return false;
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

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
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
