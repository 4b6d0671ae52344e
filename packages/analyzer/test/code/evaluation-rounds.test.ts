import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const project = new URL('../fixtures/code/pipelines/', import.meta.url).pathname;
const policy = loadPolicy(join(project, 'consentry.yaml'));
const staged = 'src/staged-export.ts';

describe('a staged export whose stages read the file the stage before wrote', () => {
  it('is followed through every stage to the job, each write and read a hop', async () => {
    const analysis = await analyzeCode({ root: project, policy, onlyFiles: [staged] });
    const found = analysis.findings.filter((finding) => finding.file === staged);
    expect(found.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual([
      '20 training-without-consent',
    ]);
    const notes = (found[0]?.flow ?? []).map((step) => step.note);
    for (const file of ['RAW', 'CLEAN', 'DEDUPED', 'SHUFFLED', 'SPLIT']) {
      expect(notes).toContain(`written to the file \`${file}\` by \`writeFile\``);
    }
    expect(notes.at(-2)).toMatch(/^reaches `files.create`/);
    expect(notes.at(-1)).toMatch(/^reaches `fineTuning.jobs.create`/);
  }, 120_000);

  it('is an analysis-incomplete error, not a silent pass, when the rounds run out first', async () => {
    const analysis = await analyzeCode({
      root: project,
      policy,
      onlyFiles: [staged],
      limits: { rounds: 2 },
    });
    const found = analysis.findings.filter((finding) => finding.file === staged);
    expect(found.map((finding) => finding.ruleId)).toContain('analysis-incomplete');
    const incomplete = found.find((finding) => finding.ruleId === 'analysis-incomplete');
    expect(incomplete?.severity).toBe('error');
    expect(incomplete?.message).toContain('after 2 rounds of evaluation');
  }, 120_000);
});
