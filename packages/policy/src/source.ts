/** A span of source text; 1-based, the end is exclusive. */
export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A problem found while reading a source, placed by range (and pointer when it has one). */
export interface SourceProblem {
  readonly range: Range;
  readonly message: string;
  readonly pointer?: string;
}

/** A policy value read from source text, with the way back from a path to the text. */
export interface SourceReading {
  readonly value: unknown;
  /** Where the key (or list item) at exactly these segments is written; undefined when absent. */
  locate(segments: readonly string[]): Range | undefined;
}

/** What a reader returns: the value, or every problem that kept it from being read. */
export type ReadResult =
  | { readonly ok: true; readonly reading: SourceReading }
  | { readonly ok: false; readonly problems: readonly SourceProblem[] };

/** The first position of a file, for problems that concern the whole file. */
export const START_OF_FILE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };
