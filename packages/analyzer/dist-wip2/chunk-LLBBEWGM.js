import { ts } from './chunk-ENMR6OK3.js';

// src/code/source-files.ts
var typeScript = /\.(?:[cm]?ts|tsx)$/;
var typeScriptOrJavaScript = /\.(?:[cm]?[jt]s|[jt]sx)$/;
function sourceFilePattern(options) {
  return options.allowJs === true ? typeScriptOrJavaScript : typeScript;
}
function isJavaScript(file) {
  return /\.(?:[cm]?js|jsx)$/.test(file);
}
function scriptKindOf(file) {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return isJavaScript(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

export { isJavaScript, scriptKindOf, sourceFilePattern };
//# sourceMappingURL=chunk-LLBBEWGM.js.map
