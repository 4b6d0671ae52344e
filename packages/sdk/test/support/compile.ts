import { join } from 'node:path';
import ts from 'typescript';

const packageRoot = new URL('../..', import.meta.url).pathname;

/** Options as an app compiles with: strict, NodeNext, and no `skipLibCheck`. */
export const appCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.decorators.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
  customConditions: ['@consentry/source'],
  allowImportingTsExtensions: true,
};

/**
 * Type-checks in-memory files placed in this package's `test/` folder (so `../src/index.js`
 * resolves) and returns each error as `file:line: message`, the message chain flattened.
 */
export function compileErrors(
  files: Readonly<Record<string, string>>,
  options: ts.CompilerOptions = appCompilerOptions,
): string[] {
  const virtual = new Map(
    Object.entries(files).map(([name, text]) => [join(packageRoot, 'test', name), text]),
  );
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.getSourceFile = (name, language) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, language)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName.slice(packageRoot.length)}:${line + 1}: ${message}`;
  });
}
