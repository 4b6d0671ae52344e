import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = new URL('..', import.meta.url).pathname;

describe('the @consentry/analyzer package', { timeout: 60_000 }, () => {
  it('ships its README and every documentation page the README and `explain` point to (npm pack)', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
      cwd: packageDir,
    });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('README.md');
    for (const page of ['cli.md', 'code-analysis.md', 'ropa.md', 'performance.md']) {
      expect(files).toContain(`docs/${page}`);
    }
    const rulePages = readdirSync(`${packageDir}docs/rules`).filter((name) => name.endsWith('.md'));
    expect(rulePages.length).toBeGreaterThan(15);
    for (const page of rulePages) expect(files).toContain(`docs/rules/${page}`);
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
  });
});
