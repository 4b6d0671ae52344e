import { cpSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { buildProjectRecord, renderRecord } from '@consentry/analyzer';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepository, type TestRepository } from './helpers/git-repo.js';
import { type BundleRun, type InstalledAction, installAction } from './helpers/run-bundle.js';

const require = createRequire(import.meta.url);
const project = new URL('fixtures/e2e-project/', import.meta.url).pathname;

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path), readFileSync(path, 'utf8')];
      }),
  );
}

/** The record of processing `consentry ropa` writes for the project in `dir`. */
async function recordFor(dir: string): Promise<string> {
  return renderRecord((await buildProjectRecord({ root: dir })).record);
}

function validateSarif(text: string): { valid: boolean; errors: string } {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  // The official schema's `language` pattern is not valid in Unicode mode (a stray `]`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile({ $id: id, ...schema });
  const valid = validate(JSON.parse(text));
  return { valid, errors: ajv.errorsText(validate.errors) };
}

function pullRequestEvent(baseSha: string, headSha: string, fork = false): unknown {
  const file = fork ? 'pull-request-fork.json' : 'pull-request.json';
  const payload = JSON.parse(
    readFileSync(new URL(`fixtures/events/${file}`, import.meta.url), 'utf8'),
  );
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.head.sha = headSha;
  return payload;
}

// The head commit adds exportNightly(), which queues conversations for training with no opt-out
// check; the line of that call in head/src/export.ts:
const unguardedLine = 18;

describe('dist/index.js run the way the runner runs it, on a pull request', () => {
  let action: InstalledAction;
  let repository: TestRepository;
  let baseSha: string;
  let headSha: string;
  let result: BundleRun;

  beforeAll(async () => {
    action = installAction();
    repository = createTestRepository('consentry-e2e-');
    repository.write(readTree(join(project, 'base')));
    baseSha = repository.commit('Guarded training export');
    repository.write(readTree(join(project, 'head')));
    // The author regenerated the record with the change, as the check asks.
    repository.write({ 'docs/record.md': await recordFor(repository.dir) });
    headSha = repository.commit('Nightly training export');
    result = await action.run({
      workspace: repository.dir,
      inputs: { 'sarif-file': 'results/consentry.sarif', record: 'docs/record.md' },
      eventName: 'pull_request',
      eventPayload: pullRequestEvent(baseSha, headSha),
      sha: headSha,
    });
  });

  afterAll(() => {
    action?.remove();
    repository?.remove();
  });

  it('annotates the added unguarded call as an error, and nothing else', () => {
    const annotations = result.stdout
      .split('\n')
      .filter((line) => /^::(error|warning|notice) /.test(line));
    expect(annotations, result.stdout + result.stderr).toHaveLength(1);
    expect(annotations[0]).toMatch(
      new RegExp(
        `^::error title=(training-without-consent|tier-opt-out-gap),file=src/export.ts,line=${unguardedLine},endLine=${unguardedLine},col=\\d+(,endColumn=\\d+)?::.+`,
      ),
    );
  });

  it('fails the step with one message and exit code 1', () => {
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::Consentry: 1 finding at or above "error". The job summary has the details.',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('writes the job summary with the finding, its flow and links to the head commit', () => {
    expect(result.summary).toContain('## Consentry');
    expect(result.summary).toContain('**1 finding** on the lines this change adds: 1 error');
    expect(result.summary).toContain(
      `https://github.com/acme/chat-assistant/blob/${headSha}/src/export.ts#L${unguardedLine}`,
    );
    expect(result.summary).toContain('### Flows');
    expect(result.summary).toContain('`docs/record.md` is up to date with the policy.');
  });

  it('sets the outputs', () => {
    expect(result.outputs).toEqual({
      'sarif-file': 'results/consentry.sarif',
      findings: '1',
      errors: '1',
    });
  });

  it('writes a valid SARIF file of every finding in the project', () => {
    const text = readFileSync(join(repository.dir, 'results/consentry.sarif'), 'utf8');
    const { valid, errors } = validateSarif(text);
    expect(valid, errors).toBe(true);
    const sarif = JSON.parse(text);
    const results = sarif.runs[0].results as {
      ruleId: string;
      level: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
    }[];
    const code = results.filter((entry) => entry.level === 'error');
    expect(
      code.map((entry) => [
        entry.locations[0]?.physicalLocation.artifactLocation.uri,
        entry.locations[0]?.physicalLocation.region.startLine,
      ]),
    ).toEqual([['src/export.ts', unguardedLine]]);
    // The policy's notes are outside the diff: SARIF has them, the annotations do not.
    expect(
      results.some(
        (entry) => entry.locations[0]?.physicalLocation.artifactLocation.uri === 'consentry.yaml',
      ),
    ).toBe(true);
  });
});

