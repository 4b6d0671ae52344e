import { dirname } from 'node:path';
import { findWorkspace } from '../output/confine.js';
import { writeOutput } from '../output/write-output.js';

/** Options of `writeRecord`. */
export interface WriteRecordOptions {
  /** Replace the file even when it is not a previous record (never the policy file). */
  readonly force?: boolean;
  /**
   * The directory the write is confined to (default: the git repository that holds the file,
   * else its directory); a path that resolves outside it, or a link, is refused.
   */
  readonly workspace?: string;
  /** The policy file the record is built from: never replaced. */
  readonly policyFile?: string;
}

/**
 * Writes a rendered record to `file` atomically (a temporary file in the same directory, then a
 * rename), creating the directory if needed. Throws an `OutputRefusedError` naming the file when
 * it exists and is not a previous record (unless `force`), or when it is a link, a directory, the
 * policy, or outside the workspace.
 */
export async function writeRecord(
  file: string,
  content: string,
  options: WriteRecordOptions = {},
): Promise<void> {
  await writeOutput(
    {
      file,
      workspace: options.workspace ?? findWorkspace(dirname(file)),
      kind: 'record',
      option: '--output',
      force: options.force === true,
      ...(options.policyFile === undefined ? {} : { policyFile: options.policyFile }),
    },
    content,
  );
}
