import { randomBytes } from 'node:crypto';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file to write already exists and replacing it was not asked for. */
export class PolicyFileExistsError extends Error {
  override readonly name = 'PolicyFileExistsError';
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename over the target
 * (`replace`) or a hard link that fails when the target exists, so an existing policy is never
 * overwritten, even by a race.
 */
export async function writePolicyFile(
  path: string,
  text: string,
  options: { readonly replace: boolean },
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    if (options.replace) {
      await rename(temporary, path);
      return;
    }
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') throw new PolicyFileExistsError(path);
      throw error;
    }
  } finally {
    await rm(temporary, { force: true });
  }
}
