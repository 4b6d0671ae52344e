import {
  assertOutputWritable,
  buildProjectRecord,
  CSV_TEMPLATES,
  checkRecord,
  findPolicyFile,
  findWorkspace,
  firstSentence,
  formatJson,
  formatReport,
  hasFailures,
  isRecordFormat,
  isReportFormat,
  RECORD_FORMATS,
  REPORT_FORMATS,
  recordFormatForFile,
  renderRecord,
  reportFormatForFile,
  toSafeText,
  writeOutput,
  writeRecord,
} from './chunk-A24JKJGV.js';
import { createBaseline, getRule, listRules, readRuleDocs } from './chunk-EDGUTQBE.js';
import { describeDefaultPolicy } from './chunk-K23UVRSF.js';
import {
  CommandUsageError,
  parseCommandArgs,
  shouldColor,
  takeColorFlag,
  targetDirectory,
} from './chunk-QQ6D2AAV.js';
import './chunk-Z4AZA2Z5.js';
import { compareDiagnostics } from './chunk-A225JWGS.js';
import { parseLimitSettings } from './chunk-OKVXSYHK.js';
import { compareFindings, failsAt } from './chunk-TAJRGIDQ.js';
import { toSlashes } from './chunk-UAIMILBV.js';
import { VERSION } from './chunk-XG7IDEMH.js';
import { parseShard } from './chunk-YCGBMTLX.js';
import './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import { UsageError } from './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

// src/merge.ts
import { ConfigError, closestMatch, compareText } from '@consentry/policy';
// src/cli/run.ts
import { readFile } from 'fs/promises';
import { relative as relative2, resolve as resolve3, sep } from 'path';
import { getHeapStatistics } from 'v8';

