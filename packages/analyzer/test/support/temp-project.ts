import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A valid policy with exactly one finding: a `ropa-field-missing` note. */
export const TEST_POLICY = fileURLToPath(new URL('./policy.yaml', import.meta.url));

/** A throwaway project directory; `files` maps relative paths to contents. */
export interface TempProject {
  readonly root: string;
  write(file: string, text: string): void;
  remove(): void;
}

/** Creates a temporary project holding the test policy and the given files. */
export function createTempProject(files: Readonly<Record<string, string>> = {}): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'consentry-test-'));
  cpSync(TEST_POLICY, join(root, 'consentry.yaml'));
  const project: TempProject = {
    root,
    write(file, text) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [file, text] of Object.entries(files)) project.write(file, text);
  return project;
}
