import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Analyzer, FindingView, RecordStatus, ReportView } from '../../src/analyzer-port.js';
import type { CommentClient, IssueComment } from '../../src/comment.js';
import { createGitRunner } from '../../src/git.js';
import type { ActionDependencies } from '../../src/main.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { createTestRepository, type TestRepository } from './git-repo.js';

/** The recorded event payloads under test/fixtures/events. */
export type RecordedEvent = 'pull-request' | 'pull-request-fork' | 'push' | 'push-new-branch';

const numbered = (count: number, label: string): string =>
  Array.from({ length: count }, (_, index) => `// ${label} line ${index + 1}\n`).join('');

/**
 * The project every run test checks. The head commit adds lines 11–12 of src/train.ts and line 3
 * of src/settings.ts; src/chat.ts is untouched.
 */
export const baseFiles: Readonly<Record<string, string>> = {
  'consentry.yaml': 'version: 1\n',
  'src/train.ts': numbered(30, 'train'),
  'src/chat.ts': numbered(20, 'chat'),
  'src/settings.ts': numbered(40, 'settings'),
};

export const headFiles: Readonly<Record<string, string>> = {
  'src/train.ts': numbered(30, 'train').replace(
    '// train line 10\n',
    '// train line 10\nexportTrainingRows(conversations);\nuploadFineTune(rows);\n',
  ),
  'src/settings.ts': numbered(40, 'settings').replace(
    '// settings line 2\n',
    '// settings line 2\nconst trainingDefault = true;\n',
  ),
};

/** A finding as the analyzer would give it, relative to the checked directory. */
export function finding(
  overrides: Partial<FindingView> & Pick<FindingView, 'file' | 'line'>,
): FindingView {
  return {
    ruleId: 'training-without-consent',
    severity: 'error',
    message: 'Conversation text reaches a fine-tuning upload without a training opt-out check.',
    column: 3,
    ...overrides,
  };
}

/** An analyzer that returns a fixed report and records what it was asked. */
export interface FakeAnalyzer extends Analyzer {
  readonly checks: Parameters<Analyzer['check']>[0][];
  readonly recordChecks: Parameters<Analyzer['checkRecord']>[0][];
  readonly sarifReports: ReportView[];
}

/** Creates a fake analyzer; `failWith` makes `check` reject as the real one does on bad input. */
export function createFakeAnalyzer(
  findings: readonly FindingView[],
  options: {
    readonly record?: RecordStatus;
    readonly failWith?: Error;
    readonly diagnostics?: ReportView['diagnostics'];
  } = {},
): FakeAnalyzer {
  const checks: FakeAnalyzer['checks'] = [];
  const recordChecks: FakeAnalyzer['recordChecks'] = [];
  const sarifReports: ReportView[] = [];
  return {
    checks,
    recordChecks,
    sarifReports,
    async check(request) {
      checks.push(request);
      if (options.failWith !== undefined) throw options.failWith;
      const directory = relative(request.repositoryRoot ?? request.root, request.root);
      return {
        directory: directory === '' ? '.' : directory.split(sep).join('/'),
        findings,
        diagnostics: options.diagnostics ?? [],
      };
    },
    formatSarif(report, sarif) {
      sarifReports.push(report);
      // As the real SARIF: a run of consentry's, which a later run may replace.
      const uri = (file: string) => this.repositoryPath(report, file);
      const results = report.findings.map((f) => `${uri(f.file)}:${f.line}`);
      const category = sarif?.category === undefined ? {} : { category: sarif.category };
      return `${JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'consentry' } }, ...category, results }] })}\n`;
    },
    repositoryPath(report, file) {
      return report.directory === '.' ? file : `${report.directory}/${file}`;
    },
    async checkRecord(request) {
      recordChecks.push(request);
      return options.record ?? { upToDate: true, diff: '' };
    },
  };
}

