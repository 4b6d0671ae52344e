import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicy, resolvePolicyFile } from '@consentry/policy';
import { UsageError } from '../errors.js';
import { checkRecord } from '../ropa/check.js';
import { buildRecord } from '../ropa/record.js';
import {
  isRecordFormat,
  RECORD_FILE_EXTENSIONS,
  RECORD_FORMATS,
  type RecordFormat,
  renderRecord,
} from '../ropa/render.js';
import { writeRecord } from '../ropa/write.js';
import type { CliIo } from './io.js';
import { targetDirectory } from './target.js';

/** `consentry ropa [dir]`: renders the record of processing, writes it, or checks it is current. */
export async function runRopa(args: readonly string[], io: CliIo, help: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      check: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const format = values.format ?? formatOfFile(values.output) ?? 'markdown';
  if (!isRecordFormat(format)) {
    throw new UsageError(`--format must be one of ${RECORD_FORMATS.join(', ')}, not "${format}"`);
  }
  if (values.check && values.output === undefined) {
    throw new UsageError('--check compares the record with a file: name it with --output');
  }
  const root = await targetDirectory(positionals, io);
  const explicit = values.policy === undefined ? undefined : resolve(io.cwd, values.policy);
  const policy = loadPolicy(resolvePolicyFile(root, explicit));
  const content = renderRecord(buildRecord({ policy, root }), format);
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
      `consentry: ${values.output} is ${result.missing ? 'missing' : 'stale'}; ` +
        `regenerate it with \`consentry ropa --output ${values.output}\`\n`,
    );
    return 1;
  }
  await writeRecord(file, content, { force: values.force });
  io.stderr(`consentry: wrote the record of processing to ${values.output}\n`);
  return 0;
}

function formatOfFile(file: string | undefined): RecordFormat | undefined {
  if (file === undefined) return undefined;
  const extension = extname(file).slice(1).toLowerCase();
  const entry = Object.entries(RECORD_FILE_EXTENSIONS).find(([, ext]) => ext === extension);
  return entry?.[0] as RecordFormat | undefined;
}
