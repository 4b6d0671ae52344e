import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyError } from '@consentry/policy';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindingView } from '../src/analyzer-port.js';
import { commentMarker } from '../src/comment.js';
import { run } from '../src/main.js';
import {
  createFakeAnalyzer,
  createFakeCommentClient,
  createScenario,
  finding,
  type Scenario,
} from './helpers/scenario.js';

const onAddedLine = finding({ file: 'src/train.ts', line: 11, endLine: 11, endColumn: 40 });
const inContext = finding({
  file: 'src/train.ts',
  line: 14,
  severity: 'warning',
  ruleId: 'consent-check-ignored',
  message: 'The result of allows() is never used.',
});
const sameFileElsewhere = finding({
  file: 'src/train.ts',
  line: 25,
  severity: 'note',
  ruleId: 'undeclared-purpose',
  message: 'The purpose "ranking" is not declared in the policy.',
});
const untouchedFile = finding({ file: 'src/chat.ts', line: 5 });
const flowThroughAddedLine = finding({
  file: 'src/chat.ts',
  line: 7,
  ruleId: 'tier-opt-out-gap',
  tiers: ['free'],
  purpose: 'model-training',
  flow: [
    { file: 'src/chat.ts', line: 2, column: 1, note: 'conversation read from the database' },
    { file: 'src/train.ts', line: 12, column: 1, note: 'rows handed to the uploader' },
    { file: 'src/chat.ts', line: 7, column: 3, note: 'fine-tuning upload' },
  ],
});
const all: readonly FindingView[] = [
  flowThroughAddedLine,
  onAddedLine,
  inContext,
  sameFileElsewhere,
  untouchedFile,
];

const located = (items: readonly { file: string; line: number }[]): string[] =>
  items.map((item) => `${item.file}:${item.line}`).sort();

let scenario: Scenario | undefined;
afterEach(() => {
  scenario?.remove();
  scenario = undefined;
});

