import { relative } from 'node:path';
import { UsageError } from '../errors.js';
import { InitAnswerError } from '../init/questions.js';
import { runInit } from '../init/run-init.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';
import { targetDirectory } from './target.js';

/** The CLI's I/O plus a prompt, present when stdin is a terminal. */
export interface InitIo extends CliIo {
  readonly prompt?: (question: string) => Promise<string>;
}

/** The help of `consentry init`. */
export const INIT_HELP = `Usage: consentry init [dir] [--yes] [--force]

Writes a draft consentry.yaml for the project in dir (default: .) from what its code shows:
AI vendor SDKs, training and model calls, database models that look personal, plan names.
On a terminal it asks the few things code cannot tell (controller, legal basis for training,
which tiers may opt out).

Options:
  -y, --yes     Take the defaults without asking (for scripts and CI)
  --force       Replace an existing consentry.yaml
  -h, --help    Show this help
`;

/** Runs `consentry init [dir]` and returns its exit code: 0 written, 2 usage error (it throws those for the CLI to print). */
export async function runInitCommand(args: readonly string[], io: InitIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', {
    args: [...args],
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', short: 'y' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  const dir = await targetDirectory(positionals, io);
  try {
    const result = await runInit({
      dir,
      force: values.force === true,
      yes: values.yes === true,
      ...(io.prompt === undefined ? {} : { prompt: io.prompt }),
    });
    const shown = relative(io.cwd, result.file) || result.file;
    io.stdout(result.summary.replace(/^Wrote consentry\.yaml/, `Wrote ${shown}`));
    return 0;
  } catch (error) {
    if (error instanceof InitAnswerError) throw new UsageError(error.message);
    throw error;
  }
}
