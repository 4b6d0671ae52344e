import { describe, expect, it } from 'vitest';
import { analyseFixture } from '../support/finding-at.js';

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
    const analysis = await analyseFixture(project);
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
