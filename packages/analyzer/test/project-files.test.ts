import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listProjectFiles } from '../src/project-files.js';
import { createTempProject, type TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

/** An app with generated code, build output and dependencies beside its sources. */
function app(): TempProject {
  const created = createTempProject({
    '.gitignore': 'generated/\n*.local.ts\n',
    'src/index.ts': 'export const ready = true;\n',
    'src/train.tsx': 'export const Train = () => null;\n',
    'src/types.d.ts': 'declare const build: string;\n',
    'src/settings.local.ts': 'export const secret = "dev";\n',
    'generated/client.ts': 'export const client = {};\n',
    'scripts/seed.mjs': 'console.log("seed");\n',
    'scripts/.gitignore': 'fixtures/\n',
    'scripts/fixtures/rows.ts': 'export const rows = [];\n',
    'dist/index.js': 'export const ready = true;\n',
    'node_modules/openai/index.js': 'module.exports = {};\n',
    '.cache/tmp.ts': 'export {};\n',
  });
  projects.push(created);
  return created;
}

const EXPECTED = ['scripts/seed.mjs', 'src/index.ts', 'src/train.tsx'];

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

describe('listProjectFiles', () => {
  it('outside git, leaves out what the .gitignore files name, at any depth', async () => {
    const { root } = app();
    expect(await listProjectFiles(root)).toEqual(EXPECTED);
  });

  it('in a git repository, lists what git sees: tracked and new files, not ignored or deleted ones', async () => {
    const project = app();
    const { root } = project;
    project.write('src/old.ts', 'export const old = 1;\n');
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'app');
    rmSync(join(root, 'src/old.ts'));
    project.write('src/new.ts', 'export const fresh = 1;\n');
    expect(await listProjectFiles(root)).toEqual([...EXPECTED, 'src/new.ts'].sort());
    // A subdirectory lists its own files, relative to itself.
    expect(await listProjectFiles(join(root, 'src'))).toEqual(['index.ts', 'new.ts', 'train.tsx']);
  });

  it('reads an ignored directory inside a repository from disk', async () => {
    const project = app();
    git(project.root, 'init', '-q');
    project.write('.gitignore', 'generated/\n*.local.ts\ncopies/\n');
    project.write('copies/app/src/main.ts', 'export const main = 1;\n');
    expect(await listProjectFiles(join(project.root, 'copies/app'))).toEqual(['src/main.ts']);
  });
});
