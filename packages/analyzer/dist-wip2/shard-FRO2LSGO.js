import { parseShard } from './chunk-YCGBMTLX.js';
import './chunk-F76QMANB.js';

// src/shard.ts
import { readdir, readFile, stat } from 'fs/promises';
import { dirname, join, posix, relative, resolve } from 'path';
import { ts } from './chunk-ENMR6OK3.js';

async function listShardUnits(root, files, tsconfigPath) {
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
function assignShards(units, count) {
  const shards = Array.from({ length: count }, () => []);
  const load = new Array(count).fill(0);
  const order = [...units].sort(
    (a, b) => b.files.length - a.files.length || (a.name < b.name ? -1 : 1),
  );
  for (const unit of order) {
    let target = 0;
    for (let index = 1; index < count; index++) if (load[index] < load[target]) target = index;
    shards[target].push(unit);
    load[target] += unit.files.length;
  }
  for (const shard of shards) shard.sort((a, b) => (a.name < b.name ? -1 : 1));
  return shards;
}
function group(files, unitOf) {
  const byUnit = /* @__PURE__ */ new Map();
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
function commonDirectory(files) {
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
async function workspaceDirectories(root) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  } catch {
    return void 0;
  }
  const field = manifest.workspaces;
  const patterns = Array.isArray(field)
    ? field
    : Array.isArray(field?.packages)
      ? field.packages
      : void 0;
  if (!patterns) return void 0;
  const found = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    const clean = pattern.replace(/^\.\//, '').replace(/\/$/, '');
    const candidates = clean.endsWith('/*')
      ? (await readdir(join(root, clean.slice(0, -2)), { withFileTypes: true }).catch(() => []))
          .filter((entry) => entry.isDirectory())
          .map((entry) => posix.join(clean.slice(0, -2), entry.name))
      : [clean];
    for (const candidate of candidates) {
      const info = await stat(join(root, candidate, 'package.json')).catch(() => void 0);
      if (info?.isFile()) found.push(candidate);
    }
  }
  return found.length > 0 ? found.sort() : void 0;
}
function referencedProjects(root, tsconfigPath) {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const references = read.config?.references;
  if (!Array.isArray(references)) return void 0;
  const found = [];
  for (const reference of references) {
    const path = reference.path;
    if (typeof path !== 'string') continue;
    const absolute = resolve(dirname(tsconfigPath), path);
    const directory = absolute.endsWith('.json') ? dirname(absolute) : absolute;
    found.push(relative(root, directory).replaceAll('\\', '/'));
  }
  return found.length > 0 ? found.sort() : void 0;
}

export { assignShards, listShardUnits, parseShard };
//# sourceMappingURL=shard-FRO2LSGO.js.map
