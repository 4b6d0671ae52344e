import { relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { findWorkspace } from '../output/confine.js';
import { recordFormatForFile } from '../output/file-format.js';
import { findPolicyFile } from '../output/ownership.js';
import { checkRecord } from '../ropa/check.js';
import { buildProjectRecord } from '../ropa/from-analysis.js';
import { isRecordFormat, RECORD_FORMATS, renderRecord } from '../ropa/render.js';
import { CSV_TEMPLATES, type CsvTemplate } from '../ropa/render-csv.js';
import { writeRecord } from '../ropa/write.js';
import { cacheDirOption } from './cache-dir.js';
import type { CliIo } from './io.js';
import { limitsOption } from './limit-option.js';
import { parseCommandArgs } from './options.js';
import { targetDirectory } from './target.js';

/**
 * `consentry ropa [dir]`: builds the record of processing from the policy and the code, and
 * prints it, writes it to `--output` (and nothing else), or checks that file is current.
 */
export async function runRopa(args: readonly string[], io: CliIo, help: string): Promise<number> {
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
  if (values.format !== undefined && !isRecordFormat(values.format)) {
    throw new UsageError(
      `--format must be one of ${RECORD_FORMATS.join(', ')}, not "${values.format}"`,
    );
  }
  // Written to a file, the format and the file's extension agree (the format may come from it).
  const format =
    values.output === undefined
      ? (values.format ?? 'markdown')
      : recordFormatForFile(values.output, values.format);
  const template = values.template;
  if (template !== undefined) {
    if (!(CSV_TEMPLATES as readonly string[]).includes(template)) {
      throw new UsageError(
        `--template must be one of ${CSV_TEMPLATES.join(', ')}, not "${template}"`,
      );
    }
    if (format !== 'csv') {
      throw new UsageError(`--template chooses the columns of a CSV record; add --format csv`);
    }
  }
  if (values.check && values.output === undefined) {
    throw new UsageError('--check compares the record with a file: name it with --output');
  }
  if (values.check && values.force) {
    throw new UsageError('--check only reads --output; drop --force');
  }
  if (values['no-cache'] && values['cache-dir'] !== undefined) {
    throw new UsageError('--no-cache turns the cache off; drop --cache-dir');
  }
  const root = await targetDirectory(positionals, io);
  const built = await buildProjectRecord({
    root,
    // The cache `check` fills: a record built after a full check reuses its analysis.
    ...cacheDirOption(values, io.cwd, root),
    ...limitsOption(values),
    ...(values.policy === undefined ? {} : { policyFile: resolve(io.cwd, values.policy) }),
    ...(values.project === undefined
      ? {}
      : { tsconfig: relative(root, resolve(io.cwd, values.project)) }),
  });
  const skipped = built.incomplete;
  if (skipped.length > 0) {
    // The record may miss processing in code the analysis could not read; say so, never silently.
    io.stderr(
      `consentry: the code analysis could not analyse ${skipped.length} ${skipped.length === 1 ? 'part' : 'parts'} of the code; ` +
        'the record may miss processing there (`consentry check` lists them)\n',
    );
  }
  const content = renderRecord(built.record, format, {
    ...(template === undefined ? {} : { csvTemplate: template as CsvTemplate }),
  });
  if (values.output === undefined) {
    io.stdout(content);
    return 0;
  }
  const file = resolve(io.cwd, values.output);
  if (values.check) {
    const result = await checkRecord(file, content);
    if (result.upToDate) {
      io.stderr(`consentry: ${values.output} is up to date\n`);
      return 0;
    }
    // The diff names the file by the absolute path it was read from; show it as the user typed it.
    const diff = result.diff.split(file).join(values.output);
    io.stdout(diff.endsWith('\n') ? diff : `${diff}\n`);
    io.stderr(
      result.missing
        ? `consentry: ${values.output} does not exist yet; create it with \`${regenerateCommand(args)}\` and commit it\n`
        : `consentry: ${values.output} is stale: the policy or the code changed since it was written; ` +
            `regenerate it with \`${regenerateCommand(args)}\`\n`,
    );
    return 1;
  }
  // A record written over the policy would lose the one thing it is built from, --force or not.
  const policyFile =
    values.policy === undefined ? findPolicyFile(root) : resolve(io.cwd, values.policy);
  await writeRecord(file, content, {
    force: values.force,
    workspace: findWorkspace(io.cwd),
    ...(policyFile === undefined ? {} : { policyFile }),
  });
  io.stderr(`consentry: wrote the record of processing to ${values.output}\n`);
  return 0;
}

/** The command the user ran, without `--check`: what writes the record they checked. */
function regenerateCommand(args: readonly string[]): string {
  const kept = args.filter((arg) => arg !== '--check');
  return ['consentry', 'ropa', ...kept.map(shellWord)].join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
