import { ts } from 'ts-morph';

const typeScript = /\.(?:[cm]?ts|tsx)$/;
const typeScriptOrJavaScript = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * The file names a project's tsconfig makes its own sources, to analyse: TypeScript, and
 * JavaScript too when it sets `allowJs` (the checker then types JavaScript from its JSDoc).
 */
export function sourceFilePattern(options: ts.CompilerOptions): RegExp {
  return options.allowJs === true ? typeScriptOrJavaScript : typeScript;
}

/** Whether a file is JavaScript (`.js`, `.mjs`, `.cjs`, `.jsx`). */
export function isJavaScript(file: string): boolean {
  return /\.(?:[cm]?js|jsx)$/.test(file);
}

/** How TypeScript parses a file, by its extension. */
export function scriptKindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return isJavaScript(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}
