import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

/** Resolves the `[dir]` argument of a command; a missing directory is a usage error. */
export async function targetDirectory(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length > 1) {
    throw new UsageError(`expected one directory, got ${positionals.length}`);
  }
  const dir = positionals[0] ?? '.';
  const root = resolve(io.cwd, dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${dir}: no such directory`);
  return root;
}
