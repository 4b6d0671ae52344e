import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, readInputs } from '../src/inputs.js';

let workspace: string;
let outside: string;

beforeEach(() => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-inputs-')));
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-outside-')));
  mkdirSync(join(workspace, 'apps/chat'), { recursive: true });
  writeFileSync(join(workspace, 'apps/chat/consentry.yaml'), 'version: 1\n');
  writeFileSync(join(workspace, 'apps/chat/tsconfig.json'), '{}\n');
  writeFileSync(join(outside, 'consentry.yaml'), 'version: 1\n');
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const from =
  (values: Readonly<Record<string, string>>) =>
  (name: string): string =>
    values[name] ?? '';

describe('readInputs', () => {
  it('gives the defaults when only the token is set', () => {
    expect(readInputs(from({ 'github-token': 'ghs_x' }), workspace)).toEqual({
      workspace,
      workingDirectory: workspace,
      failOn: 'error',
      comment: false,
      githubToken: 'ghs_x',
    });
  });

  it('resolves paths against the working directory', () => {
    const inputs = readInputs(
      from({
        'working-directory': 'apps/chat',
        policy: 'consentry.yaml',
        project: 'tsconfig.json',
        record: 'docs/record.md',
        'sarif-file': '../../consentry.sarif',
        'fail-on': 'warning',
        'filter-mode': 'diff_context',
        comment: 'true',
      }),
      workspace,
    );
    expect(inputs).toMatchObject({
      workingDirectory: join(workspace, 'apps/chat'),
      policy: join(workspace, 'apps/chat/consentry.yaml'),
      project: join(workspace, 'apps/chat/tsconfig.json'),
      record: join(workspace, 'apps/chat/docs/record.md'),
      sarifFile: join(workspace, 'consentry.sarif'),
      failOn: 'warning',
      filterMode: 'diff_context',
      comment: true,
    });
  });

  it.each([
    [
      { 'fail-on': 'warn' },
      'input "fail-on" must be one of error, warning, note, never; got "warn"',
    ],
    [
      { 'fail-on': 'none' },
      'input "fail-on" must be one of error, warning, note, never; got "none"',
    ],
    [
      { 'filter-mode': 'changed' },
      'input "filter-mode" must be one of added, diff_context, file, nofilter; got "changed"',
    ],
    [{ comment: 'yes' }, 'input "comment" must be true or false; got "yes"'],
    [
      { 'working-directory': 'apps/missing' },
      'input "working-directory": apps/missing is not a directory',
    ],
    [{ policy: 'apps/chat/missing.yaml' }, 'input "policy": apps/chat/missing.yaml does not exist'],
    [{ project: 'apps/chat' }, 'input "project": apps/chat does not exist'],
  ])('rejects %j with a message that names the input', (values, message) => {
    expect(() => readInputs(from(values), workspace)).toThrow(new InputError(message));
  });

  it('reads raised analysis limits separated by spaces or lines', () => {
    const inputs = readInputs(from({ limits: 'file-bytes=2000000\n  steps=400000 ' }), workspace);
    expect(inputs.limits).toEqual({ 'file-bytes': 2_000_000, steps: 400_000 });
  });

  it.each([
    [
      'lines=10',
      'input "limits": takes NAME=VALUE with NAME one of closure-depth, depth, file-bytes, rounds, steps, not "lines=10"',
    ],
    ['depth=0', 'input "limits": depth takes a whole number of at least 1, not "0"'],
    ['steps', 'input "limits": steps takes a whole number of at least 1, not ""'],
  ])('rejects the limits %j with a message that names the input', (limits, message) => {
    expect(() => readInputs(from({ limits }), workspace)).toThrow(new InputError(message));
  });

  it.each(['policy', 'sarif-file', 'record', 'working-directory', 'project'])(
    'rejects a %s outside the workspace',
    (name) => {
      expect(() =>
        readInputs(from({ [name]: join(outside, 'consentry.yaml') }), workspace),
      ).toThrow(new RegExp(`^input "${name}": .* is outside the workspace`));
      expect(() => readInputs(from({ [name]: '../x' }), workspace)).toThrow(InputError);
    },
  );

  it.each([
    [{ 'sarif-file': 'consentry.yaml' }],
    [{ 'sarif-file': 'apps/chat/consentry.yaml', policy: 'apps/chat/consentry.yaml' }],
    [{ 'sarif-file': 'docs/record.md', record: 'docs/record.md' }],
  ])('refuses to write SARIF over the policy or the record: %j', (values) => {
    expect(() => readInputs(from(values), workspace)).toThrow(
      /^input "sarif-file": .* is the policy, the project or the record; give the SARIF file its own path$/,
    );
  });

  it.each([
    [
      { 'sarif-file': 'src/app.ts' },
      /^input "sarif-file" app\.ts: a sarif file ends in \.sarif or \.json;/,
    ],
    [
      { record: 'docs/record.txt' },
      /^input "record" record\.txt: "\.txt" names no format; use \.md \(markdown\)/,
    ],
  ])('refuses a file name whose extension does not fit its format: %j', (values, message) => {
    expect(() => readInputs(from(values), workspace)).toThrow(message);
  });

  it('rejects a path that leaves the workspace through a symbolic link', () => {
    symlinkSync(outside, join(workspace, 'escape'));
    expect(() => readInputs(from({ policy: 'escape/consentry.yaml' }), workspace)).toThrow(
      /outside the workspace/,
    );
  });
});
