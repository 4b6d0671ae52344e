import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { toCodeEvidence } from '../src/ropa/from-analysis.js';
import { buildRecord } from '../src/ropa/record.js';
import { renderRecord } from '../src/ropa/render.js';

const fixtureDir = new URL('fixtures/ropa/', import.meta.url).pathname;
const policyFile = join(fixtureDir, 'consentry.yaml');
const loaded = parsePolicy(readFileSync(policyFile, 'utf8'), policyFile);

const place = { column: 3 };
const evidence = toCodeEvidence(
  {
    sinks: [
      {
        ...place,
        file: 'src/training/export.ts',
        line: 12,
        symbol: 'exportDrafts',
        sink: '`TrainingQueue.enqueue` (marked @processes)',
        purposes: ['style-model-fine-tuning', 'undeclared-purpose'],
        categories: ['drafts', 'account'],
        unguardedTiers: ['free'],
      },
      {
        ...place,
        file: 'src/drafts/store.ts',
        line: 4,
        symbol: 'DraftStore.save',
        sink: '`DraftStore.save` (marked @processes)',
        purposes: ['writing-service'],
        categories: [],
        unguardedTiers: [],
      },
    ],
    guards: [
      {
        ...place,
        file: 'src/training/export.ts',
        line: 9,
        symbol: 'exportDrafts',
        guard: "consent.allows(user, 'style-model-fine-tuning')",
        purposes: ['style-model-fine-tuning'],
        tiers: ['pro', 'school', 'tier-the-policy-lacks'],
      },
    ],
  },
  loaded.policy,
);

describe('toCodeEvidence', () => {
  it('groups sinks and guards by the purposes and tiers the policy declares', () => {
    expect(evidence).toEqual({
      purposes: {
        'style-model-fine-tuning': {
          sinks: [
            {
              file: 'src/training/export.ts',
              line: 12,
              symbol: 'exportDrafts',
              description: '`TrainingQueue.enqueue` (marked @processes)',
            },
          ],
          categories: ['account', 'drafts'],
          guards: [
            {
              tier: 'pro',
              file: 'src/training/export.ts',
              line: 9,
              symbol: 'exportDrafts',
              description: "consent.allows(user, 'style-model-fine-tuning')",
            },
            {
              tier: 'school',
              file: 'src/training/export.ts',
              line: 9,
              symbol: 'exportDrafts',
              description: "consent.allows(user, 'style-model-fine-tuning')",
            },
          ],
          unguarded: [
            {
              tier: 'free',
              file: 'src/training/export.ts',
              line: 12,
              symbol: 'exportDrafts',
              description: '`TrainingQueue.enqueue` (marked @processes)',
            },
          ],
        },
        'writing-service': {
          sinks: [
            {
              file: 'src/drafts/store.ts',
              line: 4,
              symbol: 'DraftStore.save',
              description: '`DraftStore.save` (marked @processes)',
            },
          ],
          categories: [],
          guards: [],
          unguarded: [],
        },
      },
    });
  });

  it('renders a path without a guard as a gap where the policy gives a choice, and as not needed where it gives none', () => {
    const markdown = renderRecord(buildRecord({ policy: loaded, root: fixtureDir, evidence }));
    const rows = markdown.split('\n').filter((line) => /^\| (Free|Pro|School) +\| /.test(line));
    const guardRows = rows.filter((line) => line.split('|').length === 6);
    expect(guardRows.map((line) => line.replace(/ +/g, ' '))).toEqual([
      '| Free | **No guard** on a path to `exportDrafts` | | `src/training/export.ts` |',
      "| Pro | `exportDrafts` | `consent.allows(user, 'style-model-fine-tuning')` | `src/training/export.ts` |",
      "| School | `exportDrafts` | `consent.allows(user, 'style-model-fine-tuning')` | `src/training/export.ts` |",
      '| Free | None needed: performance of a contract gives no choice to honour | | |',
      '| Pro | None needed: performance of a contract gives no choice to honour | | |',
      '| School | None needed: performance of a contract gives no choice to honour | | |',
    ]);
  });
});
