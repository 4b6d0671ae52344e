import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '@consentry/policy';
import { isGeneratedRecord } from './render.js';

/** Refusing to replace a file that is not a record Consentry wrote, without `force`. */
export class RecordOverwriteError extends ConfigError {
  override readonly name: string = 'RecordOverwriteError';
}

/** Options of `writeRecord`. */
export interface WriteRecordOptions {
  /** Replace the file even when it is not a previous record. */
  readonly force?: boolean;
}

/**
 * Writes a rendered record to `file` atomically (a temporary file in the same directory, then a
 * rename), creating the directory if needed. Throws a `RecordOverwriteError` naming the file when
 * it exists and is not a previous record, unless `force` is set.
 */
export async function writeRecord(
  file: string,
  content: string,
  options: WriteRecordOptions = {},
): Promise<void> {
  let existing: string | undefined;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EISDIR') {
      throw new RecordOverwriteError([
        {
          file,
          line: 1,
          column: 1,
          message:
            'this is a directory; name the record file itself, e.g. docs/processing-record.md',
        },
      ]);
    }
    if (code !== 'ENOENT') throw error;
  }
  if (existing !== undefined && options.force !== true && !isGeneratedRecord(existing)) {
    throw new RecordOverwriteError([
      {
        file,
        line: 1,
        column: 1,
        message:
          'this file exists and is not a record Consentry generated; choose another --output, or pass --force to replace it',
      },
    ]);
  }
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
