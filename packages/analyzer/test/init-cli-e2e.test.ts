import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import type { Finding } from '../src/findings.js';
import { unguardedTrainingJob, useNextApp } from './support/next-app.js';

const app = useNextApp();
const copyOfApp = app.copy;

function shell(cwd: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    io: {
      cwd,
      stdout: (text: string) => stdout.push(text),
      stderr: (text: string) => stderr.push(text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
    },
  };
}

// Each test runs whole analyses of a Next.js app: seconds on a quiet machine, more under load.
describe('the consentry command on a realistic project without a policy', {
  timeout: 60_000,
}, () => {
  it('`consentry check` runs on the default policy, says so once, labels the source inferred and exits 1', async () => {
    const root = copyOfApp();
    const cli = shell(root);
    const code = await run(['check', '.', '--format', 'json'], cli.io);
    expect(cli.stderr.join('')).toBe(
      'consentry: no policy file in ., so this check ran on the default policy: one training purpose on legitimate interests with a free opt-out for every tier, and personal-data sources inferred from the code (their categories start with "inferred-"). Write your own policy with `consentry init`; see https://github.com/consentry/consentry/blob/main/docs/getting-started.md\n',
    );
    expect(code).toBe(1);
    const report = JSON.parse(cli.stdout.join('')) as { findings: Finding[] };
    expect(unguardedTrainingJob(report.findings)?.flow?.[0]?.note).toContain(
      'inferred source, not declared in a policy: Message.content (prisma/schema.prisma:41)',
    );
    expect(report.findings.every((finding) => finding.origin === 'code')).toBe(true);
  });

  it('`consentry init --yes` writes a draft that `consentry check` runs on at once', async () => {
    const root = copyOfApp();
    const init = shell(root);
    expect(await run(['init', '--yes'], init.io)).toBe(0);
    expect(init.stdout.join('')).toContain('Wrote consentry.yaml: 3 tiers');
    const checked = shell(root);
    expect(await run(['check', '--format', 'json'], checked.io)).toBe(1);
    expect(checked.stderr.join('')).toBe('');
    const report = JSON.parse(checked.stdout.join('')) as { findings: Finding[] };
    expect(unguardedTrainingJob(report.findings)?.flow?.[0]?.note).toContain(
      '(conversation-content)',
    );
  });
});
