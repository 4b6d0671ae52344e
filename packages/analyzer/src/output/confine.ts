import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '@consentry/policy';

/** A path Consentry refuses to write: outside the workspace, a link, or not its own file. */
export class OutputRefusedError extends ConfigError {
  override readonly name: string = 'OutputRefusedError';
}

/**
 * The workspace writes are confined to, for a shell run in `dir`: the top of the git
 * repository that holds it (the nearest directory with a `.git`), else `dir` itself.
 */
export function findWorkspace(dir: string): string {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return resolve(dir);
  }
}

/**
 * Resolves where writing `file` really lands, through the real path of its nearest existing
 * directory, and throws an `OutputRefusedError` (named after `option`) when that is outside the
 * real `workspace`, or when `file` is a symbolic link (dangling or not) or not a regular file.
 */
export function confineOutputPath(workspace: string, file: string, option: string): string {
  const absolute = resolve(file);
  const root = realPathOfNearest(resolve(workspace), file, option);
  const parent = realPathOfNearest(dirname(absolute), file, option);
  const target = join(parent, basename(absolute));
  if (!isInside(root, target)) {
    throw refused(
      file,
      `${option} resolves to ${target}, outside the workspace ${root}; write inside the repository`,
    );
  }
  const stat = lstatOrUndefined(target);
  if (stat?.isSymbolicLink() === true) {
    throw refused(file, `this is a symbolic link; give ${option} the path of a regular file`);
  }
  if (stat !== undefined && !stat.isFile()) {
    throw refused(
      file,
      stat.isDirectory()
        ? `this is a directory; give ${option} the path of a file`
        : `this is not a regular file; give ${option} the path of a regular file`,
    );
  }
  return target;
}

/** Whether `path` is `root` or inside it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** An `OutputRefusedError` that names `file` at 1:1. */
export function refused(file: string, message: string): OutputRefusedError {
  return new OutputRefusedError([{ file, line: 1, column: 1, message }]);
}

// The real path of the nearest entry that exists (a dangling link exists as a link), with the
// missing part appended: where a directory created there would really be.
function realPathOfNearest(path: string, file: string, option: string): string {
  let existing = path;
  const missing: string[] = [];
  while (lstatOrUndefined(existing) === undefined && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...missing);
  } catch {
    throw refused(
      file,
      `${existing} is a symbolic link that leads nowhere; ${option} cannot be written there`,
    );
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
