/** What the CLI may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal: colours the pretty format. */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: shows progress on large projects. */
  readonly stderrIsTTY: boolean;
  /** Set when the user asked for no colour (the NO_COLOR convention). */
  readonly noColor: boolean;
  /** Asks one question and resolves with the reply; only when stdin is a terminal. */
  readonly prompt?: (question: string) => Promise<string>;
}
