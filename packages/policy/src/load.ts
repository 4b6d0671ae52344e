import { readFileSync, statSync } from 'node:fs';
import type { ConsentryPolicy } from '@consentry/sdk';
import { type Location, PolicyError, type Problem } from './errors.js';
import { parsePointer } from './pointer.js';
import type { Range, ReadResult } from './source.js';
import { START_OF_FILE } from './source.js';
import { readTypeScript } from './ts-source.js';
import { decodeUtf8 } from './utf8.js';
import { validatePolicyValue } from './validate.js';
import { readYaml } from './yaml-source.js';

/** The languages a policy can be written in. */
export type PolicyFormat = 'yaml' | 'typescript';

/** A policy read and validated, with its source kept for placing findings in it. */
export interface LoadedPolicy {
  readonly policy: ConsentryPolicy;
  /** The file, as the caller named it. */
  readonly file: string;
  /** The source text, without a byte order mark. */
  readonly text: string;
  readonly format: PolicyFormat;
  /**
   * Where the key a JSON pointer names (`/purposes/model-training/legalBasis`) is written; for a
   * missing property, the nearest enclosing key that exists; undefined for a malformed pointer.
   */
  locate(pointer: string): Location | undefined;
}

/** Policies are a few kilobytes; anything this large is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;

/** Reads, parses and validates a policy file; throws a `PolicyError` listing every problem. */
export function loadPolicy(file: string): LoadedPolicy {
  const whole = (message: string): PolicyError =>
    new PolicyError([{ file, line: 1, column: 1, message }]);
  let bytes: Uint8Array;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) {
      throw whole(
        'this is a directory, not a policy file; name the file itself (consentry.yaml, consentry.yml or consentry.policy.ts)',
      );
    }
    if (!stats.isFile())
      throw whole('this is not a regular file; a policy is a YAML or TypeScript file');
    if (stats.size > MAX_POLICY_BYTES) {
      throw whole(`the file is ${stats.size} bytes; a policy file may be at most 1 MiB`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw whole(describeFsError(error));
  }
  return parsePolicy(bytes, file);
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'policy file not found; create it with "consentry init" or pass the right path';
    case 'EACCES':
    case 'EPERM':
      return 'the policy file cannot be read: permission denied';
    case 'ENOTDIR':
      return 'policy file not found: a part of the path is not a directory';
    case 'ELOOP':
      return 'the policy file cannot be read: too many symbolic links';
    default:
      return `the policy file cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
  }
}

/** The format a file name implies: `.ts`, `.mts`, `.cts` are TypeScript; anything else is YAML. */
export function formatOf(file: string): PolicyFormat {
  return /\.[cm]?ts$/i.test(file) ? 'typescript' : 'yaml';
}

/**
 * Parses and validates policy source (text, or bytes that must be UTF-8) named `file`; the
 * format follows the file name. Throws a `PolicyError` listing every problem.
 */
export function parsePolicy(source: string | Uint8Array, file: string): LoadedPolicy {
  const problemAt = (range: Range, message: string, pointer?: string): Problem =>
    pointer === undefined
      ? { file, line: range.line, column: range.column, message }
      : { file, line: range.line, column: range.column, message, pointer };

  if (/\.(?:[cm]?js|jsx|tsx)$/i.test(file)) {
    throw new PolicyError([
      problemAt(
        START_OF_FILE,
        'policies are read from YAML (.yaml, .yml) or TypeScript (.ts) files only; rename the file or convert it',
      ),
    ]);
  }
  let text: string;
  if (typeof source === 'string') {
    text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  } else {
    const decoded = decodeUtf8(source);
    if (typeof decoded !== 'string') {
      throw new PolicyError([problemAt(decoded.range, decoded.message)]);
    }
    text = decoded;
  }

  const format = formatOf(file);
  let read: ReadResult;
  try {
    read = format === 'yaml' ? readYaml(text) : readTypeScript(text, file);
  } catch (error) {
    // Recursion over absurdly deep nesting is the one way reading can run out of stack.
    if (error instanceof RangeError) {
      throw new PolicyError([
        problemAt(START_OF_FILE, 'the policy is nested too deeply to be read'),
      ]);
    }
    throw error;
  }
  if (!read.ok) {
    throw new PolicyError(
      read.problems.map((problem) => problemAt(problem.range, problem.message, problem.pointer)),
    );
  }

  const reading = read.reading;
  const rangeAt = (segments: readonly string[]): Range => {
    for (let length = segments.length; length > 0; length--) {
      const range = reading.locate(segments.slice(0, length));
      if (range !== undefined) return range;
    }
    return reading.locate([]) ?? START_OF_FILE;
  };

  const problems = validatePolicyValue(reading.value, format).map((problem) =>
    problemAt(rangeAt(parsePointer(problem.pointer) ?? []), problem.message, problem.pointer),
  );
  if (problems.length > 0) throw new PolicyError(problems);

  return {
    policy: reading.value as ConsentryPolicy,
    file,
    text,
    format,
    locate(pointer: string): Location | undefined {
      const segments = parsePointer(pointer);
      if (segments === undefined) return undefined;
      return { file, ...rangeAt(segments) };
    },
  };
}
