import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = new URL('..', import.meta.url).pathname;
const committed = join(packageDir, 'dist');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('the committed dist/', () => {
  const rebuilt = mkdtempSync(join(tmpdir(), 'consentry-action-dist-'));
  afterAll(() => rmSync(rebuilt, { recursive: true, force: true }));

  it('is what `npm run build` makes from the sources today', async () => {
    const tsupPackage = createRequire(import.meta.url).resolve('tsup/package.json');
    const cli = join(dirname(tsupPackage), 'dist/cli-default.js');
    await promisify(execFile)(process.execPath, [cli, '--out-dir', rebuilt], {
      cwd: packageDir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const stale = 'dist/ is stale: run `npm run build -w packages/action` and commit dist/';
    expect(listFiles(committed), stale).toEqual(listFiles(rebuilt));
    for (const file of listFiles(rebuilt)) {
      const same = readFileSync(join(committed, file)).equals(readFileSync(join(rebuilt, file)));
      expect(same, `${stale} (${file} differs)`).toBe(true);
    }
  });
});
