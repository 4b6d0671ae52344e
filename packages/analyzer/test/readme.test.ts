import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = new URL('..', import.meta.url).pathname;
const example = new URL('../../../examples/chat-assistant', import.meta.url).pathname;
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const cliDoc = readFileSync(join(packageDir, 'docs', 'cli.md'), 'utf8');

describe('the analyzer README', { timeout: 120_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-readme-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('shows the library example verbatim from its fixture, and it gates the example project', async () => {
    const blocks = [...readme.matchAll(/```ts\n(\/\/ ([\w-]+\.ts)\n[\s\S]*?)```/g)];
    expect(blocks.map((block) => block[2])).toEqual(['gate.ts']);
    expect(blocks[0]?.[1]).toBe(
      readFileSync(join(packageDir, 'test', 'fixtures', 'readme', 'gate.ts'), 'utf8'),
    );
    const { gate } = await import('./fixtures/readme/gate.js');
    const printed: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const sarifFile = join(scratch, 'consentry.sarif');
    try {
      expect(await gate(example, sarifFile)).toBe(true);
    } finally {
      stderr.mockRestore();
    }
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toEqual(['tier-opt-out-gap']);
    expect(printed.join('')).toContain('tier-opt-out-gap');
  });

  it('uses only commands and flags the CLI documents', () => {
    const lines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
      (block[1] ?? '').split('\n').filter((line) => line.trim() !== ''),
    );
    const commands = lines
      .filter((line) => line.startsWith('npx consentry '))
      .map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const command of commands) {
      const [, , subcommand, ...args] = command.split(/\s+/);
      expect(cliDoc, command).toContain(`consentry ${subcommand}`);
      for (const flag of args.filter((arg) => arg.startsWith('--'))) {
        expect(cliDoc, `${command}: ${flag}`).toContain(flag);
      }
    }
  });
});
