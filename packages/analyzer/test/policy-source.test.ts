import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { createTempProject, type TempProject } from './support/temp-project.js';

const example = new URL('../../../examples/chat-assistant/', import.meta.url).pathname;

const projects: TempProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

// The example keeps its policy in YAML and in TypeScript; the analyzer reads both.
function exampleCopy(): TempProject {
  const project = createTempProject();
  projects.push(project);
  for (const name of ['consentry.yaml', 'consentry.policy.ts']) {
    cpSync(join(example, name), join(project.root, name));
  }
  return project;
}

describe('check and ropa keep a YAML and a TypeScript policy equal', { timeout: 60_000 }, () => {
  it('exit 2 at the first difference, with file:line:column in both files', async () => {
    const project = exampleCopy();
    const file = join(project.root, 'consentry.policy.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace("name: 'Parley Labs Ltd'", "name: 'Parley Labs Limited'"),
    );
    for (const command of ['check', 'ropa']) {
      const result = await runCli(project.root, command);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /consentry\.policy\.ts:\d+:\d+: differs from consentry\.yaml at \/controller\/name; keep one policy source/,
      );
      expect(result.stderr).toMatch(/consentry\.yaml:\d+:\d+: differs from consentry\.policy\.ts/);
      expect(result.stderr).not.toContain('    at ');
    }
  });

  it('run as usual when the two say the same thing', async () => {
    const result = await runCli(exampleCopy().root, 'check', '--fail-on', 'never');
    expect(result.code).toBe(0);
  });
});
