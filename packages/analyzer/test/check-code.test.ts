import { afterEach, describe, expect, it } from 'vitest';
import { createBaseline } from '../src/baseline.js';
import { check, selectChanged } from '../src/check.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { createCodeProject, EXPORT_SOURCE, SINK_LINE } from './support/code-project.js';
import { compileReportSchema, compileSarifSchema } from './support/schemas.js';
import type { TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
function project(): TempProject {
  const created = createCodeProject();
  projects.push(created);
  return created;
}
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

const SINK = '  trainingQueue.enqueue(row);';

function codeFindings(report: Awaited<ReturnType<typeof check>>) {
  return report.findings.filter((finding) => finding.origin === 'code');
}

// Each check runs the code analysis on ts-morph: slower than the default 5 s on a loaded machine.
describe('check on code', { timeout: 60_000 }, () => {
  it('reports an unguarded training sink with its purpose, tiers, flow and snippet', async () => {
    const report = await check({ root: project().root });
    const [finding] = codeFindings(report);
    expect(finding).toMatchObject({
      ruleId: 'training-without-consent',
      file: 'src/export.ts',
      line: SINK_LINE,
      purpose: 'model-training',
      tiers: ['free', 'pro', 'enterprise'],
      snippet: SINK,
    });
    expect(finding?.flow?.at(-1)).toMatchObject({ file: 'src/export.ts', line: SINK_LINE });
    expect(report.stats.files).toBeGreaterThan(0);
    const sarif = JSON.parse(formatSarif(report)) as {
      runs: { results: { ruleId: string; codeFlows?: unknown[] }[] }[];
    };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'training-without-consent');
    expect(result?.codeFlows).toHaveLength(1);
  });

  it('gives JSON and SARIF that their schemas accept, byte-identical across runs', async () => {
    const { root } = project();
    const first = await check({ root });
    const second = await check({ root });
    const validateReport = compileReportSchema();
    const json = formatJson(first);
    expect(validateReport(JSON.parse(json)), JSON.stringify(validateReport.errors)).toBe(true);
    const validateSarif = compileSarifSchema();
    const sarif = formatSarif(first);
    expect(validateSarif(JSON.parse(sarif)), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(formatJson(second)).toBe(json);
    expect(formatSarif(second)).toBe(sarif);
    expect(json + sarif).not.toContain(root);
  });

  it('silences the finding with a reasoned suppression on the line above', async () => {
    const created = project();
    created.write(
      'src/export.ts',
      EXPORT_SOURCE.replace(
        SINK,
        `  // consentry-ignore training-without-consent -- rows are pseudonymised upstream\n${SINK}`,
      ),
    );
    const report = await check({ root: created.root });
    expect(codeFindings(report)).toEqual([]);
    expect(report.stats.suppressed).toBe(1);
    expect(report.suppressions).toEqual([
      {
        ruleId: 'training-without-consent',
        file: 'src/export.ts',
        line: 7,
        reason: 'rows are pseudonymised upstream',
      },
    ]);
  });

  it('silences the finding with a reasoned suppression at the end of the line', async () => {
    const created = project();
    created.write(
      'src/export.ts',
      EXPORT_SOURCE.replace(
        SINK,
        `${SINK} // consentry-ignore training-without-consent -- pseudonymised upstream`,
      ),
    );
    expect(codeFindings(await check({ root: created.root }))).toEqual([]);
  });

  it('keeps the finding and reports a suppression without a reason', async () => {
    const created = project();
    created.write(
      'src/export.ts',
      EXPORT_SOURCE.replace(SINK, `  // consentry-ignore training-without-consent\n${SINK}`),
    );
    const findings = codeFindings(await check({ root: created.root }));
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ['invalid-suppression', SINK_LINE],
      ['training-without-consent', SINK_LINE + 1],
    ]);
  });

  it('keeps a baselined finding hidden after lines are added above it', async () => {
    const created = project();
    const first = await check({ root: created.root });
    created.write('baseline.json', createBaseline(first.findings));
    created.write('src/export.ts', `// Nightly export.\n\n${EXPORT_SOURCE}`);
    const report = await check({ root: created.root, baseline: 'baseline.json' });
    expect(report.findings).toEqual([]);
    expect(report.stats.baselined).toBe(2);
    created.write('src/export.ts', EXPORT_SOURCE.replace('row);', 'row, );'));
    const changed = await check({ root: created.root, baseline: 'baseline.json' });
    expect(codeFindings(changed).map((finding) => finding.ruleId)).toEqual([
      'training-without-consent',
    ]);
  });

  it('with changedSince, reports code findings only when their files changed', async () => {
    const { root } = project();
    const elsewhere = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => ['src/domain.ts'],
    });
    expect(codeFindings(elsewhere)).toEqual([]);
    const here = await check({
      root,
      changedSince: 'main',
      listChangedFiles: async () => ['src/export.ts'],
    });
    expect(codeFindings(here).map((finding) => finding.file)).toEqual(['src/export.ts']);
  });
});

describe('selectChanged', () => {
  const sink = {
    ruleId: 'training-without-consent',
    severity: 'error' as const,
    message: 'm',
    file: 'src/export.ts',
    line: 7,
    column: 3,
    origin: 'code' as const,
    flow: [
      { file: 'src/service.ts', line: 4, column: 1, note: 'guard removed here' },
      { file: 'src/export.ts', line: 7, column: 3, note: 'sink' },
    ],
  };
  const { flow: _flow, ...withoutFlow } = sink;
  const policy = { ...withoutFlow, file: 'consentry.yaml', origin: 'policy' as const };

  it('keeps findings in a changed file or whose flow runs through one', () => {
    expect(selectChanged([sink, policy], new Set(['src/service.ts']))).toEqual([sink]);
    expect(selectChanged([sink, policy], new Set(['consentry.yaml']))).toEqual([policy]);
    expect(selectChanged([sink, policy], new Set(['src/other.ts']))).toEqual([]);
  });
});
