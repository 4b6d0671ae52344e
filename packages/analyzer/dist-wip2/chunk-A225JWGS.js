// src/code/diagnostics.ts
import { existsSync } from 'fs';
import { builtinModules } from 'module';
import { dirname, join } from 'path';
import { packageNameOf } from './chunk-2TQ4CBJ4.js';

function compareDiagnostics(a, b) {
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
var assetExtension =
  /\.(?:css|scss|sass|less|styl|pcss|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|webm|wav|html|md|mdx|txt|glsl|wasm|ya?ml|toml|graphql|gql)$/i;
function isExistingAsset(specifier, fromDir, pathPatterns) {
  const unresolved = describeUnresolvedImport(specifier, '', {
    fromDir,
    pathPatterns,
    exists: existsSync,
  });
  return unresolved.kind === 'asset' && unresolved.exists;
}
function describeUnresolvedImport(specifier, sdkPackage, context) {
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
    context === void 0 || relativeFile ? void 0 : installedPackageDir(name, context);
  if (assetExtension.test(path)) {
    const file =
      context === void 0
        ? void 0
        : relativeFile
          ? join(context.fromDir, path)
          : installedAt === void 0
            ? void 0
            : join(installedAt, ...path.split('/').slice(name.split('/').length));
    const exists = file !== void 0 && context?.exists(file) === true;
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
  if (alias !== void 0 || !isPackageName(name)) {
    return {
      kind: 'alias',
      message:
        alias === void 0
          ? `module '${specifier}' is not a package name; it looks like a path alias that the tsconfig's "paths" do not map (a bundler-only alias?); calls into it are treated as unknown code`
          : `path alias '${specifier}' (tsconfig "paths" '${alias}') does not resolve to a file of the project; calls into it are treated as unknown code`,
    };
  }
  if (installedAt !== void 0) {
    return {
      kind: 'untyped',
      name,
      message: `package '${name}' is installed, but '${specifier}' has no type declarations the analysis can read (a JavaScript file, or a subpath its exports map gives no types); calls into it are treated as unknown code`,
    };
  }
  return {
    kind: 'package',
    name,
    message: `package '${name}' is not installed (nothing in node_modules resolves '${specifier}'); ${name === sdkPackage ? 'its markers, checks and sanitizers are recognised by the names this file imports' : 'calls into it are treated as unknown code'}`,
  };
}
function installedPackageDir(name, context) {
  for (let dir = context.fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (context.exists(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return void 0;
  }
}
function matchesPathPattern(pattern, specifier) {
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
function isPackageName(name) {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name);
}
function dependenciesMissing(packages, sdkPackage) {
  const names = [...packages].sort();
  const shown = names.length > 8 ? [...names.slice(0, 8), `and ${names.length - 8} more`] : names;
  const sdk = packages.has(sdkPackage)
    ? `${sdkPackage} is recognised by its import declarations only; `
    : '';
  return `${names.length} imported package${names.length === 1 ? '' : 's'} not installed (${shown.join(', ')}): install the project's dependencies before the analysis (npm ci, or your package manager's install); ${sdk}calls into the missing packages, AI vendors' training APIs included, are treated as unknown code, so results may be incomplete`;
}

export { compareDiagnostics, dependenciesMissing, describeUnresolvedImport, isExistingAsset };
//# sourceMappingURL=chunk-A225JWGS.js.map
