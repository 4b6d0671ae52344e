import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyError } from './errors.js';

/** The file names a policy is looked for under, in order of preference. */
export const POLICY_FILE_NAMES: readonly string[] = [
  'consentry.yaml',
  'consentry.yml',
  'consentry.policy.ts',
];

function kindOf(path: string): 'file' | 'directory' | 'other' | 'missing' {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * The policy file for a project directory: `explicit` when given (as the caller resolved it),
 * else the first of consentry.yaml, consentry.yml, consentry.policy.ts found in `dir`.
 */
export function resolvePolicyFile(dir: string, explicit?: string): string {
  if (explicit !== undefined) {
    const kind = kindOf(explicit);
    if (kind === 'file') return explicit;
    const message =
      kind === 'missing'
        ? 'policy file not found; check the path given with --policy'
        : kind === 'directory'
          ? 'this is a directory, not a policy file; name the file itself (consentry.yaml, consentry.yml or consentry.policy.ts)'
          : 'this is not a regular file; a policy is a YAML or TypeScript file';
    throw new PolicyError([{ file: explicit, line: 1, column: 1, message }]);
  }
  const dirKind = kindOf(dir);
  if (dirKind !== 'directory') {
    throw new PolicyError([
      {
        file: dir,
        line: 1,
        column: 1,
        message:
          dirKind === 'missing'
            ? 'directory not found; a policy is looked for in the project directory'
            : 'this is not a directory; pass the project directory, or the policy file with --policy',
      },
    ]);
  }
  for (const name of POLICY_FILE_NAMES) {
    const candidate = join(dir, name);
    if (kindOf(candidate) === 'file') return candidate;
  }
  throw new PolicyError([
    {
      file: join(dir, POLICY_FILE_NAMES[0]!),
      line: 1,
      column: 1,
      message: `no policy file found: looked for ${POLICY_FILE_NAMES.join(', ')} in ${dir}; create one with "consentry init" or pass --policy FILE`,
    },
  ]);
}
