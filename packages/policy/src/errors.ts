/** A place in a policy file; lines and columns are 1-based, ends are exclusive. */
export interface Location {
  /** The policy file, as the caller named it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One thing wrong with a configuration file, at the place it is wrong. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** JSON pointer of the offending value inside the policy, when the problem concerns one. */
  readonly pointer?: string;
}

/** Formats a problem as the `file:line:column: message` line editors and CI logs understand. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** Orders problems by file, position and message, so every report lists them the same way. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.message, b.message)
  );
}

/** Orders strings by UTF-16 code units, the same on every machine (no locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Bad configuration: names every problem with its file, line and column, for a shell to print
 * as is (never with a stack trace) before it exits with code 2.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  /** The file of the first problem. */
  readonly file: string;
  /** The line of the first problem. */
  readonly line: number;
  /** The column of the first problem. */
  readonly column: number;
  /** Every problem found, sorted by position. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    if (problems.length === 0) {
      throw new RangeError('a ConfigError needs at least one problem');
    }
    const sorted = [...problems].sort(compareProblems);
    super(sorted.map(formatProblem).join('\n'));
    const first = sorted[0]!;
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.problems = Object.freeze(sorted);
  }
}

/** A policy file that cannot be read, parsed or validated. */
export class PolicyError extends ConfigError {
  override readonly name: string = 'PolicyError';
}
