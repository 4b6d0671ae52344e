/** The analyzer's version, reported in every output format; a test keeps it equal to package.json. */
export const VERSION = '0.1.0';

/** The tool's name as it appears in reports and SARIF. */
export const TOOL_NAME = 'consentry';

/** Where the rule documentation pages are published; a rule's page is `<id>.md` under it. */
export const RULE_DOCS_URL =
  'https://github.com/consentry/consentry/blob/main/packages/analyzer/docs/rules/';

/** The project's home page, reported as SARIF `informationUri`. */
export const INFORMATION_URI = 'https://github.com/consentry/consentry';
