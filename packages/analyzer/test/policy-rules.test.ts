import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings.js';
import { policyRules, runPolicyRules } from '../src/rules/policy-rules.js';

const packageDir = new URL('..', import.meta.url).pathname;
const fixturesDir = join(packageDir, 'test/fixtures/policies');

interface Annotation {
  readonly kind: 'expect' | 'ok' | 'todo-expect';
  readonly ruleId: string;
  /** The line the annotation is about: the next line that is not itself an annotation. */
  readonly line: number;
  /** The line of the comment, for messages. */
  readonly at: number;
}

const ANNOTATION =
  /^\s*(?:#|\/\/)\s*(expect|ok|todo-expect):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

function readAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const annotations: Annotation[] = [];
  lines.forEach((content, index) => {
    const match = ANNOTATION.exec(content);
    if (match === null) return;
    let target = index + 1;
    while (target < lines.length && ANNOTATION.test(lines[target]!)) target += 1;
    for (const ruleId of match[2]!.split(',')) {
      annotations.push({
        kind: match[1] as Annotation['kind'],
        ruleId: ruleId.trim(),
        line: target + 1,
        at: index + 1,
      });
    }
  });
  return annotations;
}

/** Compares findings with annotations; returns one line per mismatch. */
function mismatches(
  file: string,
  findings: readonly Finding[],
  annotations: readonly Annotation[],
): string[] {
  const problems: string[] = [];
  const annotated = (finding: Finding, kind: Annotation['kind']) =>
    annotations.some(
      (a) => a.kind === kind && a.ruleId === finding.ruleId && a.line === finding.line,
    );
  for (const finding of findings) {
    if (annotated(finding, 'todo-expect')) continue;
    if (!annotated(finding, 'expect')) {
      problems.push(
        `${file}:${finding.line}:${finding.column}: unannotated ${finding.ruleId}: ${finding.message}`,
      );
    }
  }
  for (const annotation of annotations) {
    const hits = findings.filter(
      (f) => f.ruleId === annotation.ruleId && f.line === annotation.line,
    );
    if (annotation.kind === 'expect' && hits.length === 0) {
      problems.push(
        `${file}:${annotation.at}: expected ${annotation.ruleId} on line ${annotation.line}, got none`,
      );
    }
    if (annotation.kind === 'ok' && hits.length > 0) {
      problems.push(
        `${file}:${annotation.at}: ${annotation.ruleId} must not report line ${annotation.line}`,
      );
    }
    if (annotation.kind === 'todo-expect' && hits.length > 0) {
      problems.push(
        `${file}:${annotation.at}: todo-expect ${annotation.ruleId} now passes; make it an expect`,
      );
    }
  }
  return problems;
}

const ruleDirs = readdirSync(fixturesDir).sort();

describe('policy rule fixtures', () => {
  for (const dir of ruleDirs) {
    const files = readdirSync(join(fixturesDir, dir))
      .filter((name) => /\.(?:ya?ml|policy\.ts)$/.test(name))
      .sort();
    describe(dir, () => {
      for (const name of files) {
        it(`${name} reports exactly what its annotations say`, () => {
          const file = `test/fixtures/policies/${dir}/${name}`;
          const text = readFileSync(join(packageDir, file), 'utf8');
          const findings = runPolicyRules(parsePolicy(text, join(packageDir, file)), {
            root: packageDir,
          });
          expect(findings.every((finding) => finding.file === file)).toBe(true);
          expect(findings.filter((finding) => /\{\w+\}/.test(finding.message))).toEqual([]);
          expect(mismatches(file, findings, readAnnotations(text))).toEqual([]);
        });
      }

      it('has a case that must trigger the rule and a near miss that must not', () => {
        const annotations = files.flatMap((name) =>
          readAnnotations(readFileSync(join(fixturesDir, dir, name), 'utf8')),
        );
        const kinds = new Set(annotations.filter((a) => a.ruleId === dir).map((a) => a.kind));
        expect([...kinds].sort()).toEqual(expect.arrayContaining(['expect', 'ok']));
      });
    });
  }
});

