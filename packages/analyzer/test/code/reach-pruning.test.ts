import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisProgress } from '../../src/analyze-code.js';
import { runCodeAnalysis } from '../../src/analyze-code.js';
import { loadPolicyOrDefault } from '../../src/default-policy.js';
import { knownProjects } from '../support/known-projects.js';

// The call graph links the functions of files that cannot reach a sink only when a relevant
// function calls them (`filesThatMayReach`). Every project the tests know must give the same
// findings, flows and evidence as when every function is linked.

const bench = fileURLToPath(new URL('../../../../bench/', import.meta.url));
const generated: string[] = [];
afterAll(() => {
  for (const dir of generated.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The analysis of `root`, as JSON, and how many functions the call graph linked up front. */
async function analyse(root: string, linkEveryFunction: boolean) {
  const { loaded } = await loadPolicyOrDefault(root);
  let linkedFirst = 0;
  const analysis = await runCodeAnalysis({
    root,
    policy: loaded,
    linkEveryFunction,
    onProgress: (progress: AnalysisProgress) => {
      if (progress.phase === 'call graph' && progress.done === 0) linkedFirst = progress.total;
    },
  });
  const { findings, diagnostics, evidence, stats } = analysis;
  return { json: JSON.stringify({ findings, diagnostics, evidence, stats }), linkedFirst };
}

async function expectSame(root: string): Promise<{ all: number; first: number }> {
  const every = await analyse(root, true);
  const pruned = await analyse(root, false);
  expect(pruned.json).toEqual(every.json);
  return { all: every.linkedFirst, first: pruned.linkedFirst };
}

function generatedDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-reach-'));
  generated.push(dir);
  return dir;
}

describe('linking only what can reach a sink', { timeout: 600_000 }, () => {
  const projects = knownProjects();

  it.each(projects)('gives the same analysis of %s', async (root) => {
    await expectSame(root);
  });

  it("gives the same analysis of the bench's app shape, linking a fraction of its functions", async () => {
    const dir = generatedDir();
    const { generateAppProject } = (await import(
      pathToFileURL(join(bench, 'generate-app.mjs')).href
    )) as { generateAppProject: (dir: string, files: number, options?: object) => unknown };
    generateAppProject(dir, 300, { sdkSource: true });
    const { all, first } = await expectSame(dir);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(all / 2);
  });

  it("gives the same analysis of the bench's synthetic shape", async () => {
    const dir = generatedDir();
    const { generateProject } = (await import(pathToFileURL(join(bench, 'generate.mjs')).href)) as {
      generateProject: (dir: string, files: number, options?: object) => unknown;
    };
    generateProject(dir, 250, { sdkSource: true });
    await expectSame(dir);
  });
});
