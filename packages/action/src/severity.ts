/** How serious a finding is, as the analyzer reports it. */
export type Severity = 'error' | 'warning' | 'note';

const rank: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

/** Orders severities from the most serious, for "worst first" lists. */
export function compareSeverity(a: Severity, b: Severity): number {
  return rank[b] - rank[a];
}

/** Whether a finding of `severity` fails the step under the `fail-on` threshold. */
export function failsAt(severity: Severity, failOn: Severity | 'never'): boolean {
  return failOn !== 'never' && rank[severity] >= rank[failOn];
}
