import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { ts } from 'ts-morph';

// `--shard i/n` itself is parsed in shard-spec.ts, which the CLI loads without the compiler.
export { parseShard, type ShardSpec } from './shard-spec.js';

/** A part of a project that goes to one shard whole: a workspace package, a tsconfig project or a directory. */
export interface ShardUnit {
  /** Its directory relative to the root (`.` for files outside every package). */
  readonly name: string;
  /** Its source files, relative to the root, sorted. */
  readonly files: readonly string[];
}

/**
 * Splits the project's source files into shard units. In order of preference: the workspace
 * packages of the root package.json (`workspaces`), the projects the tsconfig references
 * (`references`), else the directories one level below the files' common directory.
 */
export async function listShardUnits(
  root: string,
  files: readonly string[],
  tsconfigPath: string,
): Promise<ShardUnit[]> {
  const directories =
    (await workspaceDirectories(root)) ?? referencedProjects(root, tsconfigPath) ?? [];
  if (directories.length > 0) {
    const sorted = [...new Set(directories)].sort(
      (a, b) => b.length - a.length || (a < b ? -1 : 1),
    );
    return group(files, (file) => sorted.find((dir) => file.startsWith(`${dir}/`)) ?? '.');
  }
  const common = commonDirectory(files);
  return group(files, (file) => {
    const rest = common === '' ? file : file.slice(common.length + 1);
    const slash = rest.indexOf('/');
    return slash === -1 ? common || '.' : posix.join(common, rest.slice(0, slash));
  });
}

/**
 * Assigns units to shards: largest unit first (ties by name) into the shard with the fewest
 * files so far (ties by the lower index). The same units and count always give the same result.
 */
export function assignShards(units: readonly ShardUnit[], count: number): ShardUnit[][] {
  const shards: ShardUnit[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  const order = [...units].sort(
    (a, b) => b.files.length - a.files.length || (a.name < b.name ? -1 : 1),
  );
  for (const unit of order) {
    let target = 0;
    for (let index = 1; index < count; index++) if (load[index]! < load[target]!) target = index;
    shards[target]!.push(unit);
    load[target]! += unit.files.length;
  }
  for (const shard of shards) shard.sort((a, b) => (a.name < b.name ? -1 : 1));
  return shards;
}

function group(files: readonly string[], unitOf: (file: string) => string): ShardUnit[] {
  const byUnit = new Map<string, string[]>();
  for (const file of files) {
    const name = unitOf(file);
    const list = byUnit.get(name) ?? [];
    list.push(file);
    byUnit.set(name, list);
  }
  return [...byUnit]
    .map(([name, list]) => ({ name, files: list.sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function commonDirectory(files: readonly string[]): string {
  const parts = files.map((file) => file.split('/').slice(0, -1));
  const first = parts[0] ?? [];
  let length = first.length;
  for (const other of parts) {
    let same = 0;
    while (same < Math.min(length, other.length) && other[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join('/');
}

/** Package directories the root package.json's `workspaces` globs name (`dir/*` or a directory). */
async function workspaceDirectories(root: string): Promise<string[] | undefined> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const field = (manifest as { workspaces?: unknown }).workspaces;
  const patterns = Array.isArray(field)
    ? field
    : Array.isArray((field as { packages?: unknown } | undefined)?.packages)
      ? (field as { packages: unknown[] }).packages
      : undefined;
  if (!patterns) return undefined;
  const found: string[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    const clean = pattern.replace(/^\.\//, '').replace(/\/$/, '');
    const candidates = clean.endsWith('/*')
      ? (await readdir(join(root, clean.slice(0, -2)), { withFileTypes: true }).catch(() => []))
          .filter((entry) => entry.isDirectory())
          .map((entry) => posix.join(clean.slice(0, -2), entry.name))
      : [clean];
    for (const candidate of candidates) {
      const info = await stat(join(root, candidate, 'package.json')).catch(() => undefined);
      if (info?.isFile()) found.push(candidate);
    }
  }
  return found.length > 0 ? found.sort() : undefined;
}

/** Directories of the projects a tsconfig's `references` name. */
function referencedProjects(root: string, tsconfigPath: string): string[] | undefined {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const references = (read.config as { references?: unknown } | undefined)?.references;
  if (!Array.isArray(references)) return undefined;
  const found: string[] = [];
  for (const reference of references) {
    const path = (reference as { path?: unknown }).path;
    if (typeof path !== 'string') continue;
    const absolute = resolve(dirname(tsconfigPath), path);
    const directory = absolute.endsWith('.json') ? dirname(absolute) : absolute;
    found.push(relative(root, directory).replaceAll('\\', '/'));
  }
  return found.length > 0 ? found.sort() : undefined;
}
