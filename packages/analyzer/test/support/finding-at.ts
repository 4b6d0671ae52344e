import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { expect } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import type { Finding } from '../../src/findings.js';

/** Analyses a fixture project of `test/fixtures/code/` with its own policy, or only some of its files. */
export function analyseFixture(name: string, onlyFiles?: readonly string[]): Promise<CodeAnalysis> {
  const root = new URL(`../fixtures/code/${name}/`, import.meta.url).pathname;
  return analyzeCode({
    root,
    policy: loadPolicy(join(root, 'consentry.yaml')),
    ...(onlyFiles ? { onlyFiles } : {}),
  });
}

/** The one finding at `file:line`, which must be of `ruleId`. */
export function findingAt(
  analysis: CodeAnalysis,
  file: string,
  line: number,
  ruleId: string,
): Finding | undefined {
  const found = analysis.findings.filter(
    (finding) => finding.file === file && finding.line === line,
  );
  expect(found.map((finding) => finding.ruleId)).toEqual([ruleId]);
  return found[0];
}

/** A finding's flow as `file:line note` strings, the file left out where it is `sameFile`. */
export function flowSteps(finding: Finding | undefined, sameFile?: string): string[] {
  return (finding?.flow ?? []).map((step) =>
    step.file === sameFile ? `${step.line} ${step.note}` : `${step.file}:${step.line} ${step.note}`,
  );
}
