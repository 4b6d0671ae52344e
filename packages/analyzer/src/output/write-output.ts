import { mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { confineOutputPath, refused } from './confine.js';
import { isOwnOutput, type OutputKind } from './ownership.js';

/** A file Consentry is about to write, and the rules it is written under. */
export interface OutputTarget {
  /** The absolute path of the file. */
  readonly file: string;
  /** Writes are confined to this directory (the repository, or `GITHUB_WORKSPACE`). */
  readonly workspace: string;
  /** What is written: an existing file is replaced only if it is one of these Consentry wrote. */
  readonly kind: OutputKind;
  /** How the user named the file, for messages: `--output`, `input "sarif-file"`… */
  readonly option: string;
  /** The policy file in use, when there is one: never replaced, even with `force`. */
  readonly policyFile?: string;
  /** Replace an existing file Consentry did not write; absent when the shell offers no `--force`. */
  readonly force?: boolean;
}

const WHAT: Readonly<Record<OutputKind, string>> = {
  report: 'a report',
  baseline: 'a baseline',
  record: 'a record of processing',
};

/**
 * Checks that `target` may be written and returns where it lands: inside the workspace (through
 * the real path of its directory), not a link or a directory, not the policy, and either absent
 * or a file of the same kind Consentry wrote (or `force`). Throws an `OutputRefusedError` naming
 * the file otherwise.
 */
export async function assertOutputWritable(target: OutputTarget): Promise<string> {
  const real = confineOutputPath(target.workspace, target.file, target.option);
  let existing: string;
  try {
    existing = await readFile(real, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return real;
    throw Object.assign(new Error(`cannot read ${target.file}`, { cause: error }), {
      code: (error as { code?: unknown }).code,
      path: target.file,
    });
  }
  if (target.policyFile !== undefined && (await sameFile(real, target.policyFile))) {
    throw refused(target.file, `this is the policy file in use; choose another ${target.option}`);
  }
  if (target.force === true || isOwnOutput(target.kind, existing)) return real;
  throw refused(
    target.file,
    `this file exists and is not ${WHAT[target.kind]} Consentry wrote; choose another ${target.option}${
      target.force === undefined ? '' : ', or pass --force to replace it'
    }`,
  );
}

/**
 * Writes `text` to `target` once `assertOutputWritable` allows it, atomically (a temporary file
 * beside it, then a rename), creating its directory; a reader never sees half a file.
 */
export async function writeOutput(target: OutputTarget, text: string): Promise<void> {
  const real = await assertOutputWritable(target);
  try {
    await mkdir(dirname(real), { recursive: true });
    await writeFileAtomic(real, text, { encoding: 'utf8' });
  } catch (error) {
    // Name the file the user asked for, not the temporary one.
    const code = (error as { code?: unknown }).code;
    throw Object.assign(new Error(`cannot write ${target.file}`, { cause: error }), {
      code,
      path: target.file,
    });
  }
}

async function sameFile(real: string, other: string): Promise<boolean> {
  // The policy may be reached through a symbolic link or a path spelt another way.
  return real === (await realpath(other).catch(() => other));
}
