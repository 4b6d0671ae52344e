import { relative, resolve, sep } from 'node:path';

/** A path relative to `root`, with forward slashes, as every report and record prints it. */
export function relativePath(root: string, file: string): string {
  const path = relative(resolve(root), resolve(root, file));
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A path with forward slashes. */
export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
