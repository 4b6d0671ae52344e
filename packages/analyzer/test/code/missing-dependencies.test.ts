import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import { compareWithAnnotations, readAnnotations } from './annotations.js';

const fixture = new URL('../fixtures/code/bad-input-missing-dependencies/', import.meta.url)
  .pathname;

describe('a project whose dependencies are not installed', () => {
  // Outside the repository, so no node_modules above it resolves the SDK or @types/node.
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-missing-deps-'));
  const root = join(scratch, 'project');
  let analysis: CodeAnalysis;

  beforeAll(async () => {
    cpSync(fixture, root, { recursive: true });
    analysis = await analyzeCode({ root, policy: loadPolicy(join(root, 'consentry.yaml')) });
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('still recognises the SDK by its import declarations and matches the annotations', () => {
    expect(compareWithAnnotations(readAnnotations(root), analysis.findings)).toEqual([]);
    expect(analysis.findings.length).toBeGreaterThan(0);
  });

  it('says once that dependencies are missing and results may be incomplete', () => {
    const summaries = analysis.diagnostics.filter(
      (diagnostic) => diagnostic.code === 'dependencies-missing',
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.message).toContain('@consentry/sdk');
    expect(summaries[0]?.message).toContain('not installed');
    expect(summaries[0]?.message).toContain('may be incomplete');
  });

  it('words an unresolved Node built-in as missing type declarations', () => {
    const builtin = analysis.diagnostics.filter((diagnostic) =>
      diagnostic.message.includes("'node:fs'"),
    );
    expect(builtin).toHaveLength(1);
    expect(builtin[0]?.message).toContain('@types/node');
    expect(builtin[0]?.message).not.toContain('node_modules?');
  });
});
