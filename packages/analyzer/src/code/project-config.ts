import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Problem } from '@consentry/policy';
import { ts } from 'ts-morph';

/** A tsconfig.json that cannot be read, is not valid JSON, or extends itself in a circle. */
export class TsconfigError extends ConfigError {
  override readonly name: string = 'TsconfigError';
}

/** A tsconfig.json read and resolved (its `extends` chain applied). */
export interface ProjectConfig {
  readonly options: ts.CompilerOptions;
  readonly fileNames: readonly string[];
  /** Problems the compiler tolerates (deprecated or removed options), as `file:line:column` text. */
  readonly warnings: readonly string[];
}

/**
 * Problems that only mean an option is deprecated or gone in the TypeScript the analysis runs
 * on, which the project's own compiler may still accept: reported, never fatal.
 */
const TOLERATED = new Set([
  // No inputs were found in config file: the analysis then reads every TypeScript file.
  18003,
  // Option '{0}' is deprecated / has been removed, in several wordings.
  5101, 5102, 5107, 5108,
]);

/**
 * Reads and resolves the tsconfig.json at `path` (absolute). Throws a `TsconfigError` naming
 * `displayName` with line and column when the file cannot be read, is not valid JSON (or not an
 * object), extends a file that cannot be read, extends in a circle, or sets an option to a value
 * TypeScript rejects.
 */
export function readProjectConfigFile(path: string, displayName: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new TsconfigError([
      {
        file: displayName,
        line: 1,
        column: 1,
        message: `the tsconfig cannot be read (${typeof code === 'string' ? code : 'unreadable'})`,
      },
    ]);
  }
  const source = ts.parseJsonText(path, text);
  const syntax = (source as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) {
    throw new TsconfigError(
      syntax.slice(0, 5).map((error) => toProblem(error, source, displayName)),
    );
  }
  const parsed = ts.parseJsonSourceFileConfigFileContent(
    source,
    ts.sys,
    dirname(path),
    undefined,
    path,
  );
  const fatal = parsed.errors.filter(
    (error) => error.category === ts.DiagnosticCategory.Error && !TOLERATED.has(error.code),
  );
  if (fatal.length > 0) {
    throw new TsconfigError(
      fatal.slice(0, 5).map((error) => toProblem(error, source, displayName)),
    );
  }
  const warnings = parsed.errors
    .filter((error) => error.code !== 18003)
    .slice(0, 5)
    .map((error) => {
      const problem = toProblem(error, source, displayName);
      return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
    });
  return { options: parsed.options, fileNames: parsed.fileNames, warnings };
}

/** A compiler diagnostic about the tsconfig as a problem at its place (its `extends` when it has none). */
function toProblem(error: ts.Diagnostic, source: ts.JsonSourceFile, displayName: string): Problem {
  const message = ts.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.$/, '');
  const inFile = error.file?.fileName === source.fileName && error.start !== undefined;
  const start = inFile ? error.start! : extendsPosition(source);
  const position = ts.getLineAndCharacterOfPosition(source, start);
  return { file: displayName, line: position.line + 1, column: position.character + 1, message };
}

/** Where the `extends` property of a tsconfig starts, or 0 when it has none. */
function extendsPosition(source: ts.JsonSourceFile): number {
  const root = source.statements[0]?.expression;
  if (root && ts.isObjectLiteralExpression(root)) {
    for (const property of root.properties) {
      if (property.name && ts.isStringLiteral(property.name) && property.name.text === 'extends') {
        return property.getStart(source);
      }
    }
  }
  return 0;
}