function mergeReports(inputs) {
  if (inputs.length === 0) throw new UsageError('merge needs at least one report');
  const parsed = inputs.map((input) => {
    let value;
    try {
      value = JSON.parse(input.text);
    } catch {
      throw new UsageError(`${input.name}: not a JSON or SARIF report (invalid JSON)`);
    }
    const format2 = formatOf(value);
    if (!format2) throw new UsageError(`${input.name}: not a consentry JSON or SARIF report`);
    return { name: input.name, format: format2, value };
  });
  const format = parsed[0].format;
  const other = parsed.find((input) => input.format !== format);
  if (other) {
    throw new UsageError(`${other.name} is ${other.format} but ${parsed[0].name} is ${format}`);
  }
  return format === 'json'
    ? mergeJson(parsed.map((input) => input.value))
    : mergeSarif(parsed.map((input) => input.value));
}
function formatOf(value) {
  if (typeof value !== 'object' || value === null) return void 0;
  const record = value;
  if (record.version === '2.1.0' && Array.isArray(record.runs) && record.runs.length > 0) {
    return 'sarif';
  }
  if (typeof record.reportVersion === 'number' && Array.isArray(record.findings)) return 'json';
  return void 0;
}
function mergeJson(reports) {
  const first = reports[0];
  const findings = unique(
    settleVotes(
      reports.flatMap((report2) => report2.findings),
      (finding) =>
        `${finding.ruleId}\0${finding.fingerprint}\0${finding.file}\0${finding.line}\0${finding.column}`,
      (finding) => finding.shardVote,
      ({ shardVote: _vote, ...finding }) => finding,
    ),
    (finding) =>
      `${finding.ruleId}\0${finding.fingerprint}\0${finding.file}\0${finding.line}\0${finding.column}`,
  ).sort(compareFindings);
  const diagnostics = unique(
    reports.flatMap((report2) => report2.diagnostics),
    (diagnostic) => JSON.stringify(diagnostic),
  ).sort(compareDiagnostics);
  const suppressions = unique(
    reports.flatMap((report2) => report2.suppressions ?? []),
    (s) => `${s.ruleId}\0${s.file}\0${s.line}`,
  ).sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.ruleId, b.ruleId),
  );
  const rules = unique(
    reports.flatMap((report2) => report2.rules),
    (rule) => rule.id,
  ).sort((a, b) => compareText(a.id, b.id));
  const sum = (key) => reports.reduce((total, report2) => total + (report2.summary[key] ?? 0), 0);
  const report = {
    tool: first.tool,
    policyFile: first.policyFile,
    // A report that names no directory is read as one of the repository root.
    directory: first.directory ?? '.',
    ...(first.defaultPolicy === true ? { defaultPolicy: true } : {}),
    ...(first.changedSince === void 0 ? {} : { changedSince: first.changedSince }),
    findings,
    diagnostics,
    suppressions,
    rules,
    stats: {
      files: sum('files'),
      functions: sum('functions'),
      suppressed: sum('suppressed'),
      baselined: sum('baselined'),
      unchanged: sum('unchanged'),
    },
  };
  return { format: 'json', text: formatJson(report), severities: findings.map((f) => f.severity) };
}
function mergeSarif(logs) {
  const runs = logs.flatMap((log) => log.runs);
  const rules = unique(
    runs.flatMap((run3) => run3.tool.driver.rules ?? []),
    (rule) => rule.id,
  ).sort((a, b) => compareText(a.id, b.id));
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const where = (result) => {
    const location = result.locations?.[0]?.physicalLocation;
    return {
      uri: location?.artifactLocation?.uri ?? '',
      line: location?.region?.startLine ?? 0,
      column: location?.region?.startColumn ?? 0,
    };
  };
  const resultKey = (result) => {
    const at = where(result);
    return `${result.ruleId}\0${at.uri}\0${at.line}\0${at.column}\0${JSON.stringify(result.partialFingerprints ?? {})}`;
  };
  const results = unique(
    settleVotes(
      runs.flatMap((run3) => run3.results ?? []),
      resultKey,
      (result) => result.properties?.shardVote,
      ({ properties, ...result }) => {
        const { shardVote: _vote, ...rest } = properties ?? {};
        return { ...result, properties: rest };
      },
    ),
    resultKey,
  )
    .map((result) => ({
      ...result,
      ...(result.ruleId !== void 0 && indexOf.has(result.ruleId)
        ? { ruleIndex: indexOf.get(result.ruleId) }
        : {}),
    }))
    .sort((a, b) => {
      const [x, y] = [where(a), where(b)];
      return (
        compareText(x.uri, y.uri) ||
        x.line - y.line ||
        x.column - y.column ||
        compareText(a.ruleId ?? '', b.ruleId ?? '')
      );
    });
  const first = logs[0];
  const run2 = first.runs[0];
  const merged = {
    ...first,
    runs: [{ ...run2, tool: { ...run2.tool, driver: { ...run2.tool.driver, rules } }, results }],
  };
  const severities = results.map((result) =>
    result.level === 'error' ? 'error' : result.level === 'warning' ? 'warning' : 'note',
  );
  return {
    format: 'sarif',
    text: `${JSON.stringify(merged, null, 2)}
`,
    severities,
  };
}
function settleVotes(items, keyOf, voteOf, withoutVote) {
  const votes = /* @__PURE__ */ new Map();
  for (const item of items) {
    const vote = voteOf(item);
    if (!vote) continue;
    const key = keyOf(item);
    votes.set(key, [...(votes.get(key) ?? []), vote]);
  }
  const settled = [];
  for (const item of items) {
    const vote = voteOf(item);
    if (!vote) {
      settled.push(item);
      continue;
    }
    const all = votes.get(keyOf(item)) ?? [];
    const shards = new Set(all.filter((v) => v.count === vote.count).map((v) => v.index));
    if (shards.size === vote.count && all.some((v) => v.processing))
      settled.push(withoutVote(item));
  }
  return settled;
}
function unique(items, keyOf) {
  const seen = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}

// src/cli/cache-dir.ts
import { join, resolve } from 'path';

var DEFAULT_CACHE_DIR = 'node_modules/.cache/consentry';
function cacheDirOption(values, cwd, root) {
  if (values['no-cache']) return {};
  return { cacheDir: resolve(cwd, values['cache-dir'] ?? join(root, DEFAULT_CACHE_DIR)) };
}