describe('run() filter modes on a pull request', () => {
  it.each([
    ['', ['src/chat.ts:7', 'src/train.ts:11']],
    ['added', ['src/chat.ts:7', 'src/train.ts:11']],
    ['diff_context', ['src/chat.ts:7', 'src/train.ts:11', 'src/train.ts:14']],
    ['file', ['src/chat.ts:7', 'src/train.ts:11', 'src/train.ts:14', 'src/train.ts:25']],
    [
      'nofilter',
      ['src/chat.ts:5', 'src/chat.ts:7', 'src/train.ts:11', 'src/train.ts:14', 'src/train.ts:25'],
    ],
  ])('filter-mode "%s" keeps %j', async (mode, expected) => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps(
      { 'filter-mode': mode, 'fail-on': 'never' },
      createFakeAnalyzer(all),
    );
    const result = await run(deps);
    expect(located(result.findings)).toEqual(expected);
    expect(
      located(
        deps.core
          .annotations()
          .flatMap((call) =>
            'properties' in call && call.properties?.file !== undefined
              ? [{ file: call.properties.file, line: call.properties.startLine ?? 0 }]
              : [],
          ),
      ),
    ).toEqual(expected);
    expect(deps.core.outputs().findings).toBe(String(expected.length));
  });

  it('checks the working directory with the policy and tsconfig it was given', async () => {
    scenario = createScenario('pull-request');
    scenario.repository.write({ 'tsconfig.json': '{}\n' });
    const analyzer = createFakeAnalyzer([]);
    await run(scenario.deps({ policy: 'consentry.yaml', project: 'tsconfig.json' }, analyzer));
    expect(analyzer.checks).toEqual([
      {
        root: scenario.repository.dir,
        policyFile: join(scenario.repository.dir, 'consentry.yaml'),
        tsconfig: join(scenario.repository.dir, 'tsconfig.json'),
        repositoryRoot: scenario.repository.dir,
      },
    ]);
  });

  it('names the SARIF run with the sarif-category input, and leaves it unnamed without', async () => {
    scenario = createScenario('pull-request');
    const named = createFakeAnalyzer(all);
    await run(
      scenario.deps({ 'sarif-file': 'a.sarif', 'sarif-category': 'consentry-chat' }, named),
    );
    const read = (file: string) =>
      (
        JSON.parse(readFileSync(join(scenario!.repository.dir, file), 'utf8')) as {
          runs: { category?: string }[];
        }
      ).runs[0]!;
    expect(read('a.sarif').category).toBe('consentry-chat');
    await run(scenario.deps({ 'sarif-file': 'b.sarif' }, createFakeAnalyzer(all)));
    expect(read('b.sarif').category).toBeUndefined();
    const alone = scenario.deps({ 'sarif-category': 'chat' }, createFakeAnalyzer(all));
    await run(alone);
    expect(alone.core.failures()).toEqual([
      'Consentry: input "sarif-category" names the run of the SARIF file; set "sarif-file" too',
    ]);
  });

  it('matches findings of a subdirectory against repository paths and reports them so', async () => {
    const nest = (files: Readonly<Record<string, string>>) =>
      Object.fromEntries(Object.entries(files).map(([path, text]) => [`apps/chat/${path}`, text]));
    const { baseFiles, headFiles } = await import('./helpers/scenario.js');
    scenario = createScenario('pull-request', { base: nest(baseFiles), head: nest(headFiles) });
    const analyzer = createFakeAnalyzer([onAddedLine, untouchedFile]);
    const deps = scenario.deps(
      { 'working-directory': 'apps/chat', 'sarif-file': 'results/consentry.sarif' },
      analyzer,
    );
    const result = await run(deps);
    expect(located(result.findings)).toEqual(['apps/chat/src/train.ts:11']);
    // The analyzer's SARIF gets its own report and puts the repository's paths in it.
    expect(analyzer.sarifReports.map((report) => report.directory)).toEqual(['apps/chat']);
    const sarif = JSON.parse(
      readFileSync(join(scenario.repository.dir, 'apps/chat/results/consentry.sarif'), 'utf8'),
    ) as { runs: { results: string[] }[] };
    expect(sarif.runs[0]!.results.sort()).toEqual([
      'apps/chat/src/chat.ts:5',
      'apps/chat/src/train.ts:11',
    ]);
    expect(deps.core.outputs()['sarif-file']).toBe('apps/chat/results/consentry.sarif');
    expect(existsSync(join(scenario.repository.dir, 'apps/chat/results/consentry.sarif'))).toBe(
      true,
    );
  });

  it('fails with advice when the base commit is missing from a shallow checkout', async () => {
    scenario = createScenario('pull-request');
    const event = JSON.parse(readFileSync(scenario.env.GITHUB_EVENT_PATH!, 'utf8'));
    event.pull_request.base.sha = 'f'.repeat(40);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(scenario.env.GITHUB_EVENT_PATH!, JSON.stringify(event));
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    await run(deps);
    expect(deps.core.failures()).toEqual([
      `Consentry: the base commit ${'f'.repeat(40)} is not in the checkout, so the changed lines are unknown; give actions/checkout "fetch-depth: 0"`,
    ]);
  });

  it('fails with advice when the workspace is not a git checkout', async () => {
    scenario = createScenario('pull-request');
    const { rmSync } = await import('node:fs');
    rmSync(join(scenario.repository.dir, '.git'), { recursive: true, force: true });
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    await run(deps);
    expect(deps.core.failures()).toEqual([
      'Consentry: filter-mode "added" reads the changes from git, and . is not in a git checkout; run actions/checkout first',
    ]);
  });
});

describe('run() on other events', () => {
  it('reports every finding on a push unless a filter mode is set', async () => {
    scenario = createScenario('push');
    const deps = scenario.deps({ 'fail-on': 'never' }, createFakeAnalyzer(all));
    expect((await run(deps)).findings).toHaveLength(all.length);
  });

  it('filters a push on the commits it pushed when a mode is set', async () => {
    scenario = createScenario('push');
    const deps = scenario.deps(
      { 'filter-mode': 'added', 'fail-on': 'never' },
      createFakeAnalyzer(all),
    );
    expect(located((await run(deps)).findings)).toEqual(['src/chat.ts:7', 'src/train.ts:11']);
  });

  it.each(['push-new-branch', 'schedule'] as const)(
    'reports every finding on %s, where there is no diff, and says why',
    async (event) => {
      scenario = createScenario(event);
      const deps = scenario.deps(
        { 'filter-mode': 'added', 'fail-on': 'never' },
        createFakeAnalyzer(all),
      );
      expect((await run(deps)).findings).toHaveLength(all.length);
      expect(deps.core.summaries[0]).toContain('filter-mode "added" needs a diff');
    },
  );
});

