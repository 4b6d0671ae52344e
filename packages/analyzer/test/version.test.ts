import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

describe('VERSION', () => {
  it('is the version in package.json, so reports name the release that made them', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string; bin: Record<string, string> };
    expect(VERSION).toBe(manifest.version);
    expect(manifest.bin).toEqual({ consentry: './dist/cli.js' });
  });
});
