import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { beforeAll, expect, it } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import { readAnnotations } from './annotations.js';

const project = new URL('../fixtures/code/guards/', import.meta.url).pathname;
let analysis: CodeAnalysis;

beforeAll(async () => {
  analysis = await analyzeCode({
    root: project,
    policy: loadPolicy(join(project, 'consentry.yaml')),
  });
}, 60_000);

it('names only the tiers a stored or returned tier condition leaves unchecked', () => {
  const expected = readAnnotations(project)
    .filter((annotation) => annotation.file === 'src/stored-conditions.ts')
    .filter(
      (annotation) => annotation.kind === 'expect' && annotation.ruleId === 'tier-opt-out-gap',
    )
    .map((annotation) => ({ line: annotation.line, tiers: ['free'] }));
  expect(expected.length).toBeGreaterThan(0);
  const gaps = analysis.findings
    .filter((finding) => finding.file === 'src/stored-conditions.ts')
    .filter((finding) => finding.ruleId === 'tier-opt-out-gap')
    .map((finding) => ({ line: finding.line, tiers: finding.tiers }));
  expect(gaps).toEqual(expected);
});
