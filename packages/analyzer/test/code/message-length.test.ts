import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const fixtures = new URL('../fixtures/code/', import.meta.url).pathname;

/** The rules whose message says what data reaches which sink, unguarded for which tiers. */
const flowRules = new Set([
  'training-without-consent',
  'tier-opt-out-gap',
  'excluded-tier-unchecked',
  'purpose-mismatch',
  'undeclared-category',
]);

describe('a flow finding reads as one short sentence', { timeout: 240_000 }, () => {
  // The vendors' labels are the longest (`CreateModelCustomizationJobCommand`), the request
  // records the longest subjects (`request.body.conversation`).
  it.each(['pipelines', 'frameworks', 'vendors'])('in the %s fixture project', async (project) => {
    const root = join(fixtures, project);
    const policyFile = join(root, 'consentry.yaml');
    const analysis = await analyzeCode({
      root,
      policy: parsePolicy(readFileSync(policyFile, 'utf8'), policyFile),
    });
    const messages = analysis.findings
      .filter((finding) => flowRules.has(finding.ruleId))
      .map((finding) => finding.message);
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) {
      // One line, one sentence, about 200 characters; the tiers' guarantees are in the detail.
      expect(message).not.toContain('\n');
      expect(message.match(/\. [A-Z]/g) ?? []).toEqual([]);
      expect(message.length, message).toBeLessThanOrEqual(230);
      expect(message).toMatch(/\.$/);
    }
  });
});
