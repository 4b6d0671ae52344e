import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '@consentry/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { runInitCommand } from '../src/cli/init.js';
import { UsageError } from '../src/errors.js';
import { planInit, renderDraftPolicy } from '../src/init/draft.js';
import { applyAnswers, InitAnswerError, initQuestions } from '../src/init/questions.js';
import { runInit } from '../src/init/run-init.js';
import { PolicyFileExistsError, writePolicyFile } from '../src/init/write-policy.js';

const NEXT_APP = fileURLToPath(new URL('./fixtures/init-nextjs-app', import.meta.url));

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'consentry-init-run-'));
  temporary.push(root);
  cpSync(NEXT_APP, root, { recursive: true });
  return root;
}

/** A prompt that replies from a script and records what it was asked. */
function scriptedPrompt(replies: readonly string[]) {
  const asked: string[] = [];
  const queue = [...replies];
  return {
    asked,
    prompt: async (question: string) => {
      asked.push(question);
      const reply = queue.shift();
      if (reply === undefined) throw new Error(`unexpected question: ${question}`);
      return reply;
    },
  };
}

describe('runInit', () => {
  it('writes the draft with --yes, and the draft validates', async () => {
    const root = copyOfApp();
    const result = await runInit({ dir: root, yes: true });
    expect(result.file).toBe(join(root, 'consentry.yaml'));
    const text = readFileSync(result.file, 'utf8');
    expect(text).toBe(renderDraftPolicy(await planInit(root)));
    expect(parsePolicy(text, result.file).policy.controller.name).toBe('parrot-chat');
    expect(result.summary).toBe(
      'Wrote consentry.yaml: 3 tiers, 3 categories, 3 personal-data sources, 2 training calls found in the code.\n' +
        'Each guess has a comment saying what it was based on; review them, then run `consentry check`.\n',
    );
  });

  it('names what it could not read in its summary', async () => {
    const root = copyOfApp();
    writeFileSync(join(root, 'prisma', 'schema.prisma'), 'model Note {\n  text String\n');
    const result = await runInit({ dir: root, yes: true });
    expect(result.summary).toContain(
      'prisma/schema.prisma:1:1: model Note is not closed with `}`; it is skipped\n',
    );
  });

  it('does not ask when --yes is given, even with a prompt', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt([]);
    await runInit({ dir: root, yes: true, prompt: script.prompt });
    expect(script.asked).toEqual([]);
  });

  it('never writes over an existing policy without --force', async () => {
    const root = copyOfApp();
    writeFileSync(join(root, 'consentry.yaml'), 'version: 1\n');
    await expect(runInit({ dir: root, yes: true })).rejects.toThrow(
      new UsageError(
        'consentry.yaml already exists; pass --force to replace consentry.yaml with a new draft',
      ),
    );
    expect(readFileSync(join(root, 'consentry.yaml'), 'utf8')).toBe('version: 1\n');
  });

  it('refuses when the policy is written in TypeScript, and says the YAML would shadow it when forced', async () => {
    const root = copyOfApp();
    writeFileSync(join(root, 'consentry.policy.ts'), 'export default {};\n');
    await expect(runInit({ dir: root, yes: true })).rejects.toThrow(
      'consentry.policy.ts already exists; pass --force',
    );
    const forced = await runInit({ dir: root, yes: true, force: true });
    expect(forced.summary).toContain(
      'consentry.yaml is read before consentry.policy.ts; remove the old file.',
    );
  });

  it('replaces an existing policy with --force', async () => {
    const root = copyOfApp();
    writeFileSync(join(root, 'consentry.yaml'), 'version: 1\n');
    const result = await runInit({ dir: root, yes: true, force: true });
    expect(readFileSync(join(root, 'consentry.yaml'), 'utf8')).toBe(result.text);
  });

  it('writes through the injected writer, asking it to replace only when forced', async () => {
    const root = copyOfApp();
    const writes: [string, boolean][] = [];
    await runInit({
      dir: root,
      yes: true,
      write: async (file, _text, options) => {
        writes.push([file, options.replace]);
      },
    });
    expect(writes).toEqual([[join(root, 'consentry.yaml'), false]]);
    expect(existsSync(join(root, 'consentry.yaml'))).toBe(false);
  });

  it('asks the questions on a terminal and writes the answers', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['Parrot Labs GmbH', 'privacy@parrot.example', '', 'pro, team']);
    const result = await runInit({ dir: root, prompt: script.prompt });
    expect(script.asked).toEqual([
      'Legal name of the controller (the company responsible for the data) [parrot-chat]: ',
      'Privacy contact email (empty to fill in later) []: ',
      'Legal basis for training on user data: legitimate-interests (users can opt out) or consent (users opt in) [legitimate-interests]: ',
      'Tiers whose users may opt out of training, free of charge (comma-separated ids, all or none) [all]: ',
    ]);
    const policy = parsePolicy(result.text, result.file).policy;
    expect(policy.controller).toEqual({
      name: 'Parrot Labs GmbH',
      email: 'privacy@parrot.example',
    });
    const training = policy.purposes['model-training']!;
    expect(training.legalBasis).toBe('legitimate-interests');
    expect(training.tiers?.free).toEqual({
      control: 'none',
      mechanism: 'none',
      default: 'included',
    });
    expect(training.tiers?.pro?.control).toBe('opt-out');
    expect(result.text).toContain(
      '# No opt-out for this tier: `consentry check` reports it (training-opt-out-missing).',
    );
    expect(result.text).not.toContain('Guessed from package.json');
  });

  it('skips the opt-out question under consent and makes every tier opt in', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['', '', 'consent']);
    const result = await runInit({ dir: root, prompt: script.prompt });
    expect(script.asked).toHaveLength(3);
    const training = parsePolicy(result.text, result.file).policy.purposes['model-training']!;
    expect(training.legalBasis).toBe('consent');
    expect(training.tiers?.free).toEqual({
      control: 'opt-in',
      mechanism: 'settings-page',
      default: 'opted-out',
      freeOfCharge: true,
    });
    expect(result.text).toContain('# Guessed from package.json:1');
  });

  it('asks again after an invalid answer, saying why', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['', 'not an email', 'dpo@parrot.example', '', 'all']);
    const result = await runInit({ dir: root, prompt: script.prompt });
    expect(script.asked[2]).toBe(
      '  expected an email address such as privacy@example.com\nPrivacy contact email (empty to fill in later) []: ',
    );
    expect(parsePolicy(result.text, result.file).policy.controller.email).toBe(
      'dpo@parrot.example',
    );
  });

  it('gives up after three invalid answers and writes nothing', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['', '', 'maybe', 'perhaps', 'contract']);
    await expect(runInit({ dir: root, prompt: script.prompt })).rejects.toThrow(
      new InitAnswerError('training-legal-basis', 'expected one of legitimate-interests, consent'),
    );
    expect(existsSync(join(root, 'consentry.yaml'))).toBe(false);
  });

  it('rejects tiers the code does not name', async () => {
    const draft = await planInit(NEXT_APP);
    const question = initQuestions.find((entry) => entry.id === 'opt-out-tiers')!;
    expect(question.check('free, gold', draft)).toBe(
      'unknown tier gold; the tiers are free, pro, team',
    );
    expect(question.check('none', draft)).toBeUndefined();
    expect(
      applyAnswers(draft, { 'opt-out-tiers': 'none' }).tiers.every((tier) => !tier.optOut),
    ).toBe(true);
  });

  it('fails on a directory that does not exist', async () => {
    await expect(
      runInit({ dir: join(tmpdir(), 'consentry-no-such-dir'), yes: true }),
    ).rejects.toThrow(UsageError);
  });
});

