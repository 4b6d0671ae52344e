import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PolicyError } from './errors.js';
import { type LoadedPolicy, loadPolicy } from './load.js';
import { POLICY_FILE_NAMES, resolvePolicyFile } from './resolve.js';

/**
 * Loads a project's policy: `explicit` when given, else the policy file `resolvePolicyFile`
 * finds in `dir`. When `dir` holds both a YAML policy and a TypeScript one, they are one policy
 * written twice: both are read, and a `PolicyError` at the first place they differ keeps them from
 * drifting apart.
 */
export function loadProjectPolicy(dir: string, explicit?: string): LoadedPolicy {
  const loaded = loadPolicy(resolvePolicyFile(dir, explicit));
  if (explicit !== undefined) return loaded;
  const twinFile = POLICY_FILE_NAMES.map((name) => join(dir, name)).find(
    (candidate) => isTypeScript(candidate) !== isTypeScript(loaded.file) && isFile(candidate),
  );
  if (twinFile === undefined) return loaded;
  const twin = loadPolicy(twinFile);
  const pointer = firstDifference(withoutSchema(loaded.policy), withoutSchema(twin.policy), '');
  if (pointer === undefined) return loaded;
  const at = (policy: LoadedPolicy) => policy.locate(pointer) ?? { line: 1, column: 1 };
  const shown = pointer === '' ? 'the top level' : pointer;
  const advice =
    'keep one policy source: the TypeScript policy the app imports (delete the YAML file), or make the two equal';
  throw new PolicyError([
    {
      file: loaded.file,
      ...pick(at(loaded)),
      pointer,
      message: `differs from ${basename(twin.file)} at ${shown}; ${advice}`,
    },
    {
      file: twin.file,
      ...pick(at(twin)),
      pointer,
      message: `differs from ${basename(loaded.file)} at ${shown}; ${advice}`,
    },
  ]);
}

function pick(location: { readonly line: number; readonly column: number }) {
  return { line: location.line, column: location.column };
}

function isTypeScript(file: string): boolean {
  return file.endsWith('.ts');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `$schema` only tells editors where the schema is; it is not part of the policy. */
function withoutSchema(policy: object): object {
  const { $schema: _schema, ...rest } = policy as Record<string, unknown>;
  return rest;
}

/** The JSON pointer of the first place two values differ (keys in sorted order), or undefined. */
function firstDifference(left: unknown, right: unknown, pointer: string): string | undefined {
  if (Object.is(left, right)) return undefined;
  if (Array.isArray(left) && Array.isArray(right)) {
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
      if (index >= left.length || index >= right.length) return `${pointer}/${index}`;
      const found = firstDifference(left[index], right[index], `${pointer}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const key of keys) {
      const child = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (!Object.hasOwn(left, key) || !Object.hasOwn(right, key)) return child;
      const found = firstDifference(left[key], right[key], child);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return pointer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
