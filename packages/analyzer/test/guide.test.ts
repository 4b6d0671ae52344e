import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listRules } from '../src/registry.js';
import { parseSuppressions } from '../src/suppressions.js';
import { linkWorkspacePackages, markdownPages, REPO } from './support/doc-project.js';

// The guide (docs/ at the repository root) is executable: see "How this guide is tested" in
// docs/README.md for the conventions this file implements.

const DOCS = join(REPO, 'docs');
const APP = fileURLToPath(new URL('./fixtures/init-nextjs-app', import.meta.url));
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = join(REPO, 'packages', 'analyzer', 'src', 'cli', 'main.ts');
const COMMAND_TIMEOUT_MS = 90_000;

/** The packages of the workspace, and every package they depend on (of any kind). */
const KNOWN_PACKAGES: ReadonlySet<string> = new Set(
  readdirSync(join(REPO, 'packages')).flatMap((name) => {
    const file = join(REPO, 'packages', name, 'package.json');
    if (!existsSync(file)) return [];
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const groups = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
    return [
      String(manifest.name),
      ...groups.flatMap((group) => Object.keys((manifest[group] as object | undefined) ?? {})),
    ];
  }),
);

/** `consentry` and `npx consentry` run the CLI from the sources; any other `npx` is refused. */
const PRELUDE = `consentry() { node ${JSON.stringify(TSX)} --conditions=@consentry/source ${JSON.stringify(CLI)} "$@"; }
npx() { if [ "$1" = consentry ]; then shift; consentry "$@"; else echo "guide: only npx consentry runs in tests; npm install commands go in a <!-- guide: install --> block" >&2; return 127; fi; }
`;

interface Block {
  readonly lang: string;
  readonly body: string;
  /** The `<!-- guide: … -->` directive right above the fence, if any. */
  readonly directive?: string;
  readonly line: number;
}

type Step =
  | { readonly kind: 'command'; readonly command: string; readonly exitCode: number }
  | { readonly kind: 'install'; readonly command: string; readonly packages: readonly string[] }
  | { readonly kind: 'file'; readonly path: string; readonly text: string }
  | { readonly kind: 'output'; readonly lines: readonly string[] }
  | { readonly kind: 'excerpt'; readonly path: string; readonly lines: readonly string[] };

function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    let above = index - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const directive = /^<!-- guide: (.*) -->$/.exec(lines[above]?.trim() ?? '')?.[1];
    blocks.push({
      lang: open[1]!,
      body: lines.slice(index + 1, end).join('\n'),
      line: index + 1,
      ...(directive === undefined ? {} : { directive }),
    });
    index = end;
  }
  return blocks;
}

function stepsOf(blocks: readonly Block[]): Step[] {
  const steps: Step[] = [];
  for (const block of blocks) {
    const directive = block.directive ?? '';
    const lines = block.body.split('\n').filter((line) => line.trim() !== '');
    if (directive.startsWith('file ')) {
      steps.push({ kind: 'file', path: directive.slice(5).trim(), text: `${block.body}\n` });
    } else if (directive === 'output') {
      steps.push({ kind: 'output', lines: lines.map((line) => line.trim()) });
    } else if (directive.startsWith('excerpt ')) {
      steps.push({
        kind: 'excerpt',
        path: directive.slice(8).trim(),
        lines: lines.map((line) => line.trim()),
      });
    } else if (block.lang === 'sh') {
      const install = directive === 'install';
      if (directive !== '' && !install) {
        throw new Error(`unknown guide directive "${directive}" above line ${block.line}`);
      }
      for (const line of lines) {
        if (line.trim().startsWith('#')) continue;
        const exits = /\s+#\s*exits\s+(\d+)\s*$/.exec(line);
        const command = (exits ? line.slice(0, exits.index) : line).trim();
        if (install) {
          const words = command.split(/\s+/);
          if (words[0] !== 'npm' || !['install', 'i', 'add'].includes(words[1] ?? '')) {
            throw new Error(`an install block holds npm install commands only, not "${command}"`);
          }
          // `pkg@range` names `pkg` (a scope's `@` is the first character, not a range).
          const packages = words
            .slice(2)
            .filter((word) => !word.startsWith('-'))
            .map((word) => word.replace(/(?<=.)@.*$/, ''));
          steps.push({ kind: 'install', command, packages });
        } else {
          steps.push({ kind: 'command', command, exitCode: exits ? Number(exits[1]) : 0 });
        }
      }
    } else if (directive !== '') {
      throw new Error(`unknown guide directive "${directive}" above line ${block.line}`);
    }
  }
  return steps;
}

/** A copy of the app with the SDK and the policy package linked in, as `npm install` would. */
function createApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'consentry-guide-'));
  cpSync(APP, root, { recursive: true });
  linkWorkspacePackages(root);
  // Installed packages resolve to their built dist/; linked sources need their export condition.
  const tsconfigFile = join(root, 'tsconfig.json');
  const tsconfig = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  tsconfig.compilerOptions.customConditions = ['@consentry/source'];
  writeFileSync(tsconfigFile, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return root;
}

