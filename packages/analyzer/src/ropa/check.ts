import { readFile } from 'node:fs/promises';
import { withoutAppendix } from './appendix.js';
import { diffLines } from './diff.js';

/** Whether a committed record still matches what the policy and the code give now. */
export interface RecordCheck {
  /** The record file, as the caller named it. */
  readonly file: string;
  /** True when the file exists and equals the expected content (line endings aside). */
  readonly upToDate: boolean;
  /** True when there is no file at all. */
  readonly missing: boolean;
  /** A unified diff from the committed file to the expected content; empty when up to date. */
  readonly diff: string;
}

/**
 * Compares the record committed at `file` with `expectedContent` (a fresh `renderRecord`), and
 * says whether it is stale, with a readable line diff. CRLF and LF line endings compare equal, so
 * a checkout with `core.autocrlf` is not reported.
 */
export async function checkRecord(file: string, expectedContent: string): Promise<RecordCheck> {
  let committed: string;
  try {
    committed = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    return {
      file,
      upToDate: false,
      missing: true,
      diff: diffLines('', withoutAppendix(normalise(expectedContent)), {
        fromLabel: '/dev/null',
        toLabel: `${file} (expected)`,
      }),
    };
  }
  // The evidence appendix holds line numbers that move with every edit: not part of the record.
  const before = withoutAppendix(normalise(committed));
  const after = withoutAppendix(normalise(expectedContent));
  return {
    file,
    upToDate: before === after,
    missing: false,
    diff: diffLines(before, after, {
      fromLabel: `${file} (committed)`,
      toLabel: `${file} (expected)`,
    }),
  };
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}