describe('run() reporting layers', () => {
  it('annotates each finding with its rule id, file, lines and columns', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    await run(deps);
    expect(deps.core.annotations()).toEqual([
      {
        kind: 'error',
        message: flowThroughAddedLine.message,
        properties: {
          title: 'tier-opt-out-gap',
          file: 'src/chat.ts',
          startLine: 7,
          endLine: 7,
          startColumn: 3,
        },
      },
      {
        kind: 'error',
        message: onAddedLine.message,
        properties: {
          title: 'training-without-consent',
          file: 'src/train.ts',
          startLine: 11,
          endLine: 11,
          startColumn: 3,
          endColumn: 40,
        },
      },
    ]);
  });

  it('writes the findings table, each flow, and the outputs', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    await run(deps);
    const [summary] = deps.core.summaries;
    const headSha = scenario.headSha;
    expect(summary).toContain(
      '**2 findings** on the lines this change adds: 2 errors, 0 warnings, 0 notes.',
    );
    expect(summary).toContain(
      '3 other findings elsewhere in the project are left out by `filter-mode: added`',
    );
    expect(summary).toContain(
      `| error | \`training-without-consent\` | [\`src/train.ts:11:3\`](https://github.com/acme/chat-assistant/blob/${headSha}/src/train.ts#L11) | ${onAddedLine.message} |  |`,
    );
    expect(summary).toContain(
      `2. [\`src/train.ts:12:1\`](https://github.com/acme/chat-assistant/blob/${headSha}/src/train.ts#L12) rows handed to the uploader`,
    );
    expect(deps.core.outputs()).toEqual({ findings: '2', errors: '2' });
    expect(deps.core.failures()).toEqual([
      'Consentry: 2 findings at or above "error". The job summary has the details.',
    ]);
  });

  it('writes SARIF for the whole project, not just the diff, and names it in an output', async () => {
    scenario = createScenario('pull-request');
    const analyzer = createFakeAnalyzer(all);
    const deps = scenario.deps({ 'sarif-file': 'consentry.sarif' }, analyzer);
    await run(deps);
    const sarif = JSON.parse(
      readFileSync(join(scenario.repository.dir, 'consentry.sarif'), 'utf8'),
    );
    expect(sarif.runs[0].results).toHaveLength(all.length);
    expect(deps.core.outputs()['sarif-file']).toBe('consentry.sarif');
    expect(deps.core.summaries[0]).toContain('SARIF for code scanning: `consentry.sarif`');
  });

  it('shows the diff of a stale record of processing and fails the step', async () => {
    scenario = createScenario('pull-request');
    const diff =
      '--- docs/record.md\n+++ docs/record.md (expected)\n@@ -3 +3 @@\n-| Retention | 30 days |\n+| Retention | 90 days |\n';
    const analyzer = createFakeAnalyzer([], { record: { upToDate: false, diff } });
    const deps = scenario.deps({ record: 'docs/record.md' }, analyzer);
    await run(deps);
    expect(analyzer.recordChecks).toEqual([
      { root: scenario.repository.dir, record: join(scenario.repository.dir, 'docs/record.md') },
    ]);
    expect(deps.core.summaries[0]).toContain(`\`docs/record.md\` is out of date`);
    expect(deps.core.summaries[0]).toContain(
      '```diff\n--- docs/record.md\n+++ docs/record.md (expected)',
    );
    expect(deps.core.failures()).toEqual([
      'Consentry: the record of processing docs/record.md is out of date. The job summary has the details.',
    ]);
  });

  it('says an up-to-date record is up to date and passes', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({ record: 'docs/record.md' }, createFakeAnalyzer([]));
    const result = await run(deps);
    expect(deps.core.summaries[0]).toContain('`docs/record.md` is up to date with the policy.');
    expect(result.failed).toBe(false);
    expect(deps.core.failures()).toEqual([]);
  });

  it('keeps going with a warning when the job summary cannot be written', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer([onAddedLine]), undefined, {
      summaryFails: true,
    });
    await run(deps);
    expect(deps.core.calls).toContainEqual({
      kind: 'warning',
      message:
        'could not write the job summary: Unable to find environment variable for $GITHUB_STEP_SUMMARY',
    });
    expect(deps.core.failures()).toHaveLength(1);
  });
});

