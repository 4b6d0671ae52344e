import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/chat-assistant', import.meta.url));

// The build loads the compiler differently from the sources (tsup.config.ts resolves ts-morph to
// src/ts-runtime.ts), so the built CLI is run for real. The workspace packages are bundled from
// their sources; the build lands under node_modules so the other dependencies resolve.
describe('the CLI as tsup builds it', { timeout: 120_000 }, () => {
  const cacheRoot = join(packageDir, 'node_modules', '.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const outDir = mkdtempSync(join(cacheRoot, 'built-cli-test-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('checks the example project and builds its record', async () => {
    const base = config as Options;
    await build({
      ...base,
      entry: { cli: join(packageDir, 'src/cli/main.ts') },
      outDir,
      dts: false,
      sourcemap: false,
      silent: true,
      noExternal: [...(base.noExternal ?? []), /^@consentry\//],
      esbuildOptions(options) {
        options.conditions = ['@consentry/source'];
      },
    });
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [join(outDir, 'cli.js'), ...args], {
        cwd: example,
        env: { ...process.env, NO_COLOR: '1', NODE_DISABLE_COMPILE_CACHE: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
    const checked = await run('check', '.', '--format', 'json', '--fail-on', 'never', '--no-cache');
    const report = JSON.parse(checked.stdout) as {
      findings: { ruleId: string; file: string; line: number }[];
    };
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'tier-opt-out-gap src/training/nightly-training-export.ts:46',
    ]);
    const record = await run('ropa', '.', '--no-cache');
    expect(record.stdout).toBe(readFileSync(join(example, 'docs/processing-record.md'), 'utf8'));
  });
});
