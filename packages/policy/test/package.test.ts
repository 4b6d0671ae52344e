import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { policySchemaText } from '../../../scripts/copy-policy-schema.mjs';
import { policySchema } from '../src/schema.js';

const packageDir = new URL('..', import.meta.url).pathname;

describe('the @consentry/policy package', { timeout: 60_000 }, () => {
  it('ships the policy schema and its README (npm pack)', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
      cwd: packageDir,
    });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('policy.schema.json');
    expect(files).toContain('README.md');
    const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(manifest.files).toContain('dist');
    expect(manifest.exports['./policy.schema.json']).toBe('./policy.schema.json');
  });

  it('ships the same schema as schemas/policy.schema.json (run npm run gen:types when this fails)', () => {
    const shipped = readFileSync(`${packageDir}policy.schema.json`, 'utf8');
    expect(shipped).toBe(policySchemaText());
    expect(policySchema).toEqual(JSON.parse(shipped));
  });
});
