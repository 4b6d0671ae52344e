import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';
import { codeRules } from '../../src/rules/code-rules.js';

const guards = new URL('../fixtures/code/guards/', import.meta.url).pathname;
const policy = loadPolicy(join(guards, 'consentry.yaml'));

describe('analyzeCode options and results', () => {
  it('reports only in the given files, and counts what it read', async () => {
    const phases = new Set<string>();
    const analysis = await analyzeCode({
      root: guards,
      policy,
      onlyFiles: ['src/tier-gap.ts'],
      onProgress: (progress) => phases.add(progress.phase.replace(/ \(round \d+\)/, '')),
    });
    expect(
      analysis.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`),
    ).toEqual(['src/tier-gap.ts:11 tier-opt-out-gap']);
    expect(analysis.stats.files).toBeGreaterThan(20);
    expect(analysis.stats.functions).toBeGreaterThan(50);
    expect([...phases]).toEqual(['load', 'call graph', 'summaries', 'report']);
  }, 60_000);

  it('describes a tier gap with the tiers, the guarantee and a flow from source to sink', async () => {
    const analysis = await analyzeCode({ root: guards, policy, onlyFiles: ['src/tier-gap.ts'] });
    const [gap] = analysis.findings;
    expect(gap).toMatchObject({
      ruleId: 'tier-opt-out-gap',
      severity: 'error',
      origin: 'code',
      purpose: 'model-training',
      tiers: ['free'],
      file: 'src/tier-gap.ts',
      line: 11,
      column: 3,
    });
    expect(gap?.message).toBe(
      'The `model-training` check for `user` runs only for the pro and team tiers, so data (account) of the free tier reaches `TrainingQueue.enqueue` (marked @processes) unchecked.',
    );
    expect(gap?.detail).toBe(
      'The policy promises the free tier an opt-out by in-app-toggle, default included, free of charge (/purposes/model-training/tiers/free). Check every tier before the sink.',
    );
    expect(gap?.flow?.map((step) => `${step.file}:${step.line} ${step.note}`)).toEqual([
      'src/tier-gap.ts:6 parameter `user` of `exportPaidOptOutOnly` holds personal data (account); no caller in the project checks it',
      "src/tier-gap.ts:8 `consent.allows(user, 'model-training')` checks `model-training`, on the paths of tiers pro, team only",
      'src/tier-gap.ts:11 reaches `TrainingQueue.enqueue` (marked @processes) for model-training',
    ]);
  });

  it('runs only the rules it is given', async () => {
    const only = codeRules.filter((rule) => rule.id === 'undeclared-purpose');
    const analysis = await analyzeCode({ root: guards, policy, rules: only });
    expect(new Set(analysis.findings.map((finding) => finding.ruleId))).toEqual(
      new Set(['undeclared-purpose']),
    );
  });
});

describe('evidence for the record of processing', () => {
  it('lists each sink with what reaches it and the tiers left unguarded, and each guard with its tiers', async () => {
    const analysis = await analyzeCode({ root: guards, policy });
    const sink = analysis.evidence.sinks.find(
      (entry) => entry.file === 'src/tier-gap.ts' && entry.line === 11,
    );
    expect(sink).toEqual({
      file: 'src/tier-gap.ts',
      line: 11,
      column: 3,
      symbol: 'exportPaidOptOutOnly',
      sink: '`TrainingQueue.enqueue` (marked @processes)',
      purposes: ['model-training'],
      categories: ['account'],
      unguardedTiers: ['free'],
    });
    const guard = analysis.evidence.guards.find(
      (entry) => entry.file === 'src/tier-gap.ts' && entry.line === 8,
    );
    expect(guard).toMatchObject({
      symbol: 'exportPaidOptOutOnly',
      purposes: ['model-training'],
      tiers: ['pro', 'team'],
    });
    const checked = analysis.evidence.sinks.find(
      (entry) => entry.file === 'src/tier-gap.ts' && entry.line === 18,
    );
    expect(checked?.unguardedTiers).toEqual([]);
  });
});
