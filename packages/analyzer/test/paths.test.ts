import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePath } from '../src/paths.js';

const root = join('/home', 'dev', 'chat-assistant');

describe('relativePath', () => {
  it('cuts a file the program read under the root', () => {
    expect(relativePath(root, join(root, 'src', 'training', 'export.ts'))).toBe(
      'src/training/export.ts',
    );
    expect(relativePath(`${root}/`, join(root, 'consentry.yaml'))).toBe('consentry.yaml');
  });

  it('leads out of the root for a file outside it, never printing an absolute path', () => {
    expect(relativePath(root, join('/home', 'dev', 'shared', 'policy.yaml'))).toBe(
      '../shared/policy.yaml',
    );
    // A sibling whose name starts like the root's is outside it too.
    expect(relativePath(root, join('/home', 'dev', 'chat-assistant-old', 'a.ts'))).toBe(
      '../chat-assistant-old/a.ts',
    );
  });

  it('resolves a relative file against the root, and dot segments before cutting', () => {
    expect(relativePath(root, 'src/app.ts')).toBe('src/app.ts');
    expect(relativePath(root, `${root}/src/../consentry.yaml`)).toBe('consentry.yaml');
    expect(relativePath(`${root}/src/..`, `${root}/src/app.ts`)).toBe('src/app.ts');
  });
});
