import { readFileSync } from 'node:fs';
import { PolicyError } from '@consentry/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseline } from '../src/baseline.js';
import { check } from '../src/check.js';
import { UsageError } from '../src/errors.js';
import { formatJson } from '../src/report/json.js';
import { createTempProject, TEST_POLICY, type TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
function project(files: Record<string, string> = {}): TempProject {
  const created = createTempProject(files);
  projects.push(created);
  return created;
}
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

const policyText = readFileSync(TEST_POLICY, 'utf8');
// The example policy leaves product-analytics without recipients: one ropa-field-missing note.
const NOTE_LINE = policyText.split('\n').findIndex((line) => line.includes('Count messages')) + 1;

describe('check', { timeout: 60_000 }, () => {
  it('loads consentry.yaml from the directory and reports policy findings relative to it', async () => {
    const { root } = project();
    const report = await check({ root });
    expect(report.policyFile).toBe('consentry.yaml');
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'ropa-field-missing',
        severity: 'note',
        file: 'consentry.yaml',
        line: NOTE_LINE,
        origin: 'policy',
      }),
    ]);
    expect(report.rules.map((rule) => rule.id)).toContain('invalid-suppression');
    expect(JSON.stringify(report)).not.toContain(root);
  });

  it('gives byte-identical reports for the same input', async () => {
    const { root } = project();
    expect(formatJson(await check({ root }))).toBe(formatJson(await check({ root })));
  });

  it('honours a suppression with a reason in the policy file', async () => {
    const lines = policyText.split('\n');
    lines.splice(
      NOTE_LINE - 1,
      0,
      '    # consentry-ignore ropa-field-missing -- recipients listed in the vendor register',
    );
    const { root } = project({ 'consentry.yaml': lines.join('\n') });
    const report = await check({ root });
    expect(report.findings).toEqual([]);
    expect(report.stats.suppressed).toBe(1);
  });

  it('reports a suppression without a reason and keeps the finding', async () => {
    const lines = policyText.split('\n');
    lines.splice(NOTE_LINE - 1, 0, '    # consentry-ignore ropa-field-missing');
    const { root } = project({ 'consentry.yaml': lines.join('\n') });
    const report = await check({ root });
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['invalid-suppression', NOTE_LINE],
      ['ropa-field-missing', NOTE_LINE + 1],
    ]);
  });

  it('reports suppressions in source files that match nothing', async () => {
    const { root } = project({
      'src/export.ts':
        '// consentry-ignore dpia-missing -- kept from an older policy\nexport const rows = [];\n',
    });
    const report = await check({ root });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'unused-suppression', file: 'src/export.ts', line: 1 }),
    );
  });

  it('does not read files over 1 MB for suppressions (generated bundles)', async () => {
    const bundle = `// consentry-ignore dpia-missing -- bundled\n${'x'.repeat(1_100_000)}\n`;
    const { root } = project({ 'src/bundle.js': bundle, 'src/small.js': bundle.slice(0, 60) });
    const report = await check({ root });
    const unused = report.findings.filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.map((f) => f.file)).toEqual(['src/small.js']);
  });

  it('hides the findings a baseline holds, even after the line moved', async () => {
    const created = project();
    const first = await check({ root: created.root });
    created.write('baseline.json', createBaseline(first.findings));
    created.write('consentry.yaml', `# moved down by a comment\n${policyText}`);
    const report = await check({ root: created.root, baseline: 'baseline.json' });
    expect(report.findings).toEqual([]);
    expect(report.stats.baselined).toBe(1);
  });

  it('reports only findings in the files changed since a ref', async () => {
    const { root } = project();
    const unchanged = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => ['src/other.ts'],
    });
    expect(unchanged.findings).toEqual([]);
    expect(unchanged.stats.unchanged).toBe(1);
    expect(unchanged.changedSince).toBe('main');
    const changed = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => ['consentry.yaml'],
    });
    expect(changed.findings.map((f) => f.ruleId)).toEqual(['ropa-field-missing']);
  });

  it('throws a UsageError for a missing directory', async () => {
    await expect(check({ root: '/nonexistent/consentry-project' })).rejects.toThrow(UsageError);
  });

  it('throws a PolicyError located at the bad value of a malformed policy', async () => {
    const broken = policyText.replace('legalBasis: contract', 'legalBasis: whim');
    const line = broken.split('\n').findIndex((text) => text.includes('legalBasis: whim')) + 1;
    const { root } = project({ 'consentry.yaml': broken });
    const error = await check({ root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problems[0]).toMatchObject({ line });
  });

  it('throws a ConfigError for a malformed baseline', async () => {
    const { root } = project({ 'baseline.json': '{"version": 1}' });
    await expect(check({ root, baseline: 'baseline.json' })).rejects.toThrow(/baseline must be/);
  });
});
