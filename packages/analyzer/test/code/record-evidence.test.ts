import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const guards = new URL('../fixtures/code/guards/', import.meta.url).pathname;
const example = new URL('../../../../examples/chat-assistant/', import.meta.url).pathname;

describe('analyzeCode evidence, as the record of processing reads it', { timeout: 60_000 }, () => {
  it('lists every sink, guarded or not, with its function, and the guards with the tiers they cover', async () => {
    const analysis = await analyzeCode({
      root: guards,
      policy: loadPolicy(join(guards, 'consentry.yaml')),
      rules: [],
    });
    const inTierGap = (entry: { file: string }) => entry.file === 'src/tier-gap.ts';
    expect(
      analysis.evidence.sinks
        .filter(inTierGap)
        .map(({ line, symbol, purposes, unguardedTiers }) => ({
          line,
          symbol,
          purposes,
          unguardedTiers,
        })),
    ).toEqual([
      {
        line: 11,
        symbol: 'exportPaidOptOutOnly',
        purposes: ['model-training'],
        unguardedTiers: ['free'],
      },
      {
        line: 18,
        symbol: 'exportEveryTierChecked',
        purposes: ['model-training'],
        unguardedTiers: [],
      },
    ]);
    // The check under `user.tier !== 'free'` enforces the guarantee for the paying tiers only.
    expect(
      analysis.evidence.guards
        .filter(inTierGap)
        .map(({ line, symbol, purposes, tiers }) => ({ line, symbol, purposes, tiers })),
    ).toEqual([
      {
        line: 8,
        symbol: 'exportPaidOptOutOnly',
        purposes: ['model-training'],
        tiers: ['pro', 'team'],
      },
      {
        line: 16,
        symbol: 'exportEveryTierChecked',
        purposes: ['model-training'],
        tiers: ['free', 'pro', 'team'],
      },
    ]);
  });

  it('finds route middleware as a guard covering every tier', async () => {
    const analysis = await analyzeCode({
      root: guards,
      policy: loadPolicy(join(guards, 'consentry.yaml')),
      rules: [],
    });
    expect(
      analysis.evidence.guards
        .filter((guard) => guard.symbol === 'registerRoutes')
        .map(({ file, purposes, tiers }) => ({ file, purposes, tiers })),
    ).toEqual([
      {
        file: 'src/route-middleware.ts',
        purposes: ['model-training'],
        tiers: ['free', 'pro', 'team'],
      },
    ]);
  });

  it('follows categories to sinks through callers, and finds filters and decorators as guards', async () => {
    const analysis = await analyzeCode({
      root: example,
      policy: loadPolicy(join(example, 'consentry.yaml')),
      rules: [],
    });
    const training = analysis.evidence.sinks.filter((sink) =>
      sink.purposes.includes('model-training'),
    );
    expect(
      training.map(({ file, symbol, categories, unguardedTiers }) => ({
        file,
        symbol,
        categories,
        unguardedTiers,
      })),
    ).toEqual([
      {
        file: 'src/training/feedback-dataset-export.ts',
        symbol: 'FeedbackDatasetExport.run',
        // The rows take prompt, reply, rating and comment out of records that also hold the user.
        categories: ['conversation-content', 'feedback'],
        unguardedTiers: [],
      },
      {
        // The example's flaw: the free tier's conversations reach the dataset unchecked.
        file: 'src/training/nightly-training-export.ts',
        symbol: 'NightlyTrainingExport.run',
        categories: ['conversation-content'],
        unguardedTiers: ['free'],
      },
      {
        // Its data is its own @enforce-guarded parameter: the category comes from its type.
        file: 'src/training/training-curation.ts',
        symbol: 'TrainingCuration.promote',
        categories: ['conversation-content'],
        unguardedTiers: [],
      },
    ]);
    expect(
      analysis.evidence.guards
        .filter((guard) => guard.purposes.includes('model-training'))
        .map(({ file, symbol, purposes, tiers }) => ({
          file,
          symbol,
          purposes,
          tiers,
        })),
    ).toEqual([
      {
        file: 'src/training/feedback-dataset-export.ts',
        symbol: 'FeedbackDatasetExport.run',
        purposes: ['model-training'],
        tiers: ['enterprise', 'free', 'pro'],
      },
      {
        file: 'src/training/nightly-training-export.ts',
        symbol: 'NightlyTrainingExport.run',
        purposes: ['model-training'],
        tiers: ['enterprise', 'pro'],
      },
      {
        file: 'src/training/training-curation.ts',
        symbol: 'TrainingCuration.promote',
        purposes: ['model-training'],
        tiers: ['enterprise', 'free', 'pro'],
      },
    ]);
  });

  it('keeps the evidence about the whole project when findings are limited to some files', async () => {
    const policy = loadPolicy(join(guards, 'consentry.yaml'));
    const whole = await analyzeCode({ root: guards, policy, rules: [] });
    const limited = await analyzeCode({
      root: guards,
      policy,
      rules: [],
      onlyFiles: ['src/tier-gap.ts'],
    });
    expect(limited.evidence).toEqual(whole.evidence);
  });
});
