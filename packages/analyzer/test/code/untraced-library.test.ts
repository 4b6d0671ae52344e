import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import { compareWithAnnotations, readAnnotations } from './annotations.js';

// Its own project: an import without type declarations is a load diagnostic, which the fixture
// projects under test/fixtures/code/ must not have.
const project = new URL('../fixtures/untraced-library/', import.meta.url).pathname;

describe('a training upload of data from a module without type declarations', () => {
  let analysis: CodeAnalysis;
  beforeAll(async () => {
    analysis = await analyzeCode({
      root: project,
      policy: loadPolicy(join(project, 'consentry.yaml')),
    });
  }, 60_000);

  it('says once, where the module is imported, that calls into it are unknown code', () => {
    expect(analysis.diagnostics.map(({ code, file, line }) => ({ code, file, line }))).toEqual([
      { code: 'module-unresolved', file: 'src/export-job.ts', line: 1 },
    ]);
  });

  it('is reported as untraced, and its typed twin by the usual rule', () => {
    const annotations = readAnnotations(project).filter(
      (annotation) => annotation.file === 'src/export-job.ts',
    );
    expect(annotations.length).toBeGreaterThan(0);
    expect(compareWithAnnotations(annotations, analysis.findings)).toEqual([]);
  });

  it('is listed in the record of processing, saying that its data is not traced and why', () => {
    expect(
      (analysis.evidence?.sinks ?? []).map(({ line, symbol, sink, unguardedTiers }) => ({
        line,
        symbol,
        sink,
        unguardedTiers,
      })),
    ).toEqual([
      {
        line: 11,
        symbol: 'uploadWarehouseExport',
        sink: '`files.create` (OpenAI file upload for fine-tuning); its data is not traced: it comes from `exportConversations` of `legacy-warehouse`, a module without type declarations',
        unguardedTiers: [],
      },
      {
        line: 20,
        symbol: 'uploadTypedWarehouseExport',
        sink: '`files.create` (OpenAI file upload for fine-tuning)',
        unguardedTiers: ['free', 'pro'],
      },
    ]);
  });
});
