import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The Markdown pages in `dir` and below it, sorted: the pages whose examples tests run. */
export function markdownPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? markdownPages(join(dir, entry.name))
        : entry.name.endsWith('.md')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

/** Links the SDK and the policy package into a project's node_modules, as `npm install` would. */
export function linkWorkspacePackages(root: string): void {
  mkdirSync(join(root, 'node_modules', '@consentry'), { recursive: true });
  for (const name of ['sdk', 'policy']) {
    symlinkSync(
      join(REPO, 'packages', name),
      join(root, 'node_modules', '@consentry', name),
      'dir',
    );
  }
}
