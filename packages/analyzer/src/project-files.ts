import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

/**
 * Lists the source files of a project (TypeScript and JavaScript), relative to `root` with
 * forward slashes and sorted; skips dependencies, build output and hidden directories.
 */
export async function listProjectFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) await walk(path);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  }
  await walk('');
  return files.sort();
}
