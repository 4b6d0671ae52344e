import { isAbsolute, relative, resolve, sep } from 'node:path';

const dotSegment = /[\\/]\.\.?(?:[\\/]|$)/;

/** A path relative to `root`, with forward slashes, as every report and record prints it. */
export function relativePath(root: string, file: string): string {
  // The common case, on every location the engine reports: a normalised absolute file under an
  // absolute root, cut without resolving.
  if (isAbsolute(root) && isAbsolute(file) && !dotSegment.test(root) && !dotSegment.test(file)) {
    const base = toSlashes(root).replace(/\/$/, '');
    const path = toSlashes(file);
    if (path.startsWith(`${base}/`)) return path.slice(base.length + 1);
  }
  return toSlashes(relative(resolve(root), resolve(root, file)));
}

/** A path with forward slashes. */
export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