/** A shown line matches an actual one exactly, or by its start when it ends in ` …`. */
function matchesLine(shown: string, actual: string): boolean {
  return shown.endsWith(' …') ? actual.startsWith(shown.slice(0, -2)) : actual === shown;
}

function runCommand(command: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', `${PRELUDE}${command}`], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, output });
    });
  });
}

const pages = markdownPages(DOCS);

describe.each(pages.map((page) => [relative(REPO, page), page] as const))('%s', (_name, page) => {
  const steps = stepsOf(blocksOf(readFileSync(page, 'utf8')));
  let root = '';
  let last = '';
  beforeAll(() => {
    if (steps.length > 0) root = createApp();
  });
  afterAll(() => {
    if (root !== '') rmSync(root, { recursive: true, force: true });
  });

  if (steps.length === 0) {
    it('has no commands to run', () => {
      expect(steps).toEqual([]);
    });
  }
  for (const step of steps) {
    if (step.kind === 'install') {
      // The registry is out of reach in tests: the app has the workspace's packages linked, so
      // what is checked is that the guide installs packages this repository publishes or uses.
      it(`$ ${step.command} installs packages this repository publishes or depends on`, () => {
        expect(step.packages.length).toBeGreaterThan(0);
        expect(step.packages.filter((name) => !KNOWN_PACKAGES.has(name))).toEqual([]);
      });
    } else if (step.kind === 'command') {
      it(
        `$ ${step.command} exits ${step.exitCode}`,
        async () => {
          const result = await runCommand(step.command, root);
          last = result.output;
          expect({ code: result.code, output: result.output }).toMatchObject({
            code: step.exitCode,
          });
        },
        COMMAND_TIMEOUT_MS + 5_000,
      );
    } else if (step.kind === 'file') {
      it(`writes ${step.path} as shown`, () => {
        mkdirSync(dirname(join(root, step.path)), { recursive: true });
        writeFileSync(join(root, step.path), step.text);
      });
    } else if (step.kind === 'output') {
      it('printed the output shown', () => {
        const printed = last.split('\n').map((line) => line.trim());
        expect(step.lines.filter((line) => !printed.some((out) => matchesLine(line, out)))).toEqual(
          [],
        );
      });
    } else {
      it(`${step.path} holds the excerpt shown`, () => {
        const lines = readFileSync(join(root, step.path), 'utf8')
          .split('\n')
          .map((line) => line.trim());
        expect(step.lines.filter((line) => !lines.some((out) => matchesLine(line, out)))).toEqual(
          [],
        );
      });
    }
  }
});

describe('the guide', () => {
  const headingsOf = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) =>
        line
          .replace(/^#+ /, '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      );

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : resolve(dirname(page), path);
        if (!existsSync(file)) broken.push(`${relative(REPO, page)}: ${target}`);
        else if (
          anchor !== undefined &&
          file.endsWith('.md') &&
          !headingsOf(file).includes(anchor)
        ) {
          broken.push(`${relative(REPO, page)}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('links every rule page from the index', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    const rulePages = readdirSync(join(REPO, 'packages', 'analyzer', 'docs', 'rules')).sort();
    const ids = [...new Set([...listRules().map((rule) => `${rule.id}.md`), ...rulePages])].sort();
    expect(
      ids.filter((page) => !index.includes(`../packages/analyzer/docs/rules/${page}`)),
    ).toEqual([]);
  });

  it("uses only the GitHub Action's inputs", () => {
    const action = parse(readFileSync(join(REPO, 'packages', 'action', 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const used: string[] = [];
    for (const page of pages) {
      for (const block of blocksOf(readFileSync(page, 'utf8'))) {
        if (block.lang !== 'yaml' || !block.body.includes('packages/action@')) continue;
        const workflow = parse(block.body) as {
          jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
        };
        for (const job of Object.values(workflow.jobs)) {
          for (const step of job.steps) {
            if (step.uses?.includes('packages/action@')) used.push(...Object.keys(step.with ?? {}));
          }
        }
      }
    }
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((input) => !(input in action.inputs))).toEqual([]);
  });

  it('shows only valid suppression comments', () => {
    const comments: string[] = [];
    for (const page of pages) {
      for (const block of blocksOf(readFileSync(page, 'utf8'))) {
        if (block.lang !== 'ts') continue;
        for (const suppression of parseSuppressions('example.ts', block.body)) {
          comments.push(
            suppression.malformed ??
              (listRules().some((rule) => rule.id === suppression.ruleId) &&
              suppression.reason !== ''
                ? 'valid'
                : `unknown rule ${suppression.ruleId}`),
          );
        }
      }
    }
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((comment) => comment === 'valid')).toBe(true);
  });
});
