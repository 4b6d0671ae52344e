import { builtinModules } from 'node:module';

/** Why part of the analysed project was skipped or analysed with less precision. */
export type DiagnosticCode =
  | 'tsconfig-missing'
  | 'tsconfig-invalid'
  | 'syntax-error'
  | 'file-too-large'
  | 'file-unreadable'
  | 'parse-failed'
  | 'module-unresolved'
  | 'dependencies-missing'
  | 'policy-mapping-unresolved'
  | 'analysis-budget-exceeded'
  | 'analysis-failed'
  | 'cache-ignored';

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

/** What an import that does not resolve is: a Node built-in, a project file or an npm package. */
export type UnresolvedImport =
  | { readonly kind: 'builtin'; readonly message: string }
  | { readonly kind: 'file'; readonly message: string }
  | { readonly kind: 'package'; readonly name: string; readonly message: string };

/** Describes an import specifier the checker cannot resolve, in words that say what is missing. */
export function describeUnresolvedImport(specifier: string, sdkPackage: string): UnresolvedImport {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) {
    return {
      kind: 'builtin',
      message: `Node built-in module '${specifier}' has no type declarations (is @types/node installed and allowed by the tsconfig's "types"?); calls into it are treated as unknown code`,
    };
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return {
      kind: 'file',
      message: `module '${specifier}' does not resolve to a file of the project; calls into it are treated as unknown code`,
    };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return {
    kind: 'package',
    name,
    message: `package '${name}' is not installed (nothing in node_modules resolves '${specifier}'); ${
      name === sdkPackage
        ? 'its markers, checks and sanitizers are recognised by the names this file imports'
        : 'calls into it are treated as unknown code'
    }`,
  };
}

/** The one summary of the packages the project imports that are not installed. */
export function dependenciesMissing(packages: ReadonlySet<string>, sdkPackage: string): string {
  const names = [...packages].sort();
  const shown = names.length > 8 ? [...names.slice(0, 8), `and ${names.length - 8} more`] : names;
  const sdk = packages.has(sdkPackage)
    ? `${sdkPackage} is recognised by its import declarations only; `
    : '';
  return `${names.length} imported package${names.length === 1 ? '' : 's'} not installed (${shown.join(', ')}): install the project's dependencies before the analysis (npm ci, or your package manager's install); ${sdk}calls into the missing packages, AI vendors' training APIs included, are treated as unknown code, so results may be incomplete`;
}
