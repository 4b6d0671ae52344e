import { lstatSync, mkdirSync, type Stats, statSync } from 'node:fs';
import { userInfo } from 'node:os';

/**
 * Makes sure `dir` is a directory only the current user can write, creating it (and missing
 * parents) with mode 0700; returns why it cannot be trusted instead, or undefined when it can.
 * A directory another user owns, or that every user may write, is refused: what it holds could
 * have been put there by someone else. `followLinks: false` also refuses a symbolic link (in a
 * shared directory such as the temporary one, a link planted by another user).
 */
export function preparePrivateDirectory(
  dir: string,
  options: { readonly followLinks?: boolean } = {},
): string | undefined {
  const look = options.followLinks === false ? lstatSync : statSync;
  let info: Stats;
  try {
    info = look(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') return `cannot be read (${codeOf(error)})`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      info = look(dir);
    } catch (created) {
      return `cannot be created (${codeOf(created)})`;
    }
  }
  return untrusted(info);
}

/** Why a file or directory's owner or mode makes it untrustworthy, or undefined. */
export function untrusted(info: Stats): string | undefined {
  if (info.isSymbolicLink()) return 'is a symbolic link';
  if (!info.isDirectory() && !info.isFile()) return 'is not a regular file or directory';
  const uid = currentUid();
  if (uid !== undefined && info.uid !== uid) return `is owned by another user (uid ${info.uid})`;
  if ((info.mode & 0o002) !== 0) return 'is writable by every user';
  return undefined;
}

/** The current user's id, or undefined where there is none (Windows). */
function currentUid(): number | undefined {
  try {
    const uid = userInfo().uid;
    return uid >= 0 ? uid : undefined;
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