describe('run() fail-on', () => {
  it.each([
    ['error', 1],
    ['warning', 2],
    ['note', 3],
    ['never', 0],
  ])('fail-on "%s" fails on %i of an error, a warning and a note', async (failOn, failing) => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps(
      { 'fail-on': failOn, 'filter-mode': 'file' },
      createFakeAnalyzer([onAddedLine, inContext, sameFileElsewhere]),
    );
    const result = await run(deps);
    expect(result.failed).toBe(failing > 0);
    expect(deps.core.failures()).toEqual(
      failing === 0
        ? []
        : [
            `Consentry: ${failing} ${failing === 1 ? 'finding' : 'findings'} at or above "${failOn}". The job summary has the details.`,
          ],
    );
    expect(deps.core.outputs()).toEqual({ findings: '3', errors: '1' });
  });
});

describe('run() pull-request comment', () => {
  it('posts nothing unless asked', async () => {
    scenario = createScenario('pull-request');
    const client = createFakeCommentClient();
    await run(scenario.deps({}, createFakeAnalyzer(all), client));
    expect(client.requests).toEqual([]);
  });

  it('creates one comment, then edits it in place on every re-run', async () => {
    scenario = createScenario('pull-request');
    const client = createFakeCommentClient([{ id: 7, body: 'Looks good to me' }]);
    await run(
      scenario.deps(
        { comment: 'true', 'github-token': 'ghs_write' },
        createFakeAnalyzer(all),
        client,
      ),
    );
    expect(client.tokens).toEqual(['ghs_write']);
    expect(client.comments).toHaveLength(2);
    const created = client.comments[1]!;
    expect(created.body).toContain(commentMarker('.'));
    expect(created.body).toContain('**2 findings** on the lines this change adds');
    expect(created.body).toContain(
      '[job summary](https://github.com/acme/chat-assistant/actions/runs/9001)',
    );

    await run(scenario.deps({ comment: 'true' }, createFakeAnalyzer([onAddedLine]), client));
    expect(client.comments).toHaveLength(2);
    expect(client.comments[1]?.id).toBe(created.id);
    expect(client.comments[1]?.body).toContain('**1 finding** on the lines this change adds');

    await run(scenario.deps({ comment: 'true' }, createFakeAnalyzer([]), client));
    expect(client.comments).toHaveLength(2);
    expect(client.comments[1]?.body).toContain('No findings on the lines this change adds.');
    expect(client.requests).toEqual([
      'list #42 page 1',
      'create #42',
      'list #42 page 1',
      `update ${created.id}`,
      'list #42 page 1',
      `update ${created.id}`,
    ]);
  });

  it('finds its comment on a later page of a long discussion', async () => {
    scenario = createScenario('pull-request');
    const chatter = Array.from({ length: 150 }, (_, index) => ({
      id: index + 1,
      body: `comment ${index}`,
    }));
    chatter.push({ id: 500, body: `${commentMarker('.')}\nold findings` });
    const client = createFakeCommentClient(chatter);
    await run(scenario.deps({ comment: 'true' }, createFakeAnalyzer([onAddedLine]), client));
    expect(client.requests).toEqual(['list #42 page 1', 'list #42 page 2', 'update 500']);
    expect(client.comments).toHaveLength(151);
  });

  it('does not open a comment for a clean pull request', async () => {
    scenario = createScenario('pull-request');
    const client = createFakeCommentClient();
    await run(scenario.deps({ comment: 'true' }, createFakeAnalyzer([untouchedFile]), client));
    expect(client.requests).toEqual(['list #42 page 1']);
    expect(client.comments).toEqual([]);
  });

  it('skips the comment on a fork, says so in the summary, and reports everything else', async () => {
    scenario = createScenario('pull-request-fork');
    const client = createFakeCommentClient();
    const deps = scenario.deps(
      { comment: 'true', 'sarif-file': 'consentry.sarif' },
      createFakeAnalyzer(all),
      client,
    );
    const result = await run(deps);
    expect(client.tokens).toEqual([]);
    expect(client.requests).toEqual([]);
    expect(located(result.findings)).toEqual(['src/chat.ts:7', 'src/train.ts:11']);
    expect(deps.core.annotations()).toHaveLength(2);
    expect(deps.core.outputs()['sarif-file']).toBe('consentry.sarif');
    expect(deps.core.summaries[0]).toContain(
      'This pull request comes from a fork, so its token is read-only and no pull-request comment was posted.',
    );
    expect(deps.core.failures()).toHaveLength(1);
  });

  it('mentions the read-only token of a fork even without a comment', async () => {
    scenario = createScenario('pull-request-fork');
    const deps = scenario.deps({}, createFakeAnalyzer([]));
    await run(deps);
    expect(deps.core.summaries[0]).toContain(
      'This pull request comes from a fork, so its token is read-only.',
    );
  });

  it('warns, and still reports, when the API refuses the comment', async () => {
    scenario = createScenario('pull-request');
    const client = createFakeCommentClient([], new Error('Resource not accessible by integration'));
    const deps = scenario.deps(
      { comment: 'true', 'fail-on': 'never' },
      createFakeAnalyzer(all),
      client,
    );
    const result = await run(deps);
    expect(result.failed).toBe(false);
    expect(deps.core.calls).toContainEqual({
      kind: 'warning',
      message: 'could not post the pull-request comment: Resource not accessible by integration',
    });
    expect(deps.core.summaries[0]).toContain('does the job grant `pull-requests: write`?');
  });
});

