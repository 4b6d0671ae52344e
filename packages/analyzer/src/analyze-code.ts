import {
  type AnalysisProgress,
  analyzeProgram,
  type EngineOptions,
  type ProgramAnalysis,
  type ProgramOptions,
} from './code/analyze-code.js';
import type { CodeEvents } from './code/events.js';
import type { AnalysisEvidence } from './code-evidence.js';
import { compareFindings, type Finding } from './findings.js';
import { codeRules } from './rules/code-rules.js';
import { describeReport, type RuleDefinition } from './rules/define-rule.js';

export type { AnalysisProgress, ProgramAnalysis, ProgramOptions };

/** Options of `analyzeCode`. */
export interface AnalyzeCodeOptions extends ProgramOptions {
  /** Report only findings in (or flowing through) these files, relative to `root`. */
  readonly onlyFiles?: readonly string[];
  /** The rules to run; the built-in code rules when absent. */
  readonly rules?: readonly RuleDefinition[];
}

/** What the code analysis found, what it skipped, and how much it read. */
export interface CodeAnalysis extends Omit<ProgramAnalysis, 'evidence'> {
  readonly findings: Finding[];
  /** Every sink and guard the analysis evaluated, for the record of processing (`analyzeCode` always fills it in). */
  readonly evidence?: AnalysisEvidence;
}

/**
 * Finds code paths where personal data reaches a sink of a purpose that needs consent or an
 * opt-out without a guard for that subject and purpose; never runs the analysed code. The engine
 * evaluates the code; each rule listens to the events it sends and reports findings.
 */
export function analyzeCode(
  options: AnalyzeCodeOptions,
): Promise<CodeAnalysis & { readonly evidence: AnalysisEvidence }> {
  return runCodeAnalysis(options);
}

/** `analyzeCode` with the engine's hook on each parsed file, which the cache reads module facts from. */
export async function runCodeAnalysis(
  options: AnalyzeCodeOptions &
    Pick<EngineOptions, 'onSourceFile' | 'linkEveryFunction' | 'standIns' | 'readText'>,
): Promise<CodeAnalysis & { readonly evidence: AnalysisEvidence }> {
  const findings = new Map<string, Finding>();
  const listening = (options.rules ?? codeRules).map((rule) =>
    rule.create({
      report(descriptor) {
        const location = descriptor.location;
        if (!location) return;
        const { message, detail } = describeReport(rule, descriptor);
        const finding: Finding = {
          ruleId: rule.id,
          severity: descriptor.severity ?? rule.meta.severity,
          message,
          ...(detail === undefined ? {} : { detail }),
          ...location,
          ...(descriptor.purpose !== undefined ? { purpose: descriptor.purpose } : {}),
          ...(descriptor.tiers !== undefined ? { tiers: descriptor.tiers } : {}),
          ...(descriptor.flow !== undefined ? { flow: descriptor.flow } : {}),
          ...(descriptor.shardVote !== undefined ? { shardVote: descriptor.shardVote } : {}),
          origin: 'code',
        };
        const key = `${rule.id}:${location.file}:${location.line}:${location.column}:${descriptor.purpose ?? ''}`;
        if (!findings.has(key)) findings.set(key, finding);
      },
    }),
  );
  const analysis = await analyzeProgram(
    options,
    <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => {
      for (const listeners of listening) {
        // A code event's listener takes that event's payload (`RuleEvents` extends `CodeEvents`).
        const listener = listeners[event] as ((value: CodeEvents[K]) => void) | undefined;
        listener?.(payload);
      }
    },
  );
  let result = [...findings.values()];
  if (options.onlyFiles) {
    const only = new Set(options.onlyFiles.map((file) => file.replace(/\\/g, '/')));
    result = result.filter(
      (finding) =>
        only.has(finding.file) || (finding.flow ?? []).some((step) => only.has(step.file)),
    );
  }
  result.sort(compareFindings);
  return { findings: result, ...analysis };
}
