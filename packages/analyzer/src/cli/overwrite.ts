import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, POLICY_FILE_NAMES } from '@consentry/policy';
import { parseBaseline } from '../baseline.js';
import { TOOL_NAME } from '../version.js';

/** Refusing to replace a file that is not one Consentry wrote (or the policy), without `--force`. */
export class OutputOverwriteError extends ConfigError {
  override readonly name: string = 'OutputOverwriteError';
}

/** What `check` is about to write to a file: a report (`--output`) or a baseline. */
export interface OutputTarget {
  /** The absolute path of the file. */
  readonly file: string;
  /** The option that named the file, for the message: `--output` or `--write-baseline`. */
  readonly option: '--output' | '--write-baseline';
  /** The absolute path of the policy file in use, when there is one; never replaced. */
  readonly policyFile?: string;
  /** Replace any existing file but the policy. */
  readonly force: boolean;
}

/**
 * Throws an `OutputOverwriteError` naming the file unless it may be replaced: it is absent, a
 * report (or, for `--write-baseline`, a baseline) Consentry wrote, or `force` is set; the policy
 * file in use is refused whatever `force` says.
 */
export async function assertReplaceable(target: OutputTarget): Promise<void> {
  let existing: string;
  try {
    existing = await readFile(target.file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Nothing to lose; a directory fails at the write, named the way any file error is.
    if (code === 'ENOENT' || code === 'EISDIR') return;
    throw error;
  }
  await assertNotPolicyFile(target.file, target.option, target.policyFile);
  if (target.force) return;
  const ours =
    target.option === '--output' ? isConsentryReport(existing) : isConsentryBaseline(existing);
  if (ours) return;
  const what = target.option === '--output' ? 'a report' : 'a baseline';
  throw refusal(
    target.file,
    `this file exists and is not ${what} consentry wrote; choose another ${target.option}, or pass --force to replace it`,
  );
}

/**
 * Throws an `OutputOverwriteError` naming `file` when it is the policy file in use (through any
 * spelling of its path or a symbolic link); `--force` never lifts this.
 */
export async function assertNotPolicyFile(
  file: string,
  option: string,
  policyFile: string | undefined,
): Promise<void> {
  if (policyFile === undefined || !(await isSameFile(file, policyFile))) return;
  throw refusal(file, `this is the policy file in use; choose another ${option}`);
}

/** The policy file a command reads in `root` when no --policy names one, if there is one. */
export function findPolicyFile(root: string): string | undefined {
  return POLICY_FILE_NAMES.map((name) => join(root, name)).find((file) => existsSync(file));
}

/**
 * Whether `text` is a report `consentry check` (or `merge`) wrote: JSON with its tool and report
 * version, SARIF whose every run is consentry's, or Markdown with its heading and generator line.
 * The pretty format carries no such mark, so a pretty report is never recognised.
 */
export function isConsentryReport(text: string): boolean {
  if (MARKDOWN_REPORT.test(text)) return true;
  const data = parseJson(text);
  if (!isObject(data)) return false;
  if (typeof data.reportVersion === 'number') {
    return isObject(data.tool) && data.tool.name === TOOL_NAME;
  }
  const runs = data.runs;
  return (
    data.version === '2.1.0' &&
    Array.isArray(runs) &&
    runs.length > 0 &&
    runs.every(
      (entry) =>
        isObject(entry) &&
        isObject(entry.tool) &&
        isObject(entry.tool.driver) &&
        entry.tool.driver.name === TOOL_NAME,
    )
  );
}

/** Whether `text` is a baseline `consentry check --write-baseline` wrote. */
export function isConsentryBaseline(text: string): boolean {
  try {
    parseBaseline(text, 'baseline');
    return true;
  } catch {
    return false;
  }
}

// The first lines formatMarkdown writes: its heading, then "consentry <version> checked the code".
const MARKDOWN_REPORT = new RegExp(
  `^# Consentry report\\r?\\n\\r?\\n${TOOL_NAME} \\S+ checked the code against \``,
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function isSameFile(a: string, b: string): Promise<boolean> {
  if (!existsSync(a)) return false;
  // The policy may be reached through a symbolic link or a path spelt another way.
  const [realA, realB] = await Promise.all([
    realpath(a).catch(() => a),
    realpath(b).catch(() => b),
  ]);
  return realA === realB;
}

function refusal(file: string, message: string): OutputOverwriteError {
  return new OutputOverwriteError([{ file, line: 1, column: 1, message }]);
}
