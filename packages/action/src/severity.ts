/** How serious a finding is, and the order and threshold of severities: the analyzer's own. */
export { compareSeverity, failsAt, type Severity } from '@consentry/analyzer';
