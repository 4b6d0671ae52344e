import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Report } from '../src/report/report.js';
import { compareWithAnnotations, readAnnotations } from './code/annotations.js';
import { linkWorkspacePackages, markdownPages, REPO } from './support/doc-project.js';

// Every TypeScript example in the SDK's README, the root README and the guide (docs/) is a file
// of a project that `consentry check` analyses: it gives exactly the findings its page says, as
// `// expect: <rule>` lines in the example (none, for a correct example). Blocks the guide runs
// as steps (`<!-- guide: file … -->`) are checked by guide.test.ts with the commands around them.

const SDK_README = join(REPO, 'packages', 'sdk', 'README.md');

interface Example {
  readonly page: string;
  readonly line: number;
  /** The file name of its first line, `// name.ts`, or undefined for a fragment. */
  readonly file?: string;
  readonly code: string;
  /** Run as a step of the guide (guide.test.ts). */
  readonly guide: boolean;
}

function examplesOf(page: string): Example[] {
  const lines = readFileSync(page, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(ts|tsx|typescript)\s*$/.test(lines[index]!)) continue;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    let above = index - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const code = `${lines.slice(index + 1, end).join('\n')}\n`;
    const file = /^\/\/ ([\w./-]+\.tsx?)$/.exec(lines[index + 1] ?? '')?.[1];
    examples.push({
      page: relative(REPO, page),
      line: index + 1,
      code,
      guide: /^<!-- guide: file /.test(lines[above]?.trim() ?? ''),
      ...(file === undefined ? {} : { file }),
    });
    index = end;
  }
  return examples;
}

/** The pages whose examples build on the SDK README's worked example (its policy and checks). */
function buildsOnSdkReadme(page: string): boolean {
  return readFileSync(page, 'utf8').includes('<!-- examples: build on packages/sdk/README.md -->');
}

const pages = [SDK_README, join(REPO, 'README.md'), ...markdownPages(join(REPO, 'docs'))];
const examples = pages.flatMap(examplesOf);

/** A project with the examples as files under src/, the SDK linked in as `npm install` would. */
function createProject(files: readonly Example[]): string {
  const root = mkdtempSync(join(tmpdir(), 'consentry-doc-examples-'));
  for (const example of files) {
    const path = join(root, 'src', example.file!);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, example.code);
  }
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify({ name: 'doc-examples', private: true, type: 'module' })}\n`,
  );
  writeFileSync(
    join(root, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
          typeRoots: [join(REPO, 'node_modules', '@types')],
          customConditions: ['@consentry/source'],
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  linkWorkspacePackages(root);
  return root;
}

/** TypeScript's errors in the project, as `file:line message`. */
function compileErrors(root: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) return ['tsconfig.json: unreadable'];
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file) return text;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${relative(root, diagnostic.file.fileName)}:${line + 1} ${text}`;
  });
}

describe('TypeScript examples in the READMEs and the guide', () => {
  it('are each a whole file (`// name.ts` first) or a step of the guide', () => {
    const fragments = examples
      .filter((example) => example.file === undefined && !example.guide)
      .map((example) => `${example.page}:${example.line}`);
    expect(fragments).toEqual([]);
    expect(examples.filter((example) => example.file !== undefined).length).toBeGreaterThan(0);
  });

  const sdkExamples = examples.filter(
    (example) => example.page === relative(REPO, SDK_README) && example.file !== undefined,
  );
  const projects = pages
    .filter((page) => examplesOf(page).some((example) => example.file !== undefined))
    .map((page) => {
      const own = examplesOf(page).filter((example) => example.file !== undefined);
      const base = page !== SDK_README && buildsOnSdkReadme(page) ? sdkExamples : [];
      return { page: relative(REPO, page), own, files: [...base, ...own] };
    });

  describe.each(projects)('$page', ({ own, files }) => {
    let root = '';
    let report: Report;
    beforeAll(async () => {
      root = createProject(files);
      report = await check({ root, policyFile: 'src/policy.ts' });
    }, 120_000);
    afterAll(() => {
      if (root !== '') rmSync(root, { recursive: true, force: true });
    });

    it('compiles', () => {
      expect(compileErrors(root)).toEqual([]);
    }, 60_000);

    it('is analysed without diagnostics', () => {
      expect(report.diagnostics).toEqual([]);
    });

    it('gives exactly the findings its text says', () => {
      const shown = new Set(own.map((example) => `src/${example.file}`));
      const annotations = readAnnotations(root).filter((annotation) => shown.has(annotation.file));
      const findings = report.findings.filter(
        (finding) => finding.origin !== 'policy' && shown.has(finding.file),
      );
      expect(compareWithAnnotations(annotations, findings)).toEqual([]);
      // A finding in a file the page does not show would be one the reader cannot see.
      expect(
        report.findings.filter(
          (finding) =>
            finding.origin === 'code' &&
            finding.file.startsWith('src/') &&
            !shown.has(finding.file) &&
            !files.some((example) => `src/${example.file}` === finding.file),
        ),
      ).toEqual([]);
    });
  });
});
