import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  type AnalysisLimits,
  parseLimitSettings,
  recordFormatForFile,
  reportFormatForFile,
} from '@consentry/analyzer';

/** The thresholds `fail-on` accepts, from the most serious severity; `never` only reports. */
export const FAIL_ON_LEVELS = ['error', 'warning', 'note', 'never'] as const;

/** At which severity a surviving finding fails the step. */
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** How findings are matched against the pull request's diff, as in reviewdog. */
export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;

/** Which findings the annotations, summary, comment and outputs keep. */
export type FilterMode = (typeof FILTER_MODES)[number];

/** The inputs action.yml declares; a test keeps the two lists equal. */
export const INPUT_NAMES = [
  'working-directory',
  'policy',
  'project',
  'fail-on',
  'filter-mode',
  'sarif-file',
  'sarif-category',
  'record',
  'limits',
  'comment',
  'github-token',
] as const;

/** The name of one input. */
export type InputName = (typeof INPUT_NAMES)[number];

/** The outputs action.yml declares; a test keeps the two lists equal. */
export const OUTPUT_NAMES = ['findings', 'errors', 'sarif-file'] as const;

/** The name of one output. */
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The action's inputs, validated, with paths made absolute. */
export interface ActionInputs {
  /** The workspace (`GITHUB_WORKSPACE`), absolute. */
  readonly workspace: string;
  /** The directory the analyzer checks, absolute, inside the workspace. */
  readonly workingDirectory: string;
  readonly policy?: string;
  readonly project?: string;
  readonly failOn: FailOn;
  /** Absent when the input is empty: the event decides (`added` on pull requests). */
  readonly filterMode?: FilterMode;
  readonly sarifFile?: string;
  /** The SARIF run's category (`automationDetails.id`); absent when the input is empty. */
  readonly sarifCategory?: string;
  readonly record?: string;
  /** Raised limits of the code analysis; absent when the input is empty. */
  readonly limits?: Partial<AnalysisLimits>;
  readonly comment: boolean;
  readonly githubToken: string;
}

/** Reads one input by name, as `@actions/core`'s `getInput` does (trimmed, '' when unset). */
export type GetInput = (name: InputName) => string;

/** An input the action cannot work with; its message names the input and what it accepts. */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

// The files the analyzer takes as the policy when the `policy` input is empty.
const DEFAULT_POLICY_FILES = ['consentry.yaml', 'consentry.yml', 'consentry.policy.ts'];

const trueWords = ['true', 'True', 'TRUE'];
const falseWords = ['false', 'False', 'FALSE'];

/** Reads and validates every input; relative paths are relative to `working-directory`. */
export function readInputs(getInput: GetInput, workspace: string): ActionInputs {
  const root = resolve(workspace);
  const workingDirectory = insideWorkspace(root, root, 'working-directory', getInput);
  if (!existsSync(workingDirectory) || !statSync(workingDirectory).isDirectory()) {
    throw new InputError(
      `input "working-directory": ${displayPath(root, workingDirectory)} is not a directory`,
    );
  }
  const policy = optionalFile(root, workingDirectory, 'policy', getInput, true);
  const project = optionalFile(root, workingDirectory, 'project', getInput, true);
  const record = optionalFile(root, workingDirectory, 'record', getInput, false);
  const sarifFile = optionalFile(root, workingDirectory, 'sarif-file', getInput, false);
  if (sarifFile !== undefined) {
    const protectedFiles = [
      policy,
      record,
      project,
      ...DEFAULT_POLICY_FILES.map((name) => resolve(workingDirectory, name)),
    ];
    if (protectedFiles.includes(sarifFile)) {
      throw new InputError(
        `input "sarif-file": ${displayPath(root, sarifFile)} is the policy, the project or the record; give the SARIF file its own path`,
      );
    }
  }
  // The file names and the formats agree, as on the command line.
  usage(
    () => sarifFile !== undefined && reportFormatForFile(sarifFile, 'sarif', 'input "sarif-file"'),
  );
  usage(() => record !== undefined && recordFormatForFile(record, undefined, 'input "record"'));
  const limitSettings = getInput('limits').split(/\s+/).filter(Boolean);
  let limits: Partial<AnalysisLimits> | undefined;
  usage(() => {
    limits =
      limitSettings.length === 0 ? undefined : parseLimitSettings(limitSettings, 'input "limits":');
  });
  const filterMode = getInput('filter-mode');
  const sarifCategory = getInput('sarif-category');
  if (sarifCategory !== '' && sarifFile === undefined) {
    throw new InputError(
      'input "sarif-category" names the run of the SARIF file; set "sarif-file" too',
    );
  }
  return {
    workspace: root,
    workingDirectory,
    ...(policy === undefined ? {} : { policy }),
    ...(project === undefined ? {} : { project }),
    failOn: oneOf('fail-on', getInput('fail-on') || 'error', FAIL_ON_LEVELS),
    ...(filterMode === '' ? {} : { filterMode: oneOf('filter-mode', filterMode, FILTER_MODES) }),
    ...(sarifFile === undefined ? {} : { sarifFile }),
    ...(sarifCategory === '' ? {} : { sarifCategory }),
    ...(record === undefined ? {} : { record }),
    ...(limits === undefined ? {} : { limits }),
    comment: booleanInput('comment', getInput('comment')),
    githubToken: getInput('github-token'),
  };
}

function usage(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`);
}

function booleanInput(name: string, value: string): boolean {
  if (value === '' || falseWords.includes(value)) {
    return false;
  }
  if (trueWords.includes(value)) {
    return true;
  }
  throw new InputError(`input "${name}" must be true or false; got "${value}"`);
}

function insideWorkspace(root: string, base: string, name: InputName, getInput: GetInput): string {
  const path = resolve(base, getInput(name) || '.');
  if (
    !isInside(root, path) ||
    (existsSync(path) && !isInside(realRoot(root), realpathSync(path)))
  ) {
    throw new InputError(
      `input "${name}": ${getInput(name)} is outside the workspace; give a path inside the repository`,
    );
  }
  return path;
}

function optionalFile(
  root: string,
  workingDirectory: string,
  name: InputName,
  getInput: GetInput,
  mustExist: boolean,
): string | undefined {
  if (getInput(name) === '') {
    return undefined;
  }
  const path = insideWorkspace(root, workingDirectory, name, getInput);
  if (mustExist && !(existsSync(path) && statSync(path).isFile())) {
    throw new InputError(`input "${name}": ${displayPath(root, path)} does not exist`);
  }
  return path;
}

function realRoot(root: string): string {
  return existsSync(root) ? realpathSync(root) : root;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** A path as users wrote it in the workflow: relative to the workspace, forward slashes. */
export function displayPath(workspace: string, path: string): string {
  const rel = relative(workspace, path);
  return rel === '' ? '.' : rel.split(sep).join('/');
}
