import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JSON Lines file in its own temporary folder. */
export interface JsonlFile {
  readonly path: string;
  /** How many lines were written. */
  lines: number;
}

/** Creates an empty training file in a fresh temporary folder. */
export async function createJsonlFile(name: string): Promise<JsonlFile> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-'));
  return { path: join(dir, `${name}.jsonl`), lines: 0 };
}

/** Appends one record as a line. */
export async function appendLine(file: JsonlFile, record: unknown): Promise<void> {
  await appendFile(file.path, `${JSON.stringify(record)}\n`, 'utf8');
  file.lines += 1;
}

/** Deletes the file and its temporary folder. */
export async function removeJsonlFile(file: JsonlFile): Promise<void> {
  await rm(join(file.path, '..'), { recursive: true, force: true });
}