describe('run() bad input', () => {
  it.each([
    [
      { 'fail-on': 'critical' },
      'Consentry: input "fail-on" must be one of error, warning, note, never; got "critical"',
    ],
    [
      { 'filter-mode': 'diff' },
      'Consentry: input "filter-mode" must be one of added, diff_context, file, nofilter; got "diff"',
    ],
    [
      { policy: 'policies/missing.yaml' },
      'Consentry: input "policy": policies/missing.yaml does not exist',
    ],
  ])('fails on %j with one clear message and no stack', async (inputs, message) => {
    scenario = createScenario('pull-request');
    const analyzer = createFakeAnalyzer(all);
    const deps = scenario.deps(inputs, analyzer);
    const result = await run(deps);
    expect(result.failed).toBe(true);
    expect(deps.core.failures()).toEqual([message]);
    expect(deps.core.calls.filter((call) => call.kind === 'debug')).toEqual([]);
    expect(analyzer.checks).toEqual([]);
  });

  it('refuses a SARIF file that is a dangling link, under a linked directory, or a source file', async () => {
    scenario = createScenario('pull-request');
    const dir = scenario.repository.dir;
    const outside = mkdtempSync(join(tmpdir(), 'consentry-outside-'));
    try {
      symlinkSync(join(outside, 'planted.sarif'), join(dir, 'consentry.sarif'));
      symlinkSync(outside, join(dir, 'results'));
      writeFileSync(join(dir, 'src/app.json'), '{"name": "app"}\n');
      const cases = [
        [
          { 'sarif-file': 'consentry.sarif' },
          'Consentry: consentry.sarif:1:1: this is a symbolic link; give input "sarif-file" the path of a regular file',
        ],
        [
          { 'sarif-file': 'results/consentry.sarif' },
          expect.stringMatching(
            /^Consentry: results\/consentry\.sarif:1:1: input "sarif-file" resolves to .*consentry-outside-.*, outside the workspace/,
          ),
        ],
        [
          { 'sarif-file': 'src/app.ts' },
          'Consentry: input "sarif-file" app.ts: a sarif file ends in .sarif or .json; make the file name and the format agree',
        ],
        [
          { 'sarif-file': 'src/app.json' },
          'Consentry: src/app.json:1:1: this file exists and is not a report Consentry wrote; choose another input "sarif-file"',
        ],
      ] as const;
      for (const [inputs, message] of cases) {
        const analyzer = createFakeAnalyzer(all);
        const deps = scenario.deps(inputs, analyzer);
        await run(deps);
        expect(deps.core.failures(), JSON.stringify(inputs)).toEqual([message]);
        // Refused before the analysis: nothing ran, nothing was written.
        expect(analyzer.checks).toEqual([]);
      }
      expect(readdirSync(outside)).toEqual([]);
      expect(readFileSync(join(dir, 'src/app.json'), 'utf8')).toBe('{"name": "app"}\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('replaces the SARIF file a previous run wrote', async () => {
    scenario = createScenario('pull-request');
    for (const findings of [all, [onAddedLine]]) {
      const deps = scenario.deps({ 'sarif-file': 'consentry.sarif' }, createFakeAnalyzer(findings));
      await run(deps);
      expect(deps.core.outputs()['sarif-file']).toBe('consentry.sarif');
    }
    const sarif = JSON.parse(
      readFileSync(join(scenario.repository.dir, 'consentry.sarif'), 'utf8'),
    );
    expect(sarif.runs[0].results).toEqual(['src/train.ts:11']);
  });

  it('fails on a path outside the workspace', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({ 'sarif-file': '../elsewhere.sarif' }, createFakeAnalyzer(all));
    await run(deps);
    expect(deps.core.failures()).toEqual([
      'Consentry: input "sarif-file": ../elsewhere.sarif is outside the workspace; give a path inside the repository',
    ]);
  });

  it('passes a policy error through as its message only, and marks each problem on its line', async () => {
    scenario = createScenario('pull-request');
    const policy = join(scenario.repository.dir, 'consentry.yaml');
    const policyError = new PolicyError([
      { file: policy, line: 4, column: 3, message: 'unknown legal basis "vibes"' },
      {
        file: policy,
        line: 9,
        column: 5,
        message: `retention must be an ISO 8601 duration (${policy})`,
      },
    ]);
    const deps = scenario.deps({}, createFakeAnalyzer([], { failWith: policyError }));
    await run(deps);
    const title = 'Consentry configuration error';
    expect(deps.core.annotations()).toEqual([
      {
        kind: 'error',
        message: 'unknown legal basis "vibes"',
        properties: { title, file: 'consentry.yaml', startLine: 4, startColumn: 3 },
      },
      {
        kind: 'error',
        message: 'retention must be an ISO 8601 duration (consentry.yaml)',
        properties: { title, file: 'consentry.yaml', startLine: 9, startColumn: 5 },
      },
    ]);
    expect(deps.core.failures()).toEqual([
      'Consentry: consentry.yaml:4:3: unknown legal basis "vibes"\nconsentry.yaml:9:5: retention must be an ISO 8601 duration (consentry.yaml)',
    ]);
    expect(deps.core.calls.filter((call) => call.kind === 'debug')).toEqual([]);
  });

  it('keeps the stack of an unexpected error for the debug log only', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer([], { failWith: new TypeError('boom') }));
    await run(deps);
    expect(deps.core.failures()).toEqual(['Consentry: boom']);
    const debug = deps.core.calls.find((call) => call.kind === 'debug');
    expect(debug !== undefined && 'message' in debug ? debug.message : '').toMatch(
      /^TypeError: boom\n/,
    );
  });

  it('fails when the event payload cannot be read', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    await run({
      ...deps,
      env: { ...deps.env, GITHUB_EVENT_PATH: join(scenario.repository.dir, 'gone.json') },
    });
    expect(deps.core.failures()).toEqual([
      "Consentry: cannot read the event payload at GITHUB_EVENT_PATH: ENOENT: no such file or directory, open 'gone.json'",
    ]);
  });

  it('fails when a pull request has no event payload at all', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer(all));
    const { GITHUB_EVENT_PATH: _, ...env } = deps.env;
    await run({ ...deps, env });
    expect(deps.core.failures()).toEqual([
      'Consentry: GITHUB_EVENT_PATH is not set, so the pull request and its base are unknown',
    ]);
  });

  it('fails when GITHUB_WORKSPACE is missing', async () => {
    scenario = createScenario('pull-request');
    const deps = scenario.deps({}, createFakeAnalyzer([]));
    const { GITHUB_WORKSPACE: _, ...env } = deps.env;
    await run({ ...deps, env });
    expect(deps.core.failures()).toEqual([
      'Consentry: GITHUB_WORKSPACE is not set; the action runs inside a GitHub Actions job',
    ]);
  });
});
