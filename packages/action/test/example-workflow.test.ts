import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, OUTPUT_NAMES } from '../src/inputs.js';

const text = readFileSync(
  new URL('../../../examples/workflows/consentry.yml', import.meta.url),
  'utf8',
);

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}

const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('examples/workflows/consentry.yml', () => {
  it('runs on pull requests with least-privilege permissions', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });

  it('pins every third-party action to a full commit SHA with a version comment', () => {
    const thirdParty = text
      .split('\n')
      .filter((line) => /\buses: /.test(line) && !line.includes('consentry/consentry/'));
    expect(thirdParty.length).toBeGreaterThanOrEqual(3);
    for (const line of thirdParty) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('gives the Consentry step only inputs the action declares, and uploads its SARIF output', () => {
    const consentry = steps.find((step) =>
      step.uses?.startsWith('consentry/consentry/packages/action@'),
    );
    expect(consentry?.id).toBe('consentry');
    for (const name of Object.keys(consentry?.with ?? {})) {
      expect(INPUT_NAMES).toContain(name);
    }
    const upload = steps.find((step) =>
      step.uses?.startsWith('github/codeql-action/upload-sarif@'),
    );
    expect(OUTPUT_NAMES).toContain('sarif-file');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(upload?.with?.sarif_file).toBe('${{ steps.consentry.outputs.sarif-file }}');
    expect(upload?.if).toContain('!cancelled()');
  });

  it('checks out the full history the diff needs', () => {
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });
});
