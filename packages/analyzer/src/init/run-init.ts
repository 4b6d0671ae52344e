import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { POLICY_FILE_NAMES, parsePolicy } from '@consentry/policy';
import { UsageError } from '../errors.js';
import { type DraftPolicy, planInit, renderDraftPolicy, toPolicyValue } from './draft.js';
import { applyAnswers, askQuestions, type InitAnswers } from './questions.js';
import { PolicyFileExistsError, writePolicyFile } from './write-policy.js';

/** The file `init` writes. */
export const INIT_POLICY_FILE = 'consentry.yaml';

/** What `runInit` does and the I/O it may use. */
export interface InitOptions {
  /** The project directory, absolute. */
  readonly dir: string;
  /** Replace an existing policy file. */
  readonly force?: boolean;
  /** Take every default without asking (for scripts). */
  readonly yes?: boolean;
  /** Asks one question and resolves with the reply; absent when there is no terminal to ask on. */
  readonly prompt?: (question: string) => Promise<string>;
  /** Writes the policy; `replace` is false unless forced. Defaults to an atomic write that never replaces without `replace`. */
  readonly write?: (
    file: string,
    text: string,
    options: { readonly replace: boolean },
  ) => Promise<void>;
}

/** What `runInit` wrote. */
export interface InitResult {
  /** The policy file, absolute. */
  readonly file: string;
  readonly text: string;
  readonly draft: DraftPolicy;
  readonly answers: InitAnswers;
  /** A few lines for the shell to print: what was found and what to do next. */
  readonly summary: string;
}

/**
 * Writes a draft `consentry.yaml` for a project from what its code shows, after asking the
 * questions code cannot answer when a prompt is given (and `yes` is not); refuses to replace an
 * existing policy file unless `force`.
 */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const info = await stat(options.dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${options.dir}: no such directory`);
  const file = join(options.dir, INIT_POLICY_FILE);
  const existing: string[] = [];
  for (const name of POLICY_FILE_NAMES) {
    if ((await stat(join(options.dir, name)).catch(() => undefined))?.isFile()) existing.push(name);
  }
  if (existing.length > 0 && !options.force) {
    throw new UsageError(
      `${existing.join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}; pass --force to replace ${INIT_POLICY_FILE} with a new draft`,
    );
  }

  const planned = await planInit(options.dir);
  const answers =
    options.prompt === undefined || options.yes ? {} : await askQuestions(planned, options.prompt);
  const draft = applyAnswers(planned, answers);
  const text = renderDraftPolicy(draft);
  // A draft that does not validate would be a bug here, not bad input: let it throw.
  parsePolicy(text, file);

  const write = options.write ?? writePolicyFile;
  try {
    await write(file, text, { replace: options.force === true });
  } catch (error) {
    if (error instanceof PolicyFileExistsError) {
      throw new UsageError(`${INIT_POLICY_FILE} already exists; pass --force to replace it`);
    }
    throw error;
  }
  return { file, text, draft, answers, summary: summarize(draft, existing) };
}

function summarize(draft: DraftPolicy, replaced: readonly string[]): string {
  const value = toPolicyValue(draft);
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const trainingCalls = draft.training.calls.length;
  const lines = [
    `Wrote ${INIT_POLICY_FILE}: ${count(Object.keys(value.tiers).length, 'tier')}, ` +
      `${count(Object.keys(value.categories).length, 'category', 'categories')}, ` +
      `${count(draft.sources.length, 'personal-data source')}, ` +
      `${count(trainingCalls, 'training call')} found in the code.`,
    'Each guess has a comment saying what it was based on; review them, then run `consentry check`.',
  ];
  for (const problem of draft.inference.problems) {
    lines.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
  }
  const shadowed = replaced.filter((name) => name !== INIT_POLICY_FILE);
  if (shadowed.length > 0) {
    lines.push(
      `${INIT_POLICY_FILE} is read before ${shadowed.join(' and ')}; remove the old file.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
