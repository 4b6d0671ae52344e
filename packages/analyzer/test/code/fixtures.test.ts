import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '@consentry/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCode, type CodeAnalysis } from '../../src/analyze-code.js';
import { loadDefaultPolicy } from '../../src/default-policy.js';
import { compareWithAnnotations, listFiles, POLICY_FILE, readAnnotations } from './annotations.js';

const fixtures = new URL('../fixtures/code/', import.meta.url).pathname;
/** Fixture projects of shapes; `bad-input-*` projects have tests of their own. */
const projects = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('bad-input'))
  .map((entry) => entry.name)
  .sort();

describe.each(projects)('fixture project %s', (project) => {
  const dir = join(fixtures, project);
  let analysis: CodeAnalysis;

  beforeAll(async () => {
    // A project without a policy file runs on the default policy, as `consentry check` does.
    const policy = existsSync(join(dir, POLICY_FILE))
      ? loadPolicy(join(dir, POLICY_FILE))
      : (await loadDefaultPolicy(dir)).loaded;
    analysis = await analyzeCode({ root: dir, policy });
  }, 60_000);

  it('analyses without diagnostics', () => {
    expect(analysis.diagnostics).toEqual([]);
  });

  // The policy file too: the rules on code and policy agreeing report declared purposes there.
  const files = [
    ...listFiles(join(dir, 'src')).map((path) => path.slice(dir.length + 1)),
    ...(existsSync(join(dir, POLICY_FILE)) ? [POLICY_FILE] : []),
  ];
  it.each(files)('%s matches its annotations', (file) => {
    const annotations = readAnnotations(dir).filter((annotation) => annotation.file === file);
    const findings = analysis.findings.filter((finding) => finding.file === file);
    expect(compareWithAnnotations(annotations, findings)).toEqual([]);
  });
});
