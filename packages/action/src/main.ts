import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import {
  assertOutputWritable,
  findPolicyFile,
  type OutputTarget,
  toSafeText,
  writeOutput,
} from '@consentry/analyzer';
import { ConfigError } from '@consentry/policy';
import type { Analyzer, FindingView, ReportView } from './analyzer-port.js';
import { type Annotation, type AnnotationProperties, planAnnotations } from './annotations.js';
import { type CommentClient, commentMarker, upsertComment } from './comment.js';
import type { DiffChanges } from './diff.js';
import { type EventContext, toEventContext } from './event.js';
import { filterFindings } from './filter.js';
import {
  type ChangeList,
  findRepositoryRoot,
  GitError,
  type GitRunner,
  listChanges,
  readChangedLines,
} from './git.js';
import {
  type ActionInputs,
  displayPath,
  type FailOn,
  type FilterMode,
  type OutputName,
  readInputs,
} from './inputs.js';
import { failsAt } from './severity.js';
import { hasNews, renderComment, renderSummary, type SummaryInput } from './summary.js';

/** The functions of `@actions/core` the action calls; tests pass a fake that records them. */
export interface ActionCore {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  notice(message: string, properties?: AnnotationProperties): void;
  info(message: string): void;
  debug(message: string): void;
  readonly summary: {
    addRaw(text: string, addEOL?: boolean): unknown;
    write(): Promise<unknown>;
  };
}

/** Everything `run()` touches outside itself, so tests can stand in for each part. */
export interface ActionDependencies<R extends ReportView = ReportView> {
  readonly core: ActionCore;
  /** The environment GitHub sets (`GITHUB_WORKSPACE`, `GITHUB_EVENT_PATH`…). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly analyzer: Analyzer<R>;
  readonly git: GitRunner;
  /** Makes the API client for the pull-request comment; called only when a comment is due. */
  readonly createCommentClient: (token: string) => CommentClient;
}

/** What a run decided; `run()` has already reported it through `core`. */
export interface RunResult {
  /** Findings that survived the diff filter. */
  readonly findings: readonly FindingView[];
  readonly failed: boolean;
}

/**
 * The action: reads the inputs, checks the project with the analyzer, reports through
 * annotations, the job summary, a SARIF file and an optional comment, and fails the step once.
 */
export async function run<R extends ReportView>(deps: ActionDependencies<R>): Promise<RunResult> {
  const { core } = deps;
  try {
    return await runChecked(deps);
  } catch (error) {
    const workspace = deps.env.GITHUB_WORKSPACE ?? '';
    const local = (text: string): string => withoutWorkspace(text, workspace);
    if (error instanceof ConfigError) {
      // Each problem of a policy file also shows on its line.
      for (const problem of error.problems) {
        core.error(toSafeText(local(problem.message)), {
          title: 'Consentry configuration error',
          file: local(problem.file),
          startLine: problem.line,
          startColumn: problem.column,
        });
      }
    }
    if (error instanceof Error && error.stack !== undefined && !isExpected(error)) {
      core.debug(error.stack);
    }
    // A configuration error lists one problem per line; each line is escaped on its own.
    const lines = local(messageOf(error)).split('\n');
    core.setFailed(`Consentry: ${lines.map((line) => toSafeText(line)).join('\n')}`);
    return { findings: [], failed: true };
  }
}

// Messages name files by absolute path; the log reads better with paths as the workflow gives them.
function withoutWorkspace(text: string, workspace: string): string {
  if (workspace === '') {
    return text;
  }
  const root = workspace.endsWith(sep) ? workspace : `${workspace}${sep}`;
  return text.split(root).join('').split(workspace).join('.');
}

// Errors whose message says all there is to say: bad inputs, configuration, git, the event.
function isExpected(error: Error): boolean {
  return /^(InputError|ConfigError|PolicyError|UsageError|GitError|EventPayloadError|MalformedDiffError|OutputRefusedError)$/.test(
    error.name,
  );
}

