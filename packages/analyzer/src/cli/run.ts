import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, closestMatch } from '@consentry/policy';
import { createBaseline } from '../baseline.js';
import { UsageError } from '../errors.js';
import { failsAt } from '../findings.js';
import { describeDefaultPolicy } from '../init/default-notice.js';
import { mergeReports } from '../merge.js';
import { findWorkspace } from '../output/confine.js';
import { reportFormatForFile } from '../output/file-format.js';
import { findPolicyFile } from '../output/ownership.js';
import { toSafeText } from '../output/safe-text.js';
import { assertOutputWritable, type OutputTarget, writeOutput } from '../output/write-output.js';
import { toSlashes } from '../paths.js';
import { getRule, listRules } from '../registry.js';
import { formatReport, isReportFormat, REPORT_FORMATS } from '../report/format.js';
import { type FailOn, hasFailures } from '../report/report.js';
import { firstSentence } from '../report/sentence.js';
import { readRuleDocs } from '../rule-docs.js';
import { parseShard } from '../shard-spec.js';
import { VERSION } from '../version.js';
import { cacheDirOption } from './cache-dir.js';
import { CHECK_HELP, EXPLAIN_HELP, MAIN_HELP, MERGE_HELP, ROPA_HELP } from './help.js';
import type { CliIo } from './io.js';
import { limitsOption } from './limit-option.js';
import { CommandUsageError, parseCommandArgs, shouldColor, takeColorFlag } from './options.js';
import { createPhaseProfile, formatPhaseProfile } from './phase-profile.js';
import { createProgress } from './progress.js';
import { runRopa } from './ropa.js';
import { targetDirectory } from './target.js';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'never'];

