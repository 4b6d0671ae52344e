import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const example = new URL('../../../../examples/chat-assistant/', import.meta.url).pathname;

it('reports the chat-assistant example’s deliberate flaw, and only it', async () => {
  const analysis = await analyzeCode({
    root: example,
    policy: loadPolicy(join(example, 'consentry.yaml')),
  });
  expect(
    analysis.findings.map((finding) => ({
      ruleId: finding.ruleId,
      file: finding.file,
      purpose: finding.purpose,
      tiers: finding.tiers,
    })),
  ).toEqual([
    {
      ruleId: 'tier-opt-out-gap',
      file: 'src/training/nightly-training-export.ts',
      purpose: 'model-training',
      tiers: ['free'],
    },
  ]);
  expect(analysis.findings[0]?.detail).toContain('/purposes/model-training/tiers/free');
  expect(analysis.diagnostics).toEqual([]);
}, 60_000);
