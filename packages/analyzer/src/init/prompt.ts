import { createInterface, type Interface } from 'node:readline/promises';

/** A question-and-answer channel on a terminal, opened on the first question. */
export interface TerminalPrompt {
  ask(question: string): Promise<string>;
  close(): void;
}

/** Asks questions with node:readline on the given streams (a shell passes stdin and stderr). */
export function createTerminalPrompt(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): TerminalPrompt {
  let lines: Interface | undefined;
  return {
    ask(question) {
      lines ??= createInterface({ input, output, terminal: true });
      return lines.question(question);
    },
    close() {
      lines?.close();
      lines = undefined;
    },
  };
}