/** Runs the `consentry` command line and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

const COMMANDS = ['check', 'ropa', 'init', 'explain', 'merge'] as const;

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const { args, color } = takeColorFlag(argv);
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = rest[0];
    // `consentry help check` is `consentry check --help`.
    if (command === 'help' && topic !== undefined && isCommand(topic)) {
      return dispatch([topic, '--help'], io);
    }
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'check') return runCheck(rest, io, color);
  if (command === 'ropa') return runRopa(rest, io, ROPA_HELP);
  if (command === 'init') {
    // Loaded on demand: init scans the code with the TypeScript compiler.
    const { runInitCommand } = await import('./init.js');
    return runInitCommand(rest, io);
  }
  if (command === 'explain') return runExplain(rest, io);
  if (command === 'merge') return runMerge(rest, io);
  if (command === undefined) throw new UsageError('missing command');
  const meant = closestMatch(command, COMMANDS);
  throw new UsageError(
    command.startsWith('-')
      ? `${command} is not an option of consentry itself; options follow a command, as in \`consentry check ${command}\``
      : `unknown command "${command}"${meant === undefined ? '' : `; did you mean "${meant}"?`}`,
  );
}

function isCommand(word: string): word is (typeof COMMANDS)[number] {
  return (COMMANDS as readonly string[]).includes(word);
}

async function runCheck(
  args: readonly string[],
  io: CliIo,
  colorFlag: boolean | undefined,
): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', {
    args: [...args],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      project: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      'sarif-category': { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      'changed-since': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      shard: { type: 'string' },
      'max-memory': { type: 'string' },
      'profile-phases': { type: 'boolean', default: false },
      limit: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  if (values.format !== undefined && !isReportFormat(values.format)) {
    throw new UsageError(
      `--format must be one of ${REPORT_FORMATS.join(', ')}, not "${values.format}"`,
    );
  }
  // Written to a file, the format and the file's extension agree (the format may come from it).
  const format =
    values.output === undefined
      ? (values.format ?? 'pretty')
      : reportFormatForFile(values.output, values.format);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  const category = values['sarif-category'];
  if (category !== undefined && format !== 'sarif') {
    throw new UsageError('--sarif-category names the run of a SARIF report; add --format sarif');
  }
  if (category !== undefined && category.trim() === '') {
    throw new UsageError('--sarif-category needs a name, as in --sarif-category apps/chat');
  }
  const writeBaseline = values['write-baseline'];
  if (writeBaseline !== undefined && values['changed-since'] !== undefined) {
    throw new UsageError('--write-baseline records every finding; drop --changed-since');
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const maxMemory =
    values['max-memory'] === undefined ? undefined : parseMegabytes(values['max-memory']);
  const root = await targetDirectory(positionals, io);
  const output = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  const baselineOut = writeBaseline === undefined ? undefined : resolve(io.cwd, writeBaseline);
  if (output !== undefined && output === baselineOut) {
    throw new UsageError('--output and --write-baseline name the same file; choose two files');
  }
  // Refuse before the analysis: nothing the user had is replaced, and no run is wasted.
  const policyFile =
    values.policy === undefined ? findPolicyFile(root) : resolve(io.cwd, values.policy);
  const workspace = findWorkspace(io.cwd);
  const target = (file: string, kind: 'report' | 'baseline'): OutputTarget => ({
    file,
    workspace,
    kind,
    option: kind === 'report' ? '--output' : '--write-baseline',
    force: values.force,
    ...(policyFile === undefined ? {} : { policyFile }),
  });
  const reportTarget = output === undefined ? undefined : target(output, 'report');
  const baselineTarget = baselineOut === undefined ? undefined : target(baselineOut, 'baseline');
  for (const file of [reportTarget, baselineTarget]) {
    if (file !== undefined) await assertOutputWritable(file);
  }
  const progress = createProgress({
    stderr: io.stderr,
    isTTY: io.stderrIsTTY,
    now: io.now ?? Date.now,
  });
  const profile = values['profile-phases']
    ? createPhaseProfile({
        now: () => performance.now(),
        heap: () => getHeapStatistics().used_heap_size,
        maxRss: () => process.resourceUsage().maxRSS * 1024,
      })
    : undefined;
  // The code analysis loads the TypeScript compiler: only `check` pays for it.
  const { check } = await import('../check.js');
  const report = await check({
    root,
    ...(values.policy === undefined ? {} : { policyFile: resolve(io.cwd, values.policy) }),
    ...(values.project === undefined ? {} : { tsconfig: resolve(io.cwd, values.project) }),
    ...(values['changed-since'] === undefined ? {} : { changedSince: values['changed-since'] }),
    // A new baseline records every current finding, so the old one must not hide any.
    ...(values.baseline === undefined || writeBaseline !== undefined
      ? {}
      : { baseline: resolve(io.cwd, values.baseline) }),
    onProgress:
      profile === undefined
        ? progress.update
        : (step) => {
            profile.step(step);
            progress.update(step);
          },
    ...cacheDirOption(values, io.cwd, root),
    ...limitsOption(values),
    ...(shard === undefined ? {} : { shard }),
    ...(maxMemory === undefined
      ? {}
      : {
          memory: {
            limitBytes: maxMemory * 2 ** 20,
            usedBytes: () => getHeapStatistics().used_heap_size,
          },
        }),
  });
  progress.clear();
  if (report.defaultPolicy === true) io.stderr(`${describeDefaultPolicy(positionals[0] ?? '.')}\n`);

  const color =
    format === 'pretty' &&
    values.output === undefined &&
    shouldColor(colorFlag, io.env, io.stdoutIsTTY);
  const text = formatReport(report, format, {
    color,
    // Pretty paths open from where the user is, as tsc prints them.
    directory: toSlashes(relative(io.cwd, root)) || '.',
    ...(category === undefined ? {} : { sarifCategory: category }),
  });
  if (reportTarget === undefined) {
    io.stdout(text);
  } else {
    await writeOutput(reportTarget, text);
  }
  if (profile !== undefined) io.stderr(formatPhaseProfile(profile.finish()));
  if (writeBaseline !== undefined && baselineTarget !== undefined) {
    await writeOutput(baselineTarget, createBaseline(report.findings));
    io.stderr(`consentry: recorded ${report.findings.length} findings in ${writeBaseline}\n`);
    return 0;
  }
  return hasFailures(report, failOn) ? 1 : 0;
}

async function runMerge(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('merge', {
    args: [...args],
    allowPositionals: true,
    options: {
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  if (positionals.length === 0) {
    throw new CommandUsageError('merge', 'merge takes one or more report files');
  }
  const output: OutputTarget | undefined =
    values.output === undefined
      ? undefined
      : {
          file: resolve(io.cwd, values.output),
          workspace: findWorkspace(io.cwd),
          kind: 'report',
          option: '--output',
          force: values.force,
        };
  if (output !== undefined) await assertOutputWritable(output);
  const inputs = await Promise.all(
    positionals.map(async (name) => ({
      name,
      text: await readFile(resolve(io.cwd, name), 'utf8').catch(() => {
        throw new UsageError(`${name}: report not found`);
      }),
    })),
  );
  const merged = mergeReports(inputs);
  if (output === undefined) io.stdout(merged.text);
  else await writeOutput(output, merged.text);
  return merged.severities.some((severity) => failsAt(severity, failOn)) ? 1 : 0;
}

function parseMegabytes(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--max-memory takes a whole number of megabytes, not "${text}"`);
  }
  return value;
}

async function runExplain(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', {
    args: [...args],
    allowPositionals: true,
    options: { list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const rules = listRules();
  if (values.list) {
    if (positionals.length > 0) throw new CommandUsageError('explain', '--list takes no rule id');
    const width = Math.max(...rules.map((rule) => rule.id.length));
    io.stdout(
      rules
        .map((rule) => `${rule.id.padEnd(width)}  ${firstSentence(rule.meta.description)}\n`)
        .join(''),
    );
    return 0;
  }
  const ids = rules.map((rule) => rule.id);
  const known = ids.join(', ');
  const [id] = positionals;
  if (id === undefined || positionals.length > 1) {
    throw new CommandUsageError('explain', `explain takes one rule id; the rules are: ${known}`);
  }
  const rule = getRule(id);
  if (rule === undefined) {
    const meant = closestMatch(id, ids);
    throw new CommandUsageError(
      'explain',
      meant === undefined
        ? `no rule "${id}"; the rules are: ${known}`
        : `no rule "${id}"; did you mean "${meant}"?`,
    );
  }
  const docs = await readRuleDocs(id);
  io.stdout(
    docs ??
      `# ${id}\n\n${rule.meta.description}\n\n${rule.meta.citations.map((c) => `- ${c}`).join('\n')}\n`,
  );
  return 0;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) {
      const file = relative(io.cwd, resolve(io.cwd, problem.file)) || problem.file;
      // Policy values reach these messages: shown escaped, as every output shows them.
      io.stderr(`${toSafeText(`${file}:${problem.line}:${problem.column}: ${problem.message}`)}\n`);
    }
    return 2;
  }
  if (error instanceof UsageError || isParseArgsError(error)) {
    // The core names files by the absolute paths the shell gave it; show them as typed.
    const message = (error as Error).message.split(`${io.cwd}${sep}`).join('');
    const help =
      error instanceof CommandUsageError ? `consentry ${error.command} --help` : 'consentry --help';
    const usage =
      (error as Error).name === 'MemoryLimitError' ? '' : `Run \`${help}\` for usage.\n`;
    io.stderr(`consentry: ${toSafeText(message)}\n${usage}`);
    return 2;
  }
  const fsError = error as { code?: unknown; path?: unknown } | null;
  if (typeof fsError?.code === 'string' && typeof fsError.path === 'string') {
    // A file the user named cannot be read or written: their environment, not our bug.
    const path = relative(io.cwd, fsError.path) || fsError.path;
    io.stderr(`consentry: ${path}: ${FS_ERRORS[fsError.code] ?? fsError.code}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `consentry: internal error: ${message.split('\n')[0]}\n` +
      'This is a bug in consentry; please report it with the command you ran.\n',
  );
  return 2;
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