describe('dist/index.js on files whose names git quotes or splits', () => {
  // Each file adds the unguarded nightly export at line 18; one of them is a rename of a file
  // the base had. Each name once made the diff lose the file, so the step passed.
  const names = [
    'src/nightly export.ts',
    'src/nightly\texport.ts',
    `src/"nightly" 'export'.ts`,
    'src/export-données-日本.ts',
    'src/renamed export.ts',
  ];
  const violation = readFileSync(join(project, 'head/src/export.ts'), 'utf8');
  let action: InstalledAction;
  let repository: TestRepository;
  let baseSha: string;
  let headSha: string;

  beforeAll(() => {
    action = installAction();
    repository = createTestRepository('consentry-e2e-names-');
    repository.write(readTree(join(project, 'base')));
    baseSha = repository.commit('Guarded training export');
    repository.git('mv', 'src/export.ts', 'src/renamed export.ts');
    repository.write(Object.fromEntries(names.map((name) => [name, violation])));
    headSha = repository.commit('Nightly training export, under awkward names');
  });

  afterAll(() => {
    action?.remove();
    repository?.remove();
  });

  const runs = [
    ['pull request, filter-mode added', 'pull_request', 'added'],
    ['pull request, filter-mode diff_context', 'pull_request', 'diff_context'],
    ['pull request, filter-mode file', 'pull_request', 'file'],
    ['push, filter-mode added', 'push', 'added'],
  ] as const;
  for (const [label, eventName, mode] of runs) {
    it(`annotates the violation in every file and fails the step: ${label}`, async () => {
      const result = await action.run({
        workspace: repository.dir,
        inputs: { 'filter-mode': mode },
        eventName,
        eventPayload:
          eventName === 'push'
            ? { ref: 'refs/heads/main', before: baseSha, after: headSha }
            : pullRequestEvent(baseSha, headSha),
        sha: headSha,
      });
      const annotated = result.stdout
        .split('\n')
        .filter((line) => line.startsWith('::error title='))
        .map((line) => /,file=([^,]*),line=(\d+),/.exec(line)?.slice(1, 3).join(':'));
      expect(annotated.sort(), result.stdout + result.stderr).toEqual(
        names.map((name) => `${name}:${unguardedLine}`).sort(),
      );
      expect(result.exitCode).toBe(1);
      expect(result.outputs).toMatchObject({ findings: String(names.length) });
    });
  }
});

