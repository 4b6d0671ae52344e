/** The command that rewrites the reports, named in every failure. */
export const UPDATE_COMMAND: string;

/** A public entry point and the name of its report (`packages/<pkg>/etc/<report>.api.md`). */
export interface ApiEntry {
  readonly folder: string;
  readonly entry: string;
  readonly report: string;
}

/** The public entry points of the workspace packages: one report each. */
export const API_ENTRIES: readonly ApiEntry[];

/** Runs API Extractor on one entry's declarations; returns the problems, as lines. */
export function extractApiReport(options: {
  readonly packageFolder: string;
  readonly declarationEntry: string;
  readonly reportFolder: string;
  readonly report: string;
  readonly update: boolean;
  readonly tempFolder: string;
  /** The `types` packages the declarations need; `['node']` when absent. */
  readonly types?: readonly string[];
}): string[];

/** Checks (or, with `update`, rewrites) every package's report; returns the problems. */
export function runApiReports(options: { readonly update: boolean }): string[];
