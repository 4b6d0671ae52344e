import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Finding } from '../../src/findings.js';

export const NEXT_APP = fileURLToPath(new URL('../fixtures/init-nextjs-app', import.meta.url));

/**
 * Where the fixture Next.js app starts a fine-tuning job on conversations it uploaded without a
 * check: the finding sits on the job, with the upload as a hop of its flow.
 */
export const TRAINING_JOB = { file: 'src/training/export-conversations.ts', line: 15 };

/**
 * Temporary directories for the tests of the file that calls `useNextApp()` at its top level,
 * removed after each test: a fresh copy of the fixture Next.js app, or an empty directory.
 */
export function useNextApp(): { copy: () => string; emptyDir: (prefix: string) => string } {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const emptyDir = (prefix: string) => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    temporary.push(root);
    return root;
  };
  return {
    copy: () => {
      const root = emptyDir('consentry-next-app-');
      cpSync(NEXT_APP, root, { recursive: true });
      return root;
    },
    emptyDir,
  };
}

/** The finding of the unguarded fine-tuning job, if the findings hold it. */
export function unguardedTrainingJob(findings: readonly Finding[]): Finding | undefined {
  return findings.find(
    (finding) =>
      finding.ruleId === 'training-without-consent' &&
      finding.file === TRAINING_JOB.file &&
      finding.line === TRAINING_JOB.line,
  );
}
