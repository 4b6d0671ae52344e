import type { LoadedPolicy } from '@consentry/policy';
import { compareFindings, type Finding } from '../findings.js';
import { relativePath, toSlashes } from '../paths.js';
import { consentDefaultOn } from './consent-default-on.js';
import { describeReport, type ReportDescriptor, type RuleDefinition } from './define-rule.js';
import { dpiaMissing } from './dpia-missing.js';
import { legitimateInterestAssessmentMissing } from './legitimate-interest-assessment-missing.js';
import { objectionConditional } from './objection-conditional.js';
import { optOutFrictionUnequal } from './opt-out-friction-unequal.js';
import { paidNoTraining } from './paid-no-training.js';
import { retentionMissing } from './retention-missing.js';
import { ropaFieldMissing } from './ropa-field-missing.js';
import { specialCategoryTraining } from './special-category-training.js';
import { trainingNoticeMissing } from './training-notice-missing.js';
import { trainingOptOutMissing } from './training-opt-out-missing.js';

/** The rules that read the policy itself, sorted by id; each lives in `src/rules/<id>.ts`. */
export const policyRules: readonly RuleDefinition[] = [
  consentDefaultOn,
  dpiaMissing,
  legitimateInterestAssessmentMissing,
  objectionConditional,
  optOutFrictionUnequal,
  paidNoTraining,
  retentionMissing,
  ropaFieldMissing,
  specialCategoryTraining,
  trainingNoticeMissing,
  trainingOptOutMissing,
];

/** Options of `runPolicyRules`. */
export interface PolicyRuleOptions {
  /** The analysed directory: finding paths are relative to it. Default: paths as the policy names them. */
  readonly root?: string;
  /** Run only these rules (default: all of `policyRules`). */
  readonly rules?: readonly RuleDefinition[];
}

/** Runs the policy rules over a loaded policy; findings point at the offending YAML or TS node, sorted. */
export function runPolicyRules(loaded: LoadedPolicy, options: PolicyRuleOptions = {}): Finding[] {
  const file =
    options.root === undefined ? toSlashes(loaded.file) : relativePath(options.root, loaded.file);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? policyRules) {
    const listeners = rule.create({
      report(descriptor: ReportDescriptor<string>) {
        findings.push(toFinding(rule, descriptor, loaded, file));
      },
    });
    listeners.policy?.({ policy: loaded.policy });
  }
  return findings.sort(compareFindings);
}

function toFinding(
  rule: RuleDefinition,
  descriptor: ReportDescriptor<string>,
  loaded: LoadedPolicy,
  file: string,
): Finding {
  const { message, detail } = describeReport(rule, descriptor);
  const place = (descriptor.pointer === undefined
    ? undefined
    : loaded.locate(descriptor.pointer)) ?? {
    line: 1,
    column: 1,
  };
  return {
    ruleId: rule.id,
    severity: descriptor.severity ?? rule.meta.severity,
    message,
    ...(detail === undefined ? {} : { detail }),
    file,
    line: place.line,
    column: place.column,
    ...('endLine' in place && place.endLine !== undefined ? { endLine: place.endLine } : {}),
    ...('endColumn' in place && place.endColumn !== undefined
      ? { endColumn: place.endColumn }
      : {}),
    ...(descriptor.purpose === undefined ? {} : { purpose: descriptor.purpose }),
    ...(descriptor.tiers === undefined ? {} : { tiers: [...descriptor.tiers].sort() }),
    origin: 'policy',
  };
}