describe('dist/index.js on a pull request from a fork, reporting only', () => {
  it('reports the finding and the stale record, says the token is read-only, and passes with fail-on never', async () => {
    const action = installAction();
    const repository = createTestRepository('consentry-e2e-fork-');
    try {
      repository.write(readTree(join(project, 'base')));
      repository.write({ 'docs/record.md': await recordFor(repository.dir) });
      const baseSha = repository.commit('Guarded training export');
      repository.write(readTree(join(project, 'head')));
      const policy = readFileSync(join(repository.dir, 'consentry.yaml'), 'utf8');
      repository.write({ 'consentry.yaml': policy.replace('retention: P6M', 'retention: P9M') });
      const headSha = repository.commit('Nightly training export, kept longer');
      const result = await action.run({
        workspace: repository.dir,
        inputs: { 'fail-on': 'never', comment: 'true', record: 'docs/record.md' },
        eventName: 'pull_request',
        eventPayload: pullRequestEvent(baseSha, headSha, true),
        sha: headSha,
      });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toMatch(
        new RegExp(`^::error title=[a-z-]+,file=src/export.ts,line=${unguardedLine},`, 'm'),
      );
      expect(result.summary).toContain(
        'This pull request comes from a fork, so its token is read-only',
      );
      expect(result.outputs).toEqual({ findings: '1', errors: '1' });
    } finally {
      action.remove();
      repository.remove();
    }
  });

  it('fails with a clear message, and no stack trace, on a bad input', async () => {
    const action = installAction();
    const repository = createTestRepository('consentry-e2e-bad-');
    try {
      repository.write(readTree(join(project, 'base')));
      const sha = repository.commit('base');
      const result = await action.run({
        workspace: repository.dir,
        inputs: { 'filter-mode': 'changed-lines' },
        eventName: 'pull_request',
        eventPayload: pullRequestEvent(sha, sha),
        sha,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout.trim()).toBe(
        '::error::Consentry: input "filter-mode" must be one of added, diff_context, file, nofilter; got "changed-lines"',
      );
    } finally {
      action.remove();
      repository.remove();
    }
  });
});

describe('dist/index.js with the comment on, and no GitHub API to reach', () => {
  // GITHUB_API_URL points at port 9, which fetch refuses to dial: the real Octokit client runs
  // and fails without any traffic leaving the machine.
  it('warns about the comment, says so in the summary, and reports everything else', async () => {
    const action = installAction();
    const repository = createTestRepository('consentry-e2e-comment-');
    try {
      repository.write(readTree(join(project, 'base')));
      const baseSha = repository.commit('Guarded training export');
      repository.write(readTree(join(project, 'head')));
      const headSha = repository.commit('Nightly training export');
      const result = await action.run({
        workspace: repository.dir,
        inputs: { comment: 'true' },
        eventName: 'pull_request',
        eventPayload: pullRequestEvent(baseSha, headSha),
        sha: headSha,
      });
      expect(result.stdout).toMatch(/^::warning::could not post the pull-request comment: .+$/m);
      expect(result.summary).toContain('The pull-request comment could not be posted');
      expect(result.stdout).toMatch(
        new RegExp(`^::error title=[a-z-]+,file=src/export.ts,line=${unguardedLine},`, 'm'),
      );
      expect(result.exitCode).toBe(1);
    } finally {
      action.remove();
      repository.remove();
    }
  });
});

describe('dist/index.js on a broken policy', () => {
  it('annotates the problem on its line and fails with a workspace-relative message', async () => {
    const action = installAction();
    const repository = createTestRepository('consentry-e2e-policy-');
    try {
      repository.write(readTree(join(project, 'base')));
      const policy = readFileSync(join(repository.dir, 'consentry.yaml'), 'utf8');
      repository.write({
        'consentry.yaml': policy.replace('legalBasis: contract', 'legalBasis: vibes'),
      });
      const sha = repository.commit('A legal basis GDPR does not know');
      const result = await action.run({
        workspace: repository.dir,
        inputs: {},
        eventName: 'pull_request',
        eventPayload: pullRequestEvent(sha, sha),
        sha,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(
        /^::error title=Consentry configuration error,file=consentry\.yaml,line=\d+,col=\d+::.*vibes/m,
      );
      expect(result.stdout).toMatch(/^::error::Consentry: consentry\.yaml:\d+:\d+: .*vibes/m);
      expect(result.stdout).not.toContain(repository.dir);
    } finally {
      action.remove();
      repository.remove();
    }
  });
});

describe('dist/index.js on a copy of examples/chat-assistant', () => {
  // The monorepo's layout in miniature: the example in its folder, the base tsconfig it extends,
  // and installed dependencies (a link to this repository's node_modules stands in for `npm ci`).
  const repositoryRoot = new URL('../../../', import.meta.url).pathname;
  const example = 'examples/chat-assistant';
  const added = `${example}/src/training/weekly-training-export.ts`;

  it('annotates the unguarded weekly export a pull request adds, shows the record it makes stale, writes SARIF, and fails', async () => {
    const action = installAction();
    const repository = createTestRepository('consentry-e2e-example-');
    try {
      cpSync(join(repositoryRoot, example), join(repository.dir, example), {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|\.vitest-report|dist)$/.test(source),
      });
      cpSync(
        join(repositoryRoot, 'tsconfig.base.json'),
        join(repository.dir, 'tsconfig.base.json'),
      );
      symlinkSync(join(repositoryRoot, 'node_modules'), join(repository.dir, 'node_modules'));
      repository.write({ '.gitignore': 'node_modules\n' });
      const baseSha = repository.commit('The example as it is');
      repository.write({
        [added]: readFileSync(
          new URL('fixtures/chat-assistant-pr/weekly-training-export.ts', import.meta.url),
          'utf8',
        ),
      });
      const headSha = repository.commit('Weekly training export');

      const result = await action.run({
        workspace: repository.dir,
        inputs: {
          'working-directory': example,
          'sarif-file': 'consentry.sarif',
          record: 'docs/processing-record.md',
        },
        eventName: 'pull_request',
        eventPayload: pullRequestEvent(baseSha, headSha),
        sha: headSha,
      });

      const annotations = result.stdout
        .split('\n')
        .filter((line) => /^::(error|warning|notice) /.test(line));
      expect(annotations, result.stdout + result.stderr).toEqual([
        expect.stringMatching(
          new RegExp(
            `^::error title=training-without-consent,file=${added},line=18,endLine=18,col=9(,endColumn=\\d+)?::.+`,
          ),
        ),
      ]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `::error::Consentry: 1 finding at or above "error"; the record of processing ${example}/docs/processing-record.md is out of date.`,
      );
      expect(result.summary).toContain(`\`${added}:18:9\``);
      // The new export is processing the committed record does not list yet.
      expect(result.summary).toMatch(/```diff\n--- docs\/processing-record\.md \(committed\)\n/);
      expect(result.summary).toContain('weekly-training-export.ts');
      expect(result.outputs).toMatchObject({
        findings: '1',
        errors: '1',
        'sarif-file': `${example}/consentry.sarif`,
      });
      const sarif = readFileSync(join(repository.dir, example, 'consentry.sarif'), 'utf8');
      const { valid, errors } = validateSarif(sarif);
      expect(valid, errors).toBe(true);
      const uris = JSON.parse(sarif).runs[0].results.map(
        (entry: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          entry.locations[0]?.physicalLocation.artifactLocation.uri,
      );
      // The example's own deliberate gap is in SARIF, but not annotated: this pull request did not add it.
      expect(uris).toContain(added);
      expect(uris).toContain(`${example}/src/training/nightly-training-export.ts`);
    } finally {
      action.remove();
      repository.remove();
    }
  });
});
