import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** The repository this package lives in. */
const repository = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Copies an example of the repository (`examples/chat-assistant`) into `dir` at `target`, laid out
 * as at home: the base tsconfig at `dir`'s top and the workspace's node_modules linked beside
 * it, so its imports of the SDK resolve. Build output and the names in `skip` are left out.
 * Returns the copy's directory.
 */
export function copyExample(
  dir: string,
  example: string,
  target = example,
  skip: string[] = [],
): string {
  cpSync(join(repository, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  symlinkSync(join(repository, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const left = new Set(['node_modules', '.turbo', '.vitest-report', ...skip]);
  cpSync(join(repository, example), join(dir, target), {
    recursive: true,
    filter: (source) => !left.has(source.split('/').pop() ?? ''),
  });
  return join(dir, target);
}
