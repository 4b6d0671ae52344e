import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';

const trust = new URL('../fixtures/code/trust/', import.meta.url).pathname;
const policyText = readFileSync(join(trust, 'consentry.yaml'), 'utf8');

/** The fixture's policy with its field guard's mapping replaced by `mapping` (YAML lines). */
function policyWith(mapping: string) {
  const text = policyText.replace(
    / {4}- module: \.\/src\/domain\.ts\n {6}export: User\n {6}kind: field\n {6}field: settings\.allowTraining\n/,
    mapping,
  );
  expect(text).not.toBe(policyText);
  return parsePolicy(text, join(trust, 'consentry.yaml'));
}

describe('policy code mappings', () => {
  it('resolve a field path through a constructor parameter typed by a named interface', async () => {
    const analysis = await analyzeCode({
      root: trust,
      policy: parsePolicy(policyText, join(trust, 'consentry.yaml')),
      onlyFiles: ['src/settings-guard.ts'],
    });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ['training-without-consent', 15],
    ]);
  }, 60_000);

  it('stop at a mistyped field, at its place in the policy, with the reason and a did-you-mean', async () => {
    const policy = policyWith(
      '    - module: ./src/domain.ts\n      export: User\n      kind: field\n      field: settings.allowTrainng\n',
    );
    const error = await analyzeCode({
      root: trust,
      policy,
      onlyFiles: ['src/settings-guard.ts'],
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        file: join(trust, 'consentry.yaml'),
        line: 59,
        column: 7,
        pointer: '/code/guards/0/field',
        message:
          '/code/guards/0/field: `User.settings` has no member `allowTrainng` (did you mean "allowTraining"?). The mapping names nothing in the project, so what it maps would go unchecked; correct it, or mark it `optional: true` if only some builds have that code.',
      },
    ]);
  }, 60_000);

  it('report a mistyped field marked optional as a diagnostic and go on without it', async () => {
    const policy = policyWith(
      '    - module: ./src/domain.ts\n      export: User\n      kind: field\n      field: settings.allowTrainng\n      optional: true\n',
    );
    const analysis = await analyzeCode({
      root: trust,
      policy,
      onlyFiles: ['src/settings-guard.ts'],
    });
    expect(analysis.diagnostics).toEqual([
      {
        code: 'policy-mapping-unresolved',
        file: 'consentry.yaml',
        line: 59,
        column: 7,
        message:
          '/code/guards/0/field: `User.settings` has no member `allowTrainng` (did you mean "allowTraining"?). The mapping is optional and names nothing in the project, so it is ignored.',
      },
    ]);
    // Unresolved, the toggle guards nothing: both exports are reported.
    expect(analysis.findings.map((finding) => finding.line)).toEqual([8, 15]);
  }, 60_000);

  it('stop at every mistyped export and unresolved module at once, leaving optional ones aside', async () => {
    const policy = policyWith(
      '    - module: ./src/domain.ts\n      export: Usr\n      kind: field\n      field: settings.allowTraining\n      purpose: model-training\n' +
        '    - module: ./src/missing.ts\n      export: User\n      kind: field\n      field: settings.allowTraining\n      purpose: model-training\n' +
        '    - module: ./src/billing.ts\n      export: User\n      kind: field\n      field: settings.allowTraining\n      optional: true\n',
    );
    const error = await analyzeCode({
      root: trust,
      policy,
      onlyFiles: ['src/settings-guard.ts'],
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.message)).toEqual([
      '/code/guards/0/export: `./src/domain.ts` exports no `Usr` (did you mean "User"?). The mapping names nothing in the project, so what it maps would go unchecked; correct it, or mark it `optional: true` if only some builds have that code.',
      '/code/guards/1/module: module `./src/missing.ts` does not resolve to a TypeScript file of the project. The mapping names nothing in the project, so what it maps would go unchecked; correct it, or mark it `optional: true` if only some builds have that code.',
    ]);
  }, 60_000);
});
