import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { createTempProject, TEST_POLICY, type TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

const policyText = readFileSync(TEST_POLICY, 'utf8');

/** The test policy with a sink mapping whose method name has a typo (`enqeue`). */
function policyWithMistypedSink(optional: boolean): string {
  return `${policyText}
code:
  sinks:
    - module: ./src/training-queue.ts
      export: TrainingQueue.enqeue
      purpose: model-training
${optional ? '      optional: true\n' : ''}`;
}

/** A project whose policy maps a training queue by a mistyped method name. */
function projectWithMistypedSink(optional: boolean): TempProject {
  const created = createTempProject({
    'consentry.yaml': policyWithMistypedSink(optional),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: [] },
      include: ['src'],
    }),
    'src/training-queue.ts': `export interface TrainingRow {
  readonly prompt: string;
  readonly reply: string;
}

export class TrainingQueue {
  readonly #rows: TrainingRow[] = [];

  enqueue(row: TrainingRow): void {
    this.#rows.push(row);
  }
}
`,
  });
  projects.push(created);
  return created;
}

// The line of the mapping's `export` in the policy (its key, at column 7).
const exportLine =
  policyWithMistypedSink(false)
    .split('\n')
    .findIndex((line) => line.includes('export: TrainingQueue.enqeue')) + 1;

describe('an unresolved policy mapping', { timeout: 120_000 }, () => {
  it('stops check with exit code 2, at its place in the policy, with the reason and a did-you-mean', async () => {
    const { root } = projectWithMistypedSink(false);
    const result = await runCli(root, 'check', '.', '--format', 'json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `consentry.yaml:${exportLine}:7: /code/sinks/0/export: \`TrainingQueue\` has no member \`enqeue\` (did you mean "enqueue"?). The mapping names nothing in the project, so what it maps would go unchecked; correct it, or mark it \`optional: true\` if only some builds have that code.\n`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('marked optional, lets check go on and is counted in the JSON summary and listed', async () => {
    const { root } = projectWithMistypedSink(true);
    const result = await runCli(root, 'check', '.', '--format', 'json');
    // The test policy's one finding is a note: below the default threshold.
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary.unresolvedMappings).toBe(1);
    expect(report.diagnostics).toEqual([
      {
        code: 'policy-mapping-unresolved',
        message:
          '/code/sinks/0/export: `TrainingQueue` has no member `enqeue` (did you mean "enqueue"?). The mapping is optional and names nothing in the project, so it is ignored.',
        file: 'consentry.yaml',
        line: exportLine,
        column: 7,
      },
    ]);
    const failing = await runCli(root, 'check', '.', '--format', 'json', '--fail-on', 'note');
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).summary.unresolvedMappings).toBe(1);
  });

  it('marked optional, is counted in the pretty summary line, the Markdown summary and the SARIF run', async () => {
    const { root } = projectWithMistypedSink(true);
    const pretty = await runCli(root, 'check', '.');
    expect(pretty.code).toBe(0);
    expect(pretty.stdout.trimEnd().split('\n').at(-1)).toContain(
      ' · 1 optional mapping unresolved · ',
    );
    const markdown = await runCli(root, 'check', '.', '--format', 'markdown');
    expect(markdown.stdout).toContain('1 optional policy mapping names nothing in the project, ');
    const sarif = await runCli(root, 'check', '.', '--format', 'sarif');
    expect(JSON.parse(sarif.stdout).runs[0].properties).toEqual({ unresolvedMappings: 1 });
  });

  it('is counted as zero when every mapping resolves', async () => {
    const { root } = projectWithMistypedSink(false);
    const fixed = createTempProject({
      'consentry.yaml': policyWithMistypedSink(false).replace('enqeue', 'enqueue'),
    });
    projects.push(fixed);
    for (const file of ['tsconfig.json', 'src/training-queue.ts']) {
      fixed.write(file, readFileSync(`${root}/${file}`, 'utf8'));
    }
    const result = await runCli(fixed.root, 'check', '.', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.unresolvedMappings).toBe(0);
    const sarif = await runCli(fixed.root, 'check', '.', '--format', 'sarif');
    expect(JSON.parse(sarif.stdout).runs[0].properties).toEqual({ unresolvedMappings: 0 });
    const pretty = await runCli(fixed.root, 'check', '.');
    expect(pretty.stdout).not.toContain('unresolved');
  });
});
