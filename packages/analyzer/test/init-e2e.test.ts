import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { analyzeCode } from '../src/code/analyze-code.js';
import { labelInferredSources, loadDefaultPolicy } from '../src/default-policy.js';
import type { Finding } from '../src/findings.js';
import { runInit } from '../src/init/run-init.js';
import { hasFailures } from '../src/report/report.js';

const NEXT_APP = fileURLToPath(new URL('./fixtures/init-nextjs-app', import.meta.url));
const UPLOAD = { file: 'src/training/export-conversations.ts', line: 11 };

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'consentry-e2e-'));
  temporary.push(root);
  cpSync(NEXT_APP, root, { recursive: true });
  return root;
}

function unguardedUpload(findings: readonly Finding[]): Finding | undefined {
  return findings.find(
    (finding) =>
      finding.ruleId === 'training-without-consent' &&
      finding.file === UPLOAD.file &&
      finding.line === UPLOAD.line,
  );
}

describe('a realistic project without a policy', () => {
  it('on the default policy, the unguarded fine-tuning upload is found with an inferred source', async () => {
    const root = copyOfApp();
    const defaults = await loadDefaultPolicy(root);
    const analysis = await analyzeCode({ root, policy: defaults.loaded });
    const findings = labelInferredSources(analysis.findings, defaults.sources).map((finding) => ({
      ...finding,
      file: finding.file.startsWith(root) ? finding.file.slice(root.length + 1) : finding.file,
    }));
    const finding = unguardedUpload(findings);
    expect(finding?.tiers).toEqual(['free', 'pro', 'team']);
    expect(finding?.flow?.[0]?.note).toMatch(
      /^`[^`]+` holds personal data \(inferred-conversation-content\); inferred source, not declared in a policy: Message\.content \(prisma\/schema\.prisma:41\)$/,
    );
    expect(analysis.diagnostics).toEqual([]);
  });

  it('after init, check gives the same finding with declared sources and fails', async () => {
    const root = copyOfApp();
    await runInit({ dir: root, yes: true });
    const report = await check({ root });
    const finding = unguardedUpload(report.findings);
    expect(finding?.tiers).toEqual(['free', 'pro', 'team']);
    expect(finding?.flow?.[0]?.note).toMatch(
      /^`[^`]+` holds personal data \(conversation-content\)$/,
    );
    expect(report.diagnostics).toEqual([]);
    expect(hasFailures(report, 'error')).toBe(true);
  });
});