describe('writePolicyFile', () => {
  it('never replaces an existing file unless asked, and leaves no temporary file behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'consentry-write-'));
    temporary.push(root);
    const file = join(root, 'consentry.yaml');
    writeFileSync(file, 'old\n');
    await expect(writePolicyFile(file, 'new\n', { replace: false })).rejects.toThrow(
      PolicyFileExistsError,
    );
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    await writePolicyFile(file, 'new\n', { replace: true });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(root)).toEqual(['consentry.yaml']);
  });
});

describe('runInitCommand', () => {
  function io(cwd: string, prompt?: (question: string) => Promise<string>) {
    const out: string[] = [];
    return {
      out,
      io: {
        cwd,
        stdout: (text: string) => out.push(text),
        stderr: (text: string) => out.push(text),
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env: {},
        ...(prompt === undefined ? {} : { prompt }),
      },
    };
  }

  it('writes the draft in the directory given and prints where', async () => {
    const root = copyOfApp();
    const shell = io(join(root, '..'));
    const code = await runInitCommand([root.split('/').pop()!, '--yes'], shell.io);
    expect(code).toBe(0);
    expect(shell.out.join('')).toMatch(/^Wrote consentry-init-run-\w+\/consentry\.yaml: 3 tiers/);
    expect(existsSync(join(root, 'consentry.yaml'))).toBe(true);
  });

  it('asks through the prompt when not given --yes', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['Parrot Labs GmbH', '', '', '']);
    const shell = io(root, script.prompt);
    expect(await runInitCommand([], shell.io)).toBe(0);
    expect(script.asked).toHaveLength(4);
  });

  it('turns three invalid answers into a usage error', async () => {
    const root = copyOfApp();
    const script = scriptedPrompt(['', '', 'x', 'y', 'z']);
    await expect(runInitCommand([], io(root, script.prompt).io)).rejects.toThrow(UsageError);
  });

  it('prints its help', async () => {
    const shell = io(tmpdir());
    expect(await runInitCommand(['--help'], shell.io)).toBe(0);
    expect(shell.out.join('')).toContain('Usage: consentry init [dir] [--yes] [--force]');
  });
});
