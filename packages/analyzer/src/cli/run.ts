import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { ConfigError } from '@consentry/policy';
import { createBaseline } from '../baseline.js';
import type { CheckProgress } from '../check.js';
import { UsageError } from '../errors.js';
import { failsAt } from '../findings.js';
import { describeDefaultPolicy } from '../init/default-notice.js';
import { mergeReports } from '../merge.js';
import { findWorkspace } from '../output/confine.js';
import { reportFormatForFile } from '../output/file-format.js';
import { findPolicyFile } from '../output/ownership.js';
import { toSafeText } from '../output/safe-text.js';
import { assertOutputWritable, type OutputTarget, writeOutput } from '../output/write-output.js';
import { getRule, listRules } from '../registry.js';
import { formatReport, isReportFormat, REPORT_FORMATS } from '../report/format.js';
import { type FailOn, hasFailures } from '../report/report.js';
import { readRuleDocs } from '../rule-docs.js';
import { parseShard } from '../shard-spec.js';
import { VERSION } from '../version.js';
import { cacheDirOption } from './cache-dir.js';
import type { CliIo } from './io.js';
import { runRopa } from './ropa.js';
import { targetDirectory } from './target.js';

const HELP = `Usage: consentry <command> [options]

Commands:
  check [dir]      Check the policy and the code in dir (default: .) against each other
  ropa [dir]       Write the GDPR Art. 30 record of processing from the policy and
                   the code in dir
  explain <rule>   Print the documentation of a rule
  init [dir]       Write a draft consentry.yaml from what the code in dir shows
                   (consentry init --help for its options)
  merge <reports…> Merge JSON or SARIF reports (of --shard runs) into one, without duplicates

Options of check:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          pretty | json | sarif | markdown (default: from the
                           extension of --output, else pretty)
  --output FILE            Write the report to FILE instead of stdout; its extension
                           (.txt, .json, .sarif, .md) must agree with the format
  --fail-on LEVEL          error | warning | note | never (default: error)
  --changed-since REF      Report only findings in (or flowing through) files changed
                           since git REF
  --baseline FILE          Do not report findings recorded in FILE
  --write-baseline FILE    Record every current finding in FILE and exit 0
  --force                  Replace --output or --write-baseline FILE even when it is not
                           a report or baseline Consentry wrote (never the policy file)
  --cache-dir DIR          Cache of module facts and results (default:
                           node_modules/.cache/consentry in dir)
  --no-cache               Neither read nor write the cache
  --shard I/N              Analyse shard I of N (by workspace package, tsconfig project
                           or directory) and report the findings in its files
  --max-memory MB          Heap limit; near it, say which part was too large and exit 2

Options of merge:
  --output FILE            Write the merged report to FILE instead of stdout
  --force                  Replace --output FILE even when it is not a report Consentry wrote
  --fail-on LEVEL          error | warning | note | never (default: error)

Options of ropa:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          markdown | html | csv | json | jsonld (default: from the
                           extension of --output, else markdown)
  --template NAME          Columns of a CSV record: cnil | ico (default: cnil)
  --output FILE            Write the record to FILE (and nothing else) instead of stdout
  --check                  Exit 1 and print a diff when --output FILE is not up to date
  --force                  Replace --output FILE even when Consentry did not write it
  --cache-dir DIR          The cache check keeps, read (never written): after a full check
                           of the same code, its analysis is reused (default:
                           node_modules/.cache/consentry in dir)
  --no-cache               Do not read the cache

  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 clean, 1 findings at or above --fail-on (or a stale record with --check),
2 usage, policy or configuration error.
`;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'never'];

/** Runs the `consentry` command line and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'check') return runCheck(rest, io);
  if (command === 'ropa') return runRopa(rest, io, HELP);
  if (command === 'init') {
    // Loaded on demand: init scans the code with the TypeScript compiler.
    const { runInitCommand } = await import('../init/command.js');
    return runInitCommand(rest, io);
  }
  if (command === 'explain') return runExplain(rest, io);
  if (command === 'merge') return runMerge(rest, io);
  throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`);
}

async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      project: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      'changed-since': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      shard: { type: 'string' },
      'max-memory': { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
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
  const progress = createProgress(io);
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
    ...(progress === undefined ? {} : { onProgress: progress.update }),
    ...cacheDirOption(values, io.cwd, root),
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
  progress?.clear();
  if (report.defaultPolicy === true) io.stderr(`${describeDefaultPolicy(positionals[0] ?? '.')}\n`);

  const color = format === 'pretty' && values.output === undefined && io.stdoutIsTTY && !io.noColor;
  const text = formatReport(report, format, { color });
  if (reportTarget === undefined) {
    io.stdout(text);
  } else {
    await writeOutput(reportTarget, text);
  }
  if (writeBaseline !== undefined && baselineTarget !== undefined) {
    await writeOutput(baselineTarget, createBaseline(report.findings));
    io.stderr(`consentry: recorded ${report.findings.length} findings in ${writeBaseline}\n`);
    return 0;
  }
  return hasFailures(report, failOn) ? 1 : 0;
}

async function runMerge(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      force: { type: 'boolean', default: false },
    },
  });
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  if (positionals.length === 0) throw new UsageError('merge takes one or more report files');
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
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
  const known = listRules()
    .map((rule) => rule.id)
    .join(', ');
  const [id] = positionals;
  if (id === undefined || positionals.length > 1) {
    throw new UsageError(`explain takes one rule id; the rules are: ${known}`);
  }
  const rule = getRule(id);
  if (rule === undefined) throw new UsageError(`no rule "${id}"; the rules are: ${known}`);
  const docs = await readRuleDocs(id);
  io.stdout(
    docs ??
      `# ${id}\n\n${rule.meta.description}\n\n${rule.meta.citations.map((c) => `- ${c}`).join('\n')}\n`,
  );
  return 0;
}

function createProgress(io: CliIo) {
  if (!io.stderrIsTTY) return undefined;
  let shown = false;
  return {
    update(progress: CheckProgress): void {
      // Small projects finish before a progress line could help.
      if (progress.files <= 200) return;
      shown = true;
      const step =
        progress.phase === 'load'
          ? 'parsing'
          : `${progress.phase}: ${progress.done}/${progress.total} functions`;
      io.stderr(`\r\u001b[Kconsentry: ${progress.files} files · ${step}`);
    },
    clear(): void {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
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
    const usage =
      (error as Error).name === 'MemoryLimitError' ? '' : 'Run `consentry --help` for usage.\n';
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
