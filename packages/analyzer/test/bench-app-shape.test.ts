import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';

/** What `bench/generate-app.mjs` returns. */
interface AppShape {
  readonly total: number;
  readonly features: number;
  readonly jobs: number;
  readonly leaf: string;
  readonly sinkFile: string;
}
type Generate = (dir: string, files: number, options?: { sdkSource?: boolean }) => AppShape;

const generator = fileURLToPath(new URL('../../../bench/generate-app.mjs', import.meta.url));
const run = promisify(execFile);
const dirs: string[] = [];
let generateAppProject: Generate;
let dir: string;
let shape: AppShape;

/** The generated tree (outside `node_modules`): path and text of every file, sorted. */
function tree(root: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile()) found.push([relative(root, full), readFileSync(full, 'utf8')]);
    }
  };
  walk(root);
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function generate(files: number): { dir: string; shape: AppShape } {
  const target = mkdtempSync(join(tmpdir(), 'consentry-app-shape-'));
  dirs.push(target);
  return { dir: target, shape: generateAppProject(target, files, { sdkSource: true }) };
}

beforeAll(async () => {
  ({ generateAppProject } = (await import(pathToFileURL(generator).href)) as {
    generateAppProject: Generate;
  });
  ({ dir, shape } = generate(200));
});
afterAll(() => {
  for (const created of dirs.splice(0)) rmSync(created, { recursive: true, force: true });
});

describe("the bench's app shape (bench/generate-app.mjs)", () => {
  it('has exactly the TypeScript files asked for, mostly React components and pages', () => {
    const files = tree(dir).map(([path]) => path);
    const typescript = files.filter((path) => /^src\/.*\.tsx?$/.test(path));
    expect(typescript).toHaveLength(200);
    expect(shape.total).toBe(200);
    const components = typescript.filter((path) => path.endsWith('.tsx'));
    expect(components.length / typescript.length).toBeGreaterThan(0.6);
    expect(files).toContain('prisma/schema.prisma');
    expect(files.filter((path) => path.endsWith('.module.css'))).toHaveLength(shape.features);
    expect(files).toContain(shape.leaf);
    expect(files).toContain(shape.sinkFile);
  });

  it('generates the same files for the same size', () => {
    expect(tree(generate(200).dir)).toEqual(tree(dir));
  });

  it('compiles without a TypeScript error, path aliases and CSS modules included', async () => {
    // The bench's reference run, as the bench runs it.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], {
      cwd: dir,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? '',
      }),
    );
    expect(result).toEqual({ code: 0, stdout: '' });
  }, 300_000);

  it('reports the unguarded and the paying-tiers-only fine-tuning jobs, and not the guarded one', async () => {
    expect(shape.jobs).toBe(3);
    const report = await check({ root: dir });
    const jobs = tree(dir)
      .filter(([path]) => /^src\/jobs\/[^/]+-fine-tune\.ts$/.test(path))
      .map(([path, text]) => ({
        path,
        // The finding sits on the fine-tuning job started from the upload's file id.
        job: text.split('\n').findIndex((line) => line.includes('fineTuning.jobs.create')) + 1,
        variant: text.includes("account.tier !== 'free'")
          ? 'tier-gated'
          : text.includes('consent.allows')
            ? 'guarded'
            : 'unguarded',
      }));
    expect(jobs.map((job) => job.variant).sort()).toEqual(['guarded', 'tier-gated', 'unguarded']);
    const expected = jobs
      .filter((job) => job.variant !== 'guarded')
      .map(
        (job) =>
          `${job.variant === 'unguarded' ? 'training-without-consent' : 'tier-opt-out-gap'} ${job.path}:${job.job}`,
      )
      .sort();
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort()).toEqual(expected);
  }, 300_000);
});
