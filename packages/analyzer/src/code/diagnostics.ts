import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { packageNameOf } from './reach.js';

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

/** What an import that does not resolve is: a Node built-in, a project file, an asset, a path alias or an npm package. */
export type UnresolvedImport =
  | { readonly kind: 'builtin'; readonly message: string }
  | { readonly kind: 'file'; readonly message: string }
  /** A stylesheet, image or other file that holds no code: nothing to report when it exists. */
  | { readonly kind: 'asset'; readonly exists: boolean; readonly message: string }
  | { readonly kind: 'alias'; readonly message: string }
  /** A subpath of an installed package that has no type declarations (`elkjs/lib/elk-worker.min.js`). */
  | { readonly kind: 'untyped'; readonly name: string; readonly message: string }
  | { readonly kind: 'package'; readonly name: string; readonly message: string };

/** Where an unresolved import is, for telling an asset, an alias or an untyped file from a missing package. */
export interface ImportContext {
  /** The directory of the importing file, absolute. */
  readonly fromDir: string;
  /** The tsconfig's `paths` patterns (`~/*`, `@/*`). */
  readonly pathPatterns: readonly string[];
  /** Whether a path exists on disk. */
  readonly exists: (path: string) => boolean;
}

/** Extensions of files an import can load that hold no TypeScript or JavaScript code. */
const assetExtension =
  /\.(?:css|scss|sass|less|styl|pcss|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|webm|wav|html|md|mdx|txt|glsl|wasm|ya?ml|toml|graphql|gql)$/i;

/**
 * Whether an import that resolves to no module names a stylesheet, image or other non-code file
 * that exists on disk: it holds no code, so the analysis reports nothing about it.
 */
export function isExistingAsset(
  specifier: string,
  fromDir: string,
  pathPatterns: readonly string[],
): boolean {
  // The SDK's name only shapes the messages of packages, never an asset's.
  const unresolved = describeUnresolvedImport(specifier, '', {
    fromDir,
    pathPatterns,
    exists: existsSync,
  });
  return unresolved.kind === 'asset' && unresolved.exists;
}

/** Describes an import specifier the checker cannot resolve, in words that say what is missing. */
export function describeUnresolvedImport(
  specifier: string,
  sdkPackage: string,
  context?: ImportContext,
): UnresolvedImport {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) {
    return {
      kind: 'builtin',
      message: `Node built-in module '${specifier}' has no type declarations (is @types/node installed and allowed by the tsconfig's "types"?); calls into it are treated as unknown code`,
    };
  }
  const path = specifier.split(/[?#]/)[0] ?? specifier;
  const relativeFile = specifier.startsWith('.') || specifier.startsWith('/');
  const name = packageNameOf(specifier);
  const installedAt =
    context === undefined || relativeFile ? undefined : installedPackageDir(name, context);
  if (assetExtension.test(path)) {
    const file =
      context === undefined
        ? undefined
        : relativeFile
          ? join(context.fromDir, path)
          : installedAt === undefined
            ? undefined
            : join(installedAt, ...path.split('/').slice(name.split('/').length));
    const exists = file !== undefined && context?.exists(file) === true;
    return {
      kind: 'asset',
      exists,
      message: `'${specifier}' is ${exists ? 'a' : 'a missing'} non-code file (stylesheet, image or similar); it holds no code to analyse`,
    };
  }
  if (relativeFile) {
    return {
      kind: 'file',
      message: `module '${specifier}' does not resolve to a file of the project; calls into it are treated as unknown code`,
    };
  }
  const alias = context?.pathPatterns.find((pattern) => matchesPathPattern(pattern, specifier));
  if (alias !== undefined || !isPackageName(name)) {
    return {
      kind: 'alias',
      message:
        alias === undefined
          ? `module '${specifier}' is not a package name; it looks like a path alias that the tsconfig's "paths" do not map (a bundler-only alias?); calls into it are treated as unknown code`
          : `path alias '${specifier}' (tsconfig "paths" '${alias}') does not resolve to a file of the project; calls into it are treated as unknown code`,
    };
  }
  if (installedAt !== undefined) {
    return {
      kind: 'untyped',
      name,
      message: `package '${name}' is installed, but '${specifier}' has no type declarations the analysis can read (a JavaScript file, or a subpath its exports map gives no types); calls into it are treated as unknown code`,
    };
  }
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

/** The directory of an installed package, from the nearest `node_modules` above the importing file. */
function installedPackageDir(name: string, context: ImportContext): string | undefined {
  for (let dir = context.fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (context.exists(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Whether a specifier matches a tsconfig `paths` pattern (one `*` at most). */
function matchesPathPattern(pattern: string, specifier: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return (
    specifier.length >= prefix.length + suffix.length &&
    specifier.startsWith(prefix) &&
    specifier.endsWith(suffix)
  );
}

/** Whether a package name is one npm allows (`~/lib`, `@/lib` and `#internal` are not). */
function isPackageName(name: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name);
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