async function runChecked<R extends ReportView>(deps: ActionDependencies<R>): Promise<RunResult> {
  const { core, env, analyzer, git } = deps;
  const inputs = readInputs((name) => core.getInput(name), workspaceOf(env));
  const event = readEvent(env);
  // The SARIF file goes through the CLI's rules: inside the workspace, never over a file
  // Consentry did not write. Checked now, so a refusal costs no analysis.
  const sarifTarget =
    inputs.sarifFile === undefined
      ? undefined
      : sarifTargetOf({ ...inputs, sarifFile: inputs.sarifFile });
  if (sarifTarget !== undefined) await assertOutputWritable(sarifTarget);

  // What changed, in repository paths; the analyzer's paths are relative to the working directory.
  const checkout = await findRepositoryRoot(git, inputs.workingDirectory);
  const filter = chooseFilter(inputs, event);
  if (checkout === undefined && filter.base !== undefined) {
    throw new GitError(
      `filter-mode "${filter.mode}" reads the changes from git, and ${displayPath(inputs.workspace, inputs.workingDirectory)} is not in a git checkout; run actions/checkout first`,
    );
  }
  // The list of changed files first: a missing base commit stops the run before the analysis.
  const changeList =
    filter.base === undefined
      ? undefined
      : await listChanges(git, inputs.workingDirectory, filter.base);

  const target = {
    root: inputs.workingDirectory,
    ...(inputs.policy === undefined ? {} : { policyFile: inputs.policy }),
    ...(inputs.project === undefined ? {} : { tsconfig: inputs.project }),
    ...(inputs.limits === undefined ? {} : { limits: inputs.limits }),
  };
  const checked = await analyzer.check({
    ...target,
    repositoryRoot: checkout ?? inputs.workspace,
  });
  // Annotations and the diff speak repository paths, as the analyzer's SARIF does.
  const report = inRepository(checked, (file) => analyzer.repositoryPath(checked, file));
  const record =
    inputs.record === undefined
      ? undefined
      : {
          file: displayPath(inputs.workspace, inputs.record),
          status: await analyzer.checkRecord({ ...target, record: inputs.record }),
        };
  const changes = await changedLinesOf(git, changeList, report.findings, filter.mode);
  const findings = filterFindings(report.findings, changes, filter.mode);

  // The layers: annotations, SARIF and outputs, the comment, the job summary.
  for (const annotation of planAnnotations(findings)) {
    annotate(core, annotation);
  }
  let sarifFile: string | undefined;
  if (sarifTarget !== undefined) {
    await writeOutput(
      sarifTarget,
      analyzer.formatSarif(
        checked,
        inputs.sarifCategory === undefined ? {} : { category: inputs.sarifCategory },
      ),
    );
    sarifFile = displayPath(inputs.workspace, sarifTarget.file);
    setOutput(core, 'sarif-file', sarifFile);
  }
  setOutput(core, 'findings', String(findings.length));
  const errors = findings.filter((finding) => finding.severity === 'error');
  setOutput(core, 'errors', String(errors.length));

  const summary: SummaryInput = {
    findings,
    totalFindings: report.findings.length,
    filterMode: filter.mode,
    failOn: inputs.failOn,
    diagnostics: report.diagnostics,
    ...(record === undefined ? {} : { record }),
    ...(sarifFile === undefined ? {} : { sarifFile }),
    notes: filter.notes,
    ...linksOf(env, event),
  };
  const commentNotes = await postComment(deps, inputs, event, summary);
  try {
    core.summary.addRaw(
      renderSummary({ ...summary, notes: [...filter.notes, ...commentNotes] }),
      true,
    );
    await core.summary.write();
  } catch (error) {
    core.warning(`could not write the job summary: ${toSafeText(messageOf(error))}`);
  }

  const reasons = failureReasons(findings, record, inputs.failOn);
  if (reasons.length > 0) {
    core.setFailed(`Consentry: ${reasons.join('; ')}. The job summary has the details.`);
  } else {
    core.info(
      inputs.failOn === 'never'
        ? `Consentry: ${findings.length} findings reported; fail-on is "never".`
        : `Consentry: ${findings.length} findings, none at or above "${inputs.failOn}".`,
    );
  }
  return { findings, failed: reasons.length > 0 };
}

function sarifTargetOf(inputs: ActionInputs & { readonly sarifFile: string }): OutputTarget {
  const policyFile = inputs.policy ?? findPolicyFile(inputs.workingDirectory);
  return {
    file: inputs.sarifFile,
    workspace: inputs.workspace,
    kind: 'report',
    option: 'input "sarif-file"',
    ...(policyFile === undefined ? {} : { policyFile }),
  };
}

// The changed lines of the files the findings touch: the only lines the filter asks about.
async function changedLinesOf(
  git: GitRunner,
  changeList: ChangeList | undefined,
  findings: readonly FindingView[],
  mode: FilterMode,
): Promise<DiffChanges> {
  if (changeList === undefined) {
    return new Map();
  }
  if (mode === 'file' || mode === 'nofilter') {
    return readChangedLines(git, changeList, () => false);
  }
  const touched = new Set(
    findings.flatMap((finding) => [finding.file, ...(finding.flow ?? []).map((step) => step.file)]),
  );
  return readChangedLines(git, changeList, (path) => touched.has(path));
}

// Why the step fails: findings at or above the threshold, or a stale record (unless "never").
function failureReasons(
  findings: readonly FindingView[],
  record: SummaryInput['record'],
  failOn: FailOn,
): string[] {
  const reasons: string[] = [];
  const failing = findings.filter((finding) => failsAt(finding.severity, failOn)).length;
  if (failing > 0) {
    reasons.push(`${failing} ${failing === 1 ? 'finding' : 'findings'} at or above "${failOn}"`);
  }
  if (record !== undefined && !record.status.upToDate && failOn !== 'never') {
    const state = record.status.missing === true ? 'is missing' : 'is out of date';
    reasons.push(`the record of processing ${record.file} ${state}`);
  }
  return reasons;
}

