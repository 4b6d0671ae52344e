import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

/** What one in-process run of the CLI returned and printed. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd` with captured output; a last object argument overrides io. */
export async function runCli(
  cwd: string,
  ...argv: (string | Partial<CliIo>)[]
): Promise<CliResult> {
  const overrides = typeof argv.at(-1) === 'object' ? (argv.pop() as Partial<CliIo>) : {};
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    // A stopped clock: no progress line, however slow the machine; a test that wants them passes one.
    now: () => 0,
    ...overrides,
  };
  const code = await run(argv as string[], io);
  return { code, stdout, stderr };
}
