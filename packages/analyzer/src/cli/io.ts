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