function workspaceOf(env: ActionDependencies['env']): string {
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace === undefined || workspace === '') {
    throw new Error('GITHUB_WORKSPACE is not set; the action runs inside a GitHub Actions job');
  }
  return workspace;
}

function readEvent(env: ActionDependencies['env']): EventContext {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  if (path === undefined || path === '') {
    if (name === 'pull_request' || name === 'pull_request_target') {
      throw new Error('GITHUB_EVENT_PATH is not set, so the pull request and its base are unknown');
    }
    return { kind: 'other', name };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the event payload at GITHUB_EVENT_PATH: ${messageOf(error)}`);
  }
  return toEventContext(name, payload);
}

// Pull requests filter on their diff; other events report everything unless a mode is set.
function chooseFilter(
  inputs: ActionInputs,
  event: EventContext,
): { mode: FilterMode; base?: string; notes: string[] } {
  if (event.kind === 'pull-request') {
    const mode = inputs.filterMode ?? 'added';
    return mode === 'nofilter' ? { mode, notes: [] } : { mode, base: event.baseSha, notes: [] };
  }
  const mode = inputs.filterMode ?? 'nofilter';
  if (mode === 'nofilter') {
    return { mode, notes: [] };
  }
  if (event.kind === 'push' && event.before !== undefined) {
    return { mode, base: event.before, notes: [] };
  }
  const missing = event.kind === 'push' ? 'push has no previous commit' : 'event has none';
  return {
    mode: 'nofilter',
    notes: [`filter-mode "${mode}" needs a diff, and this ${missing}; every finding is reported.`],
  };
}

// Posts or edits the comment when asked and possible; returns what the summary should say about it.
async function postComment<R extends ReportView>(
  deps: ActionDependencies<R>,
  inputs: ActionInputs,
  event: EventContext,
  summary: SummaryInput,
): Promise<string[]> {
  if (event.kind === 'pull-request' && event.fromFork) {
    return [
      inputs.comment
        ? 'This pull request comes from a fork, so its token is read-only and no pull-request comment was posted. The annotations, this summary and the SARIF file are complete.'
        : 'This pull request comes from a fork, so its token is read-only. The annotations, this summary and the SARIF file need no write access and are complete.',
    ];
  }
  if (!inputs.comment) {
    return [];
  }
  if (event.kind !== 'pull-request') {
    return ['`comment: true` applies to pull requests only; this event has none to comment on.'];
  }
  if (inputs.githubToken === '') {
    return ['No pull-request comment was posted: the `github-token` input is empty.'];
  }
  const [owner = '', repo = ''] = event.baseRepository.split('/');
  const marker = commentMarker(displayPath(inputs.workspace, inputs.workingDirectory));
  const runUrl = runUrlOf(deps.env);
  const body = renderComment(summary, marker, runUrl);
  try {
    const outcome = await upsertComment(
      deps.createCommentClient(inputs.githubToken),
      { owner, repo, issueNumber: event.number },
      marker,
      body,
      hasNews(summary),
    );
    deps.core.info(`Consentry: pull-request comment ${outcome}.`);
    return [];
  } catch (error) {
    const message = toSafeText(messageOf(error));
    deps.core.warning(`could not post the pull-request comment: ${message}`);
    return [
      `The pull-request comment could not be posted (${message}); does the job grant \`pull-requests: write\`?`,
    ];
  }
}

function setOutput(core: ActionCore, name: OutputName, value: string): void {
  core.setOutput(name, value);
}

function annotate(core: ActionCore, annotation: Annotation): void {
  const properties = { ...annotation.properties };
  if (annotation.level === 'error') core.error(annotation.message, properties);
  else if (annotation.level === 'warning') core.warning(annotation.message, properties);
  else core.notice(annotation.message, properties);
}

/** The report's findings and diagnostics with the paths GitHub wants: from the repository root. */
function inRepository<R extends ReportView>(report: R, path: (file: string) => string): ReportView {
  return {
    directory: '.',
    findings: report.findings.map((finding) => ({
      ...finding,
      file: path(finding.file),
      ...(finding.flow === undefined
        ? {}
        : { flow: finding.flow.map((step) => ({ ...step, file: path(step.file) })) }),
    })),
    diagnostics: report.diagnostics.map((diagnostic) =>
      diagnostic.file === undefined ? diagnostic : { ...diagnostic, file: path(diagnostic.file) },
    ),
  };
}

function linksOf(
  env: ActionDependencies['env'],
  event: EventContext,
): Pick<SummaryInput, 'links'> | Record<string, never> {
  const serverUrl = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const sha = event.kind === 'pull-request' ? event.headSha : env.GITHUB_SHA;
  if (serverUrl === undefined || repository === undefined || sha === undefined) {
    return {};
  }
  return { links: { serverUrl, repository, sha } };
}

function runUrlOf(env: ActionDependencies['env']): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return server && repository && runId
    ? `${server}/${repository}/actions/runs/${runId}`
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