// src/cli/help.ts
var EXIT_CODES = `Exit codes: 0 clean, 1 findings at or above --fail-on (or a stale record with --check),
2 usage, policy or configuration error.
`;
var MAIN_HELP = `Usage: consentry <command> [options]

Commands:
  check [dir]      Check the policy and the code in dir (default: .) against each other
  ropa [dir]       Write the GDPR Art. 30 record of processing from the policy and
                   the code in dir
  explain <rule>   Print the documentation of a rule
  init [dir]       Write a draft consentry.yaml from what the code in dir shows
  merge <reports\u2026> Merge JSON or SARIF reports (of --shard runs) into one, without duplicates

Run \`consentry <command> --help\` for the options of a command.

Options of every command:
  --color, --no-color      Colour the output, or not, whatever the terminal, FORCE_COLOR
                           and NO_COLOR say
  -h, --help               Show this help, or a command's
  -v, --version            Show the version

${EXIT_CODES}`;
var CHECK_HELP = `Usage: consentry check [dir] [options]

Checks the policy and the code in dir (default: .) against each other and reports every place
user data reaches a purpose without the check its tier was promised.

Options:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          pretty | json | sarif | markdown (default: from the
                           extension of --output, else pretty)
  --output FILE            Write the report to FILE instead of stdout; its extension
                           (.txt, .json, .sarif, .md) must agree with the format
  --sarif-category NAME    The SARIF run's category (automationDetails.id), to upload the
                           checks of several directories of one repository side by side
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
  --profile-phases         After the report, print time and memory by phase to stderr
  --limit NAME=VALUE       Raise a limit of the code analysis (file-bytes, depth, steps,
                           closure-depth, rounds); code past one is an analysis-incomplete
                           finding
  --color, --no-color      Colour the pretty format, or not
  -h, --help               Show this help

Paths in the pretty format are relative to the current directory; in SARIF, to the root of the
git repository.

${EXIT_CODES}`;
var ROPA_HELP = `Usage: consentry ropa [dir] [options]

Writes the GDPR Art. 30 record of processing from the policy and the code in dir (default: .).

Options:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          markdown | html | csv | json | jsonld (default: from the
                           extension of --output, else markdown)
  --template NAME          Columns of a CSV record: cnil | ico (default: cnil)
  --output FILE            Write the record to FILE (and nothing else) instead of stdout
  --check                  Exit 1 and print a diff when --output FILE is not up to date
                           (the evidence appendix, with line numbers, is not compared)
  --force                  Replace --output FILE even when Consentry did not write it
  --cache-dir DIR          The cache check keeps, read (never written): after a full check
                           of the same code, its analysis is reused (default:
                           node_modules/.cache/consentry in dir)
  --no-cache               Do not read the cache
  --limit NAME=VALUE       Raise a limit of the code analysis, as check takes it (the same
                           limits as the check whose cached analysis it reuses)
  -h, --help               Show this help

Exit codes: 0 written (or up to date), 1 a stale record with --check, 2 usage, policy or
configuration error.
`;
var EXPLAIN_HELP = `Usage: consentry explain <rule>

Prints the documentation of a rule: what it finds, why it matters (the GDPR article or
guidance behind it) and how to fix it. \`consentry explain --list\` lists the rules.

Options:
  --list                   List the rules with their one-line descriptions
  -h, --help               Show this help
`;
var MERGE_HELP = `Usage: consentry merge <reports\u2026> [options]

Merges JSON or SARIF reports of one project (for example of \`check --shard\` runs) into one:
findings several reports hold appear once, in a stable order; the inputs must share a format.

Options:
  --output FILE            Write the merged report to FILE instead of stdout
  --force                  Replace --output FILE even when it is not a report Consentry wrote
  --fail-on LEVEL          error | warning | note | never (default: error)
  -h, --help               Show this help

${EXIT_CODES}`;

// src/cli/limit-option.ts
function limitsOption(values) {
  if (values.limit === void 0 || values.limit.length === 0) return {};
  return { limits: parseLimitSettings(values.limit, '--limit') };
}

