import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIo } from '../src/cli/io.js';
import { run } from '../src/cli/run.js';

const text = readFileSync(
  new URL('../../../examples/workflows/consentry-sharded.yml', import.meta.url),
  'utf8',
);

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
const workflow = parse(text) as {
  env: Record<string, number>;
  jobs: Record<
    string,
    { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }
  >;
};

describe('examples/workflows/consentry-sharded.yml', () => {
  it('pins every third-party action to a full commit SHA with a version comment', () => {
    const lines = text.split('\n').filter((line) => /\buses: /.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('runs one shard per matrix entry and merges them after all', () => {
    const scan = workflow.jobs.scan!;
    const count = workflow.env.SHARDS!;
    expect(scan.strategy?.matrix.shard).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const command = scan.steps.find((step) => step.run?.includes('consentry check'))?.run ?? '';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
    expect(command).toContain('--shard ${{ matrix.shard }}/${{ env.SHARDS }}');
    const cacheStep = scan.steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    const install = scan.steps.findIndex((step) => step.run?.startsWith('npm ci'));
    expect(cacheStep).toBeGreaterThan(install);
    expect(scan.steps[cacheStep]?.with?.path).toBe('node_modules/.cache/consentry');
    expect(workflow.jobs.merge?.needs).toBe('scan');
    const merge = workflow.jobs.merge!.steps.find((step) => step.run?.includes('consentry merge'));
    expect(merge?.run).toContain('consentry-*.sarif');
  });

  it('uses only options the CLI knows', async () => {
    let help = '';
    const io: CliIo = {
      cwd: '/',
      stdout: (t) => {
        help += t;
      },
      stderr: () => {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
    };
    // Each command's own help lists its options.
    for (const command of ['check', 'ropa', 'merge']) await run([command, '--help'], io);
    const commands = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .map((step) => step.run ?? '')
      .filter((command) => command.includes('consentry'));
    const flags = commands.flatMap((command) => command.match(/--[a-z-]+/g) ?? []);
    expect(flags.length).toBeGreaterThan(5);
    for (const flag of flags) expect(help).toContain(flag);
  });
});
