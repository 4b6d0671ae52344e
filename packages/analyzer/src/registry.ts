import type { RuleMeta } from './findings.js';
import type { RuleOrigin } from './report/report.js';
import { codeRules } from './rules/code-rules.js';
import { policyRules } from './rules/policy-rules.js';
import { SUPPRESSION_RULES } from './suppressions.js';

/** A rule the analyzer knows: its id, where it comes from and its documentation. */
export interface RegisteredRule {
  readonly id: string;
  readonly origin: RuleOrigin;
  readonly meta: RuleMeta;
}

/** Every rule the analyzer can report, sorted by id. */
export function listRules(): RegisteredRule[] {
  const rules: RegisteredRule[] = [
    ...codeRules.map((rule) => ({ id: rule.id, origin: 'code' as const, meta: rule.meta })),
    ...policyRules.map((rule) => ({ id: rule.id, origin: 'policy' as const, meta: rule.meta })),
    ...Object.entries(SUPPRESSION_RULES).map(([id, meta]) => ({
      id,
      origin: 'suppression' as const,
      meta,
    })),
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rule with this id, or undefined. */
export function getRule(id: string): RegisteredRule | undefined {
  return listRules().find((rule) => rule.id === id);
}