// src/cli/phase-profile.ts
var PHASES = ['start', 'load', 'bind', 'link', 'evaluate', 'report'];
function phaseOf(progress) {
  if (progress.phase === 'load') return progress.done === 0 ? 'load' : 'bind';
  if (progress.phase === 'call graph') return 'link';
  if (progress.phase.startsWith('summaries')) return 'evaluate';
  if (progress.phase === 'report') return 'report';
  return 'start';
}
function createPhaseProfile(probe) {
  const records = [];
  let current = 'start';
  let started = probe.now();
  let peak = probe.heap();
  const close = (next) => {
    const heap = probe.heap();
    peak = Math.max(peak, heap);
    records.push({
      phase: current,
      milliseconds: probe.now() - started,
      heapAtEnd: heap,
      heapPeak: peak,
      maxRss: probe.maxRss(),
    });
    if (next !== void 0) current = next;
    started = probe.now();
    peak = heap;
  };
  return {
    /** Takes each progress step of the check. */
    step(progress) {
      const phase = phaseOf(progress);
      const again = phase === 'load' && current !== 'start' && current !== 'load';
      if (again || PHASES.indexOf(phase) > PHASES.indexOf(current)) {
        close(phase);
        return;
      }
      peak = Math.max(peak, probe.heap());
    },
    /** Ends the last phase (after the report is formatted) and returns every phase seen. */
    finish() {
      close(void 0);
      return records;
    },
  };
}
var megabytes = (bytes) => `${Math.round(bytes / 2 ** 20)}`;
function formatPhaseProfile(records) {
  const header = ['phase', 'seconds', 'heap at end MB', 'heap peak MB', 'peak RSS so far MB'];
  const rows = records.map((record) => [
    record.phase,
    (record.milliseconds / 1e3).toFixed(2),
    megabytes(record.heapAtEnd),
    megabytes(record.heapPeak),
    megabytes(record.maxRss),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  return `${['consentry: time and memory by phase', line(header), ...rows.map(line)].join('\n')}
`;
}

// src/cli/progress.ts
var PROGRESS_LOG_INTERVAL_MS = 5e3;
function createProgress(output) {
  let shown = '';
  let last = output.now();
  return {
    update(progress) {
      if (output.isTTY) {
        if (progress.projectFiles <= 200) return;
        const line = describe(progress);
        if (line !== shown) output.stderr(`\r\x1B[K${line}`);
        shown = line;
        return;
      }
      const now = output.now();
      if (now - last < PROGRESS_LOG_INTERVAL_MS) return;
      last = now;
      output.stderr(`${describe(progress)}
`);
    },
    clear() {
      if (shown !== '') output.stderr('\r\x1B[K');
    },
  };
}
function describe(progress) {
  if (progress.analysed === void 0) return 'consentry: loading the project';
  const { files, functions } = progress.analysed;
  const share = progress.total === 0 ? 100 : Math.floor((100 * progress.done) / progress.total);
  return `consentry: ${plural(files, 'file')}, ${plural(functions, 'function')} \xB7 ${progress.phase} ${share}%`;
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// src/cli/ropa.ts
import { relative, resolve as resolve2 } from 'path';

async function runRopa(args, io, help) {
  const { values, positionals } = parseCommandArgs('ropa', {
    args: [...args],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      project: { type: 'string' },
      format: { type: 'string' },
      template: { type: 'string' },
      output: { type: 'string' },
      check: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      limit: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  if (values.format !== void 0 && !isRecordFormat(values.format)) {
    throw new UsageError(
      `--format must be one of ${RECORD_FORMATS.join(', ')}, not "${values.format}"`,
    );
  }
  const format =
    values.output === void 0
      ? (values.format ?? 'markdown')
      : recordFormatForFile(values.output, values.format);
  const template = values.template;
  if (template !== void 0) {
    if (!CSV_TEMPLATES.includes(template)) {
      throw new UsageError(
        `--template must be one of ${CSV_TEMPLATES.join(', ')}, not "${template}"`,
      );
    }
    if (format !== 'csv') {
      throw new UsageError(`--template chooses the columns of a CSV record; add --format csv`);
    }
  }
  if (values.check && values.output === void 0) {
    throw new UsageError('--check compares the record with a file: name it with --output');
  }
  if (values.check && values.force) {
    throw new UsageError('--check only reads --output; drop --force');
  }
  if (values['no-cache'] && values['cache-dir'] !== void 0) {
    throw new UsageError('--no-cache turns the cache off; drop --cache-dir');
  }
  const root = await targetDirectory(positionals, io);
  const built = await buildProjectRecord({
    root,
    // The cache `check` fills: a record built after a full check reuses its analysis.
    ...cacheDirOption(values, io.cwd, root),
    ...limitsOption(values),
    ...(values.policy === void 0 ? {} : { policyFile: resolve2(io.cwd, values.policy) }),
    ...(values.project === void 0
      ? {}
      : { tsconfig: relative(root, resolve2(io.cwd, values.project)) }),
  });
  const skipped = built.incomplete;
  if (skipped.length > 0) {
    io.stderr(
      `consentry: the code analysis could not analyse ${skipped.length} ${skipped.length === 1 ? 'part' : 'parts'} of the code; the record may miss processing there (\`consentry check\` lists them)
`,
    );
  }
  const content = renderRecord(built.record, format, {
    ...(template === void 0 ? {} : { csvTemplate: template }),
  });
  if (values.output === void 0) {
    io.stdout(content);
    return 0;
  }
  const file = resolve2(io.cwd, values.output);
  if (values.check) {
    const result = await checkRecord(file, content);
    if (result.upToDate) {
      io.stderr(`consentry: ${values.output} is up to date
`);
      return 0;
    }
    const diff = result.diff.split(file).join(values.output);
    io.stdout(
      diff.endsWith('\n')
        ? diff
        : `${diff}
`,
    );
    io.stderr(
      result.missing
        ? `consentry: ${values.output} does not exist yet; create it with \`${regenerateCommand(args)}\` and commit it
`
        : `consentry: ${values.output} is stale: the policy or the code changed since it was written; regenerate it with \`${regenerateCommand(args)}\`
`,
    );
    return 1;
  }
  const policyFile =
    values.policy === void 0 ? findPolicyFile(root) : resolve2(io.cwd, values.policy);
  await writeRecord(file, content, {
    force: values.force,
    workspace: findWorkspace(io.cwd),
    ...(policyFile === void 0 ? {} : { policyFile }),
  });
  io.stderr(`consentry: wrote the record of processing to ${values.output}
`);
  return 0;
}
function regenerateCommand(args) {
  const kept = args.filter((arg) => arg !== '--check');
  return ['consentry', 'ropa', ...kept.map(shellWord)].join(' ');
}
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// src/cli/run.ts
var FAIL_ON = ['error', 'warning', 'note', 'never'];
async function run(argv, io) {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}
var COMMANDS = ['check', 'ropa', 'init', 'explain', 'merge'];
async function dispatch(argv, io) {
  const { args, color } = takeColorFlag(argv);
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = rest[0];
    if (command === 'help' && topic !== void 0 && isCommand(topic)) {
      return dispatch([topic, '--help'], io);
    }
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  if (command === 'check') return runCheck(rest, io, color);
  if (command === 'ropa') return runRopa(rest, io, ROPA_HELP);
  if (command === 'init') {
    const { runInitCommand } = await import('./init-WOV5O44P.js');
    return runInitCommand(rest, io);
  }
  if (command === 'explain') return runExplain(rest, io);
  if (command === 'merge') return runMerge(rest, io);
  if (command === void 0) throw new UsageError('missing command');
  const meant = closestMatch(command, COMMANDS);
  throw new UsageError(
    command.startsWith('-')
      ? `${command} is not an option of consentry itself; options follow a command, as in \`consentry check ${command}\``
      : `unknown command "${command}"${meant === void 0 ? '' : `; did you mean "${meant}"?`}`,
  );
}
function isCommand(word) {
  return COMMANDS.includes(word);
}
async function runCheck(args, io, colorFlag) {
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
  if (values.format !== void 0 && !isReportFormat(values.format)) {
    throw new UsageError(
      `--format must be one of ${REPORT_FORMATS.join(', ')}, not "${values.format}"`,
    );
  }
  const format =
    values.output === void 0
      ? (values.format ?? 'pretty')
      : reportFormatForFile(values.output, values.format);
  const failOn = values['fail-on'];
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  const category = values['sarif-category'];
  if (category !== void 0 && format !== 'sarif') {
    throw new UsageError('--sarif-category names the run of a SARIF report; add --format sarif');
  }
  if (category !== void 0 && category.trim() === '') {
    throw new UsageError('--sarif-category needs a name, as in --sarif-category apps/chat');
  }
  const writeBaseline = values['write-baseline'];
  if (writeBaseline !== void 0 && values['changed-since'] !== void 0) {
    throw new UsageError('--write-baseline records every finding; drop --changed-since');
  }
  const shard = values.shard === void 0 ? void 0 : parseShard(values.shard);
  const maxMemory = values['max-memory'] === void 0 ? void 0 : parseMegabytes(values['max-memory']);
  const root = await targetDirectory(positionals, io);
  const output = values.output === void 0 ? void 0 : resolve3(io.cwd, values.output);
  const baselineOut = writeBaseline === void 0 ? void 0 : resolve3(io.cwd, writeBaseline);
  if (output !== void 0 && output === baselineOut) {
    throw new UsageError('--output and --write-baseline name the same file; choose two files');
  }
  const policyFile =
    values.policy === void 0 ? findPolicyFile(root) : resolve3(io.cwd, values.policy);
  const workspace = findWorkspace(io.cwd);
  const target = (file, kind) => ({
    file,
    workspace,
    kind,
    option: kind === 'report' ? '--output' : '--write-baseline',
    force: values.force,
    ...(policyFile === void 0 ? {} : { policyFile }),
  });
  const reportTarget = output === void 0 ? void 0 : target(output, 'report');
  const baselineTarget = baselineOut === void 0 ? void 0 : target(baselineOut, 'baseline');
  for (const file of [reportTarget, baselineTarget]) {
    if (file !== void 0) await assertOutputWritable(file);
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
    : void 0;
  const { check } = await import('./check-JBLYWTDB.js');
  const report = await check({
    root,
    ...(values.policy === void 0 ? {} : { policyFile: resolve3(io.cwd, values.policy) }),
    ...(values.project === void 0 ? {} : { tsconfig: resolve3(io.cwd, values.project) }),
    ...(values['changed-since'] === void 0 ? {} : { changedSince: values['changed-since'] }),
    // A new baseline records every current finding, so the old one must not hide any.
    ...(values.baseline === void 0 || writeBaseline !== void 0
      ? {}
      : { baseline: resolve3(io.cwd, values.baseline) }),
    onProgress:
      profile === void 0
        ? progress.update
        : (step) => {
            profile.step(step);
            progress.update(step);
          },
    ...cacheDirOption(values, io.cwd, root),
    ...limitsOption(values),
    ...(shard === void 0 ? {} : { shard }),
    ...(maxMemory === void 0
      ? {}
      : {
          memory: {
            limitBytes: maxMemory * 2 ** 20,
            usedBytes: () => getHeapStatistics().used_heap_size,
          },
        }),
  });
  progress.clear();
  if (report.defaultPolicy === true)
    io.stderr(`${describeDefaultPolicy(positionals[0] ?? '.')}
`);
  const color =
    format === 'pretty' &&
    values.output === void 0 &&
    shouldColor(colorFlag, io.env, io.stdoutIsTTY);
  const text = formatReport(report, format, {
    color,
    // Pretty paths open from where the user is, as tsc prints them.
    directory: toSlashes(relative2(io.cwd, root)) || '.',
    ...(category === void 0 ? {} : { sarifCategory: category }),
  });
  if (reportTarget === void 0) {
    io.stdout(text);
  } else {
    await writeOutput(reportTarget, text);
  }
  if (profile !== void 0) io.stderr(formatPhaseProfile(profile.finish()));
  if (writeBaseline !== void 0 && baselineTarget !== void 0) {
    await writeOutput(baselineTarget, createBaseline(report.findings));
    io.stderr(`consentry: recorded ${report.findings.length} findings in ${writeBaseline}
`);
    return 0;
  }
  return hasFailures(report, failOn) ? 1 : 0;
}
async function runMerge(args, io) {
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
  const failOn = values['fail-on'];
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  if (positionals.length === 0) {
    throw new CommandUsageError('merge', 'merge takes one or more report files');
  }
  const output =
    values.output === void 0
      ? void 0
      : {
          file: resolve3(io.cwd, values.output),
          workspace: findWorkspace(io.cwd),
          kind: 'report',
          option: '--output',
          force: values.force,
        };
  if (output !== void 0) await assertOutputWritable(output);
  const inputs = await Promise.all(
    positionals.map(async (name) => ({
      name,
      text: await readFile(resolve3(io.cwd, name), 'utf8').catch(() => {
        throw new UsageError(`${name}: report not found`);
      }),
    })),
  );
  const merged = mergeReports(inputs);
  if (output === void 0) io.stdout(merged.text);
  else await writeOutput(output, merged.text);
  return merged.severities.some((severity) => failsAt(severity, failOn)) ? 1 : 0;
}
function parseMegabytes(text) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--max-memory takes a whole number of megabytes, not "${text}"`);
  }
  return value;
}
async function runExplain(args, io) {
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
    const width = Math.max(...rules.map((rule2) => rule2.id.length));
    io.stdout(
      rules
        .map(
          (rule2) => `${rule2.id.padEnd(width)}  ${firstSentence(rule2.meta.description)}
`,
        )
        .join(''),
    );
    return 0;
  }
  const ids = rules.map((rule2) => rule2.id);
  const known = ids.join(', ');
  const [id] = positionals;
  if (id === void 0 || positionals.length > 1) {
    throw new CommandUsageError('explain', `explain takes one rule id; the rules are: ${known}`);
  }
  const rule = getRule(id);
  if (rule === void 0) {
    const meant = closestMatch(id, ids);
    throw new CommandUsageError(
      'explain',
      meant === void 0
        ? `no rule "${id}"; the rules are: ${known}`
        : `no rule "${id}"; did you mean "${meant}"?`,
    );
  }
  const docs = await readRuleDocs(id);
  io.stdout(
    docs ??
      `# ${id}

${rule.meta.description}

${rule.meta.citations.map((c) => `- ${c}`).join('\n')}
`,
  );
  return 0;
}
function reportError(error, io) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) {
      const file = relative2(io.cwd, resolve3(io.cwd, problem.file)) || problem.file;
      io.stderr(`${toSafeText(`${file}:${problem.line}:${problem.column}: ${problem.message}`)}
`);
    }
    return 2;
  }
  if (error instanceof UsageError || isParseArgsError(error)) {
    const message2 = error.message.split(`${io.cwd}${sep}`).join('');
    const help =
      error instanceof CommandUsageError ? `consentry ${error.command} --help` : 'consentry --help';
    const usage =
      error.name === 'MemoryLimitError'
        ? ''
        : `Run \`${help}\` for usage.
`;
    io.stderr(`consentry: ${toSafeText(message2)}
${usage}`);
    return 2;
  }
  const fsError = error;
  if (typeof fsError?.code === 'string' && typeof fsError.path === 'string') {
    const path = relative2(io.cwd, fsError.path) || fsError.path;
    io.stderr(`consentry: ${path}: ${FS_ERRORS[fsError.code] ?? fsError.code}
`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `consentry: internal error: ${message.split('\n')[0]}
This is a bug in consentry; please report it with the command you ran.
`,
  );
  return 2;
}
var FS_ERRORS = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};
function isParseArgsError(error) {
  const code = error?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export { run };
//# sourceMappingURL=run-V4SY3IT4.js.map
