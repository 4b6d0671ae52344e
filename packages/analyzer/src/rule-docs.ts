import { readFile } from 'node:fs/promises';

// Sources live in src/ and the bundle in dist/; both sit beside docs/.
const DOCS_DIR = new URL('../docs/rules/', import.meta.url);

/** Reads the Markdown docs page of a rule, or undefined when it has none. */
export async function readRuleDocs(ruleId: string): Promise<string | undefined> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ruleId)) return undefined;
  try {
    return await readFile(new URL(`${ruleId}.md`, DOCS_DIR), 'utf8');
  } catch {
    return undefined;
  }
}
