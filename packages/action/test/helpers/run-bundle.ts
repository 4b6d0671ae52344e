import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isolatedGitEnv } from './git-repo.js';

const packageDir = new URL('../..', import.meta.url).pathname;

/** What one run of dist/index.js did. */
export interface BundleRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The job summary it appended to GITHUB_STEP_SUMMARY. */
  readonly summary: string;
  /** The outputs it wrote to GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
}

/** A copy of action.yml and dist/ outside the repository, as the runner downloads it. */
export interface InstalledAction {
  readonly dir: string;
  /** Runs the action in `workspace` with `inputs` (names as in action.yml) and the event. */
  run(options: {
    readonly workspace: string;
    readonly inputs: Readonly<Record<string, string>>;
    readonly eventName: string;
    readonly eventPayload: unknown;
    readonly sha: string;
  }): Promise<BundleRun>;
  remove(): void;
}

/** Copies the committed action to a temp dir with no node_modules anywhere above it. */
export function installAction(): InstalledAction {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-installed-action-')));
  cpSync(join(packageDir, 'action.yml'), join(dir, 'action.yml'));
  cpSync(join(packageDir, 'dist'), join(dir, 'dist'), { recursive: true });
  const manifest = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return {
    dir,
    async run({ workspace, inputs, eventName, eventPayload, sha }) {
      const runnerTemp = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-runner-temp-')));
      try {
        const eventPath = join(runnerTemp, 'event.json');
        const summaryPath = join(runnerTemp, 'step-summary.md');
        const outputPath = join(runnerTemp, 'output.txt');
        writeFileSync(eventPath, JSON.stringify(eventPayload));
        writeFileSync(summaryPath, '');
        writeFileSync(outputPath, '');
        // The runner passes every declared input, with its default when the workflow sets none;
        // `${{ github.token }}` arrives already evaluated.
        const inputEnv: Record<string, string> = {};
        for (const [name, spec] of Object.entries(manifest.inputs)) {
          const value =
            inputs[name] ?? (name === 'github-token' ? 'ghs_e2e_token' : (spec.default ?? ''));
          inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
        }
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: runnerTemp,
          ...isolatedGitEnv,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: workspace,
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_STEP_SUMMARY: summaryPath,
          GITHUB_OUTPUT: outputPath,
          GITHUB_REPOSITORY: 'acme/chat-assistant',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_API_URL: 'http://127.0.0.1:9',
          GITHUB_SHA: sha,
          GITHUB_RUN_ID: '9001',
          RUNNER_TEMP: runnerTemp,
          ...inputEnv,
        };
        const { exitCode, stdout, stderr } = await new Promise<{
          exitCode: number;
          stdout: string;
          stderr: string;
        }>((resolve) => {
          execFile(
            process.execPath,
            [join(dir, 'dist/index.js')],
            { cwd: workspace, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
            (error, out, err) => {
              const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
              resolve({ exitCode: code, stdout: out, stderr: err });
            },
          );
        });
        return {
          exitCode,
          stdout,
          stderr,
          summary: readFileSync(summaryPath, 'utf8'),
          outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
        };
      } finally {
        rmSync(runnerTemp, { recursive: true, force: true });
      }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads GITHUB_OUTPUT's `name<<delimiter` … `delimiter` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[index]!);
    if (header === null) continue;
    const [, name, delimiter] = header;
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1) {
      value.push(lines[index]!);
    }
    outputs[name!] = value.join('\n');
  }
  return outputs;
}
