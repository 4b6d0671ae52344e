/** Why part of the analysed project was skipped or analysed with less precision. */
export type DiagnosticCode =
  | 'tsconfig-missing'
  | 'tsconfig-invalid'
  | 'syntax-error'
  | 'file-too-large'
  | 'file-unreadable'
  | 'parse-failed'
  | 'module-unresolved'
  | 'policy-mapping-unresolved'
  | 'analysis-budget-exceeded'
  | 'analysis-failed';

/** Something the analysis skipped or degraded, and why; never a reason to stop. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Path relative to the analysed directory, when the diagnostic is about one file. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Orders diagnostics by file, position, code and message, so output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  return (
    (fa < fb ? -1 : fa > fb ? 1 : 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
