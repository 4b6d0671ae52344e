import { ts } from 'ts-morph';
import { registrationMethods, webFrameworks } from '../catalogue/frameworks.js';
import { packageNameOf } from './reach.js';
import { collectUnits, type Unit } from './units.js';

/** A file's units; the closures it registers with a framework are units of their own. */
export function unitsOf(file: ts.SourceFile, nextId: () => number): Unit[] {
  return collectUnits(file, nextId, importsFramework(file) ? frameworkRegistrations : undefined);
}

/** How many functions a file holds, as a full analysis counts them (its top level is not one). */
export function functionCount(file: ts.SourceFile): number {
  let next = 0;
  return unitsOf(file, () => next++).filter((unit) => !ts.isSourceFile(unit.node)).length;
}

/** The methods that register middleware, hooks and plugins in the known frameworks. */
const frameworkRegistrations = registrationMethods(webFrameworks);

/** The methods that register plugins in the known frameworks. */
export const pluginMethods = new Set(
  webFrameworks.flatMap((framework) => (framework.plugins ? [framework.plugins.method] : [])),
);

/** The packages of the known frameworks, and what wraps their plugins. */
const frameworkPackages = new Set(
  webFrameworks.flatMap((framework) => [
    ...framework.packages,
    ...(framework.plugins?.sharedScope.map((wrapper) => wrapper.package) ?? []),
  ]),
);

/**
 * Whether a file imports a web framework's package (or a module of it), read from its import
 * declarations without the checker: only such files register closures with a framework.
 */
export function importsFramework(file: ts.SourceFile): boolean {
  const known = frameworkFiles.get(file);
  if (known !== undefined) return known;
  const imports = file.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      return false;
    return frameworkPackages.has(packageNameOf(statement.moduleSpecifier.text));
  });
  frameworkFiles.set(file, imports);
  return imports;
}

/** Whether each file imports a framework, once per file. */
const frameworkFiles = new WeakMap<ts.SourceFile, boolean>();
