import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProjectRecord, renderRecord } from '@consentry/analyzer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/analyzer.js';

const project = new URL('fixtures/e2e-project/base/', import.meta.url).pathname;
let root: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-adapter-')));
  cpSync(project, root, { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the real analyzer behind the action', () => {
  it('checks a project and renders SARIF from its report', async () => {
    const analyzer = createAnalyzer();
    const report = await analyzer.check({ root });
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    const sarif = JSON.parse(analyzer.formatSarif(report));
    expect(sarif.version).toBe('2.1.0');
  });

  it('analyses a file past the default size limit when the limits input raises it', async () => {
    const analyzer = createAnalyzer();
    const file = join(root, 'src/export.ts');
    // A generated-looking tail pushes the export past the default 1,000,000 bytes.
    writeFileSync(file, `${readFileSync(file, 'utf8')}${'// fixture data\n'.repeat(70_000)}`);
    const incomplete = (report: { findings: readonly { ruleId: string; file: string }[] }) =>
      report.findings.filter((finding) => finding.ruleId === 'analysis-incomplete');
    expect(incomplete(await analyzer.check({ root }))).toMatchObject([{ file: 'src/export.ts' }]);
    const raised = await analyzer.check({ root, limits: { 'file-bytes': 2_000_000 } });
    expect(incomplete(raised)).toEqual([]);
  });

  it('keeps the check’s analysis in its cache directory for the record to reuse', async () => {
    const cacheDir = join(root, '.runner-temp', 'consentry-cache');
    const analyzer = createAnalyzer({ cacheDir });
    await analyzer.check({ root });
    // The cache's format directory (`v<N>`) changes with its format; the results are below it.
    const stored = () => {
      const format = readdirSync(cacheDir).find((name) => /^v\d+$/.test(name)) ?? 'v?';
      return readdirSync(join(cacheDir, format, 'results'));
    };
    expect(stored()).toHaveLength(1);
    const record = join(root, 'docs/record.md');
    mkdirSync(join(root, 'docs'));
    writeFileSync(record, renderRecord((await buildProjectRecord({ root })).record, 'markdown'));
    expect(await analyzer.checkRecord({ root, record })).toMatchObject({ upToDate: true });
    // The record only reads the cache.
    expect(stored()).toHaveLength(1);
  });

  it('finds a missing record, accepts a fresh one and shows the diff of a stale one', async () => {
    const analyzer = createAnalyzer();
    const record = join(root, 'docs/record.md');
    const missing = await analyzer.checkRecord({ root, record });
    expect(missing).toMatchObject({ upToDate: false, missing: true });

    mkdirSync(join(root, 'docs'));
    writeFileSync(record, renderRecord((await buildProjectRecord({ root })).record, 'markdown'));
    expect(await analyzer.checkRecord({ root, record })).toMatchObject({
      upToDate: true,
      diff: '',
    });

    const policy = join(root, 'consentry.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('retention: P6M', 'retention: P9M'));
    const stale = await analyzer.checkRecord({ root, record, policyFile: policy });
    expect(stale.upToDate).toBe(false);
    expect(stale.diff.split('\n').slice(0, 2)).toEqual([
      '--- docs/record.md (committed)',
      '+++ docs/record.md (expected)',
    ]);
    expect(stale.diff).not.toContain(root);
  });
});
