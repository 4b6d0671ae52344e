import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture project whose rows come from Drizzle and Prisma queries. */
export const ORM_ROWS = fileURLToPath(new URL('../fixtures/code/orm-rows/', import.meta.url));
const SDK = fileURLToPath(new URL('../../../sdk', import.meta.url));

/** A copy of the orm-rows fixture in a temporary folder, with the SDK installed as in the repository. */
export function copyOrmRows(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(ORM_ROWS, root, { recursive: true });
  mkdirSync(join(root, 'node_modules', '@consentry'), { recursive: true });
  symlinkSync(SDK, join(root, 'node_modules', '@consentry', 'sdk'), 'dir');
  return root;
}