describe('policy rule messages', () => {
  it('say the same as in the golden listing of every fixture finding', async () => {
    const lines: string[] = [];
    for (const dir of ruleDirs) {
      for (const name of readdirSync(join(fixturesDir, dir)).sort()) {
        if (!/\.(?:ya?ml|policy\.ts)$/.test(name)) continue;
        const file = `test/fixtures/policies/${dir}/${name}`;
        const loaded = parsePolicy(
          readFileSync(join(packageDir, file), 'utf8'),
          join(packageDir, file),
        );
        for (const finding of runPolicyRules(loaded, { root: packageDir })) {
          lines.push(
            `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} [${(finding.tiers ?? []).join(',')}]`,
            `  ${finding.message}`,
          );
        }
      }
    }
    // Golden files end in .golden so formatters leave the generated bytes alone.
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(
      join(fixturesDir, '..', 'policy-rule-findings.txt.golden'),
    );
  });
});

describe('the case Consentry was started for', () => {
  it('names the free tier and the articles when training on legitimate interests lets only paying tiers opt out', () => {
    const file = join(fixturesDir, 'training-opt-out-missing/free-tier-without-opt-out.yaml');
    const loaded = parsePolicy(readFileSync(file, 'utf8'), file);
    const findings = runPolicyRules(loaded, { root: packageDir }).filter(
      (finding) => finding.ruleId === 'training-opt-out-missing',
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      severity: 'error',
      purpose: 'model-training',
      tiers: ['free'],
      origin: 'policy',
      file: 'test/fixtures/policies/training-opt-out-missing/free-tier-without-opt-out.yaml',
    });
    expect(finding?.message).toContain('tier Free (free)');
    expect(finding?.message).toContain('while Pro (pro) can opt out');
    expect(finding?.message).toContain('Art. 12(5)');
    expect(finding?.message).toContain('Art. 21');
    expect(finding?.message).toContain('Art. 6(1)(f)');
  });

  it('places findings at the key the pointer names, with paths as the policy names them without a root', () => {
    const text = 'version: 1\n';
    const loaded = {
      policy: parsePolicy(
        readFileSync(
          join(fixturesDir, 'training-opt-out-missing/free-tier-without-opt-out.yaml'),
          'utf8',
        ),
        'consentry.yaml',
      ).policy,
      file: 'policies/consentry.yaml',
      text,
      format: 'yaml' as const,
      locate: (pointer: string) =>
        pointer === '/purposes/model-training/tiers/free/control'
          ? { file: 'policies/consentry.yaml', line: 40, column: 9, endLine: 40, endColumn: 16 }
          : undefined,
    };
    const [finding] = runPolicyRules(loaded, {
      rules: policyRules.filter((r) => r.id === 'training-opt-out-missing'),
    });
    expect(finding).toMatchObject({
      file: 'policies/consentry.yaml',
      line: 40,
      column: 9,
      endLine: 40,
      endColumn: 16,
    });
  });
});

describe('policy rule index', () => {
  const ids = policyRules.map((rule) => rule.id);

  it('lists each rule once, sorted by id', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('has a source file, a documentation page and fixtures for every rule', () => {
    for (const id of ids) {
      expect(existsSync(join(packageDir, 'src/rules', `${id}.ts`)), `src/rules/${id}.ts`).toBe(
        true,
      );
      expect(existsSync(join(packageDir, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`).toBe(
        true,
      );
      expect(ruleDirs, `test/fixtures/policies/${id}`).toContain(id);
    }
    expect(ruleDirs.filter((dir) => !ids.includes(dir))).toEqual([]);
  });

  it('cites its sources on its documentation page', () => {
    for (const rule of policyRules) {
      const page = readFileSync(join(packageDir, 'docs/rules', `${rule.id}.md`), 'utf8');
      expect(page.startsWith(`# ${rule.id}\n`), rule.id).toBe(true);
      expect(page, rule.id).toMatch(/## Sources/);
      expect(rule.meta.citations.length, rule.id).toBeGreaterThan(0);
      expect(page, rule.id).toContain(`**${rule.meta.severity}**`);
    }
  });

  it('gives each severity a security-severity in the SARIF band of its level', () => {
    for (const { id, meta } of policyRules) {
      const band = { error: [7, 10], warning: [4, 6.9], note: [0.1, 3.9] }[meta.severity];
      expect(meta.securitySeverity, id).toBeGreaterThanOrEqual(band[0]!);
      expect(meta.securitySeverity, id).toBeLessThanOrEqual(band[1]!);
    }
  });
});
