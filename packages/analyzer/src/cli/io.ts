import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ColorEnvironment } from './options.js';

/** What the CLI may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal: colours the pretty format. */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: progress rewrites one line there, else logs a line now and then. */
  readonly stderrIsTTY: boolean;
  /** The environment's colour settings (`FORCE_COLOR`, `NO_COLOR`, `TERM`). */
  readonly env: ColorEnvironment;
  /** The clock progress lines are paced by, in milliseconds; `Date.now` when absent. */
  readonly now?: () => number;
  /** Asks one question and resolves with the reply; only when stdin is a terminal. */
  readonly prompt?: (question: string) => Promise<string>;
}

/**
 * Writes a file atomically (a temporary file in the same directory, then a rename over it), so a
 * reader never sees half a report; creates the directory when needed.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    // Name the file the user asked for, not the temporary one.
    const code = (error as { code?: unknown }).code;
    throw Object.assign(new Error(`cannot write ${path}`, { cause: error }), { code, path });
  }
}
