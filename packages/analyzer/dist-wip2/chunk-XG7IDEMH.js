// src/version.ts
var VERSION = '0.1.0';
var TOOL_NAME = 'consentry';
var RULE_DOCS_URL =
  'https://github.com/consentry/consentry/blob/main/packages/analyzer/docs/rules/';
var INFORMATION_URI = 'https://github.com/consentry/consentry';

export { INFORMATION_URI, RULE_DOCS_URL, TOOL_NAME, VERSION };
//# sourceMappingURL=chunk-XG7IDEMH.js.map
