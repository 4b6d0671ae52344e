import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, OUTPUT_NAMES } from '../src/inputs.js';

interface ActionManifest {
  readonly inputs: Record<string, { readonly description: string; readonly default?: string }>;
  readonly outputs: Record<string, { readonly description: string }>;
  readonly runs: { readonly using: string; readonly main: string };
}

const manifest = parse(
  readFileSync(new URL('../action.yml', import.meta.url), 'utf8'),
) as ActionManifest;

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(Object.keys(manifest.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('defaults to failing on errors, the workflow token, no comment and the event-chosen filter', () => {
    expect(manifest.inputs['fail-on']?.default).toBe('error');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(manifest.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(manifest.inputs.comment?.default).toBe('false');
    expect(manifest.inputs['filter-mode']?.default).toBe('');
  });
});