/** A comment API that keeps comments in memory, so re-runs can be checked for duplicates. */
export interface FakeCommentClient extends CommentClient {
  readonly comments: IssueComment[];
  readonly requests: string[];
  readonly tokens: string[];
}

/** Creates an in-memory comment API; `failWith` makes every request reject. */
export function createFakeCommentClient(
  existing: readonly IssueComment[] = [],
  failWith?: Error,
): FakeCommentClient {
  const comments = [...existing];
  const requests: string[] = [];
  let nextId = 1000;
  const client: FakeCommentClient = {
    comments,
    requests,
    tokens: [],
    async listComments({ issue_number, per_page, page }) {
      requests.push(`list #${issue_number} page ${page}`);
      if (failWith !== undefined) throw failWith;
      return { data: comments.slice((page - 1) * per_page, page * per_page) };
    },
    async createComment({ issue_number, body }) {
      requests.push(`create #${issue_number}`);
      if (failWith !== undefined) throw failWith;
      comments.push({ id: nextId++, body });
      return {};
    },
    async updateComment({ comment_id, body }) {
      requests.push(`update ${comment_id}`);
      if (failWith !== undefined) throw failWith;
      const index = comments.findIndex((comment) => comment.id === comment_id);
      comments[index] = { id: comment_id, body };
      return {};
    },
  };
  return client;
}

/** A git repository with a base and a head commit, the event that names them, and GitHub's env. */
export interface Scenario {
  readonly repository: TestRepository;
  readonly baseSha: string;
  readonly headSha: string;
  readonly env: Record<string, string>;
  /** Builds run()'s dependencies around a fake core with these inputs. */
  deps(
    inputs: Readonly<Record<string, string>>,
    analyzer: Analyzer,
    comments?: FakeCommentClient,
    coreOptions?: Parameters<typeof createFakeCore>[1],
  ): ActionDependencies & { core: FakeCore };
  remove(): void;
}

const fixtures = new URL('../fixtures/events/', import.meta.url);

/** Builds the repository, writes the recorded event with this repository's commit ids. */
export function createScenario(
  event: RecordedEvent | 'schedule',
  files: {
    readonly base?: Readonly<Record<string, string>>;
    readonly head?: Readonly<Record<string, string>>;
  } = {},
): Scenario {
  const repository = createTestRepository();
  repository.write(files.base ?? baseFiles);
  const baseSha = repository.commit('base');
  repository.write(files.head ?? headFiles);
  const headSha = repository.commit('head');
  const runnerTemp = realpathSync(mkdtempSync(join(tmpdir(), 'consentry-runner-')));
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: repository.dir,
    GITHUB_REPOSITORY: 'acme/chat-assistant',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '9001',
    GITHUB_SHA: headSha,
    RUNNER_TEMP: runnerTemp,
  };
  if (event === 'schedule') {
    env.GITHUB_EVENT_NAME = 'schedule';
  } else {
    const text = readFileSync(new URL(`${event}.json`, fixtures), 'utf8');
    const payload = JSON.parse(text);
    if (event.startsWith('pull-request')) {
      payload.pull_request.base.sha = baseSha;
      payload.pull_request.head.sha = headSha;
    } else {
      if (event === 'push') payload.before = baseSha;
      payload.after = headSha;
    }
    const eventPath = join(runnerTemp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    env.GITHUB_EVENT_NAME = event.startsWith('pull-request') ? 'pull_request' : 'push';
    env.GITHUB_EVENT_PATH = eventPath;
  }
  return {
    repository,
    baseSha,
    headSha,
    env,
    deps(inputs, analyzer, comments, coreOptions) {
      const client = comments ?? createFakeCommentClient();
      return {
        core: createFakeCore({ 'github-token': 'ghs_test', ...inputs }, coreOptions),
        env,
        analyzer,
        git: createGitRunner(),
        createCommentClient: (token) => {
          client.tokens.push(token);
          return client;
        },
      };
    },
    remove() {
      repository.remove();
      rmSync(runnerTemp, { recursive: true, force: true });
    },
  };
}
