/**
 * What a built-in file API does with data, as the engine applies it:
 * - `file-write`: the data arguments end up in the file the path argument names;
 * - `file-read`: the result holds what was written to the file the path argument names;
 * - `file-write-handle`: the result is a stream or handle whose writes end up in that file;
 * - `file-copy`: the file at the path argument holds what the file at `from` held;
 * - `temp-dir`: the result is the system's temporary folder;
 * - `temp-dir-create`: the result is a fresh folder, one per call site;
 * - `path-join`: the result is a path made of the path arguments;
 * - `stream-pipeline`: the data of the other arguments (a source, transforms) ends up in the file
 *   the last write stream argument writes (`pipeline(Readable.from(rows), createWriteStream(path))`).
 */
export type FileRole =
  | 'file-write'
  | 'file-read'
  | 'file-write-handle'
  | 'file-copy'
  | 'temp-dir'
  | 'temp-dir-create'
  | 'path-join'
  | 'stream-pipeline';

/** One built-in API that moves data through files, recognised by the module that declares it. */
export interface FileApiEntry {
  /** The module as Node's type declarations name it (`fs`, `fs/promises`, `os`, `path`); `node:` prefixes are the same module. */
  readonly module: string;
  /** The exported function or member name (`appendFile`, `join`). */
  readonly name: string;
  readonly role: FileRole;
  /** Index of the argument that names the file (the destination for `copy`). */
  readonly path?: number;
  /** Indexes of the arguments whose data is written (`write`). */
  readonly data?: readonly number[];
  /** Index of the argument that names the source file (`copy`). */
  readonly from?: number;
}

const write = (module: string, name: string): FileApiEntry => ({
  module,
  name,
  role: 'file-write',
  path: 0,
  data: [1],
});
const read = (module: string, name: string): FileApiEntry => ({
  module,
  name,
  role: 'file-read',
  path: 0,
});

/** The built-in catalogue of Node's file, folder and path APIs. */
export const fileApis: readonly FileApiEntry[] = [
  write('fs', 'writeFile'),
  write('fs', 'writeFileSync'),
  write('fs', 'appendFile'),
  write('fs', 'appendFileSync'),
  write('fs/promises', 'writeFile'),
  write('fs/promises', 'appendFile'),
  read('fs', 'readFile'),
  read('fs', 'readFileSync'),
  read('fs', 'createReadStream'),
  read('fs', 'openAsBlob'),
  read('fs/promises', 'readFile'),
  { module: 'fs', name: 'createWriteStream', role: 'file-write-handle', path: 0 },
  { module: 'fs/promises', name: 'open', role: 'file-write-handle', path: 0 },
  { module: 'fs', name: 'copyFile', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'copyFileSync', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'renameSync', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'rename', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs/promises', name: 'copyFile', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs/promises', name: 'rename', role: 'file-copy', from: 0, path: 1 },
  { module: 'os', name: 'tmpdir', role: 'temp-dir' },
  { module: 'fs', name: 'mkdtemp', role: 'temp-dir-create' },
  { module: 'fs', name: 'mkdtempSync', role: 'temp-dir-create' },
  { module: 'fs/promises', name: 'mkdtemp', role: 'temp-dir-create' },
  { module: 'path', name: 'join', role: 'path-join' },
  { module: 'path', name: 'resolve', role: 'path-join' },
  { module: 'stream', name: 'pipeline', role: 'stream-pipeline' },
  { module: 'stream/promises', name: 'pipeline', role: 'stream-pipeline' },
];

/** The catalogue entry of a Node module's export, or undefined. */
export function fileApiOf(module: string, name: string): FileApiEntry | undefined {
  const bare = module.replace(/^node:/, '');
  return fileApis.find((entry) => entry.module === bare && entry.name === name);
}
