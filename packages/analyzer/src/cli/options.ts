import { type ParseArgsConfig, parseArgs } from 'node:util';
import { closestMatch } from '@consentry/policy';
import { UsageError } from '../errors.js';

/** A usage error of one command: the CLI points at that command's `--help`. */
export class CommandUsageError extends UsageError {
  override readonly name: string = 'UsageError';
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `parseArgs` for one command, strict: an unknown option, a missing value or a value given to a
 * flag is a usage error that names the command and, for a likely typo, the option meant.
 */
export function parseCommandArgs<const T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw toUsageError(command, error, Object.keys(config.options ?? {}));
  }
}

function toUsageError(command: string, error: unknown, known: readonly string[]): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = (error as Error).message;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const flags = known.map((name) => `--${name}`);
    const meant = option.startsWith('--') ? closestMatch(option, flags) : undefined;
    return new CommandUsageError(
      command,
      `unknown option ${option} for \`consentry ${command}\`${meant === undefined ? '' : `; did you mean ${meant}?`}`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return new CommandUsageError(
      command,
      /does not take an argument/.test(message)
        ? `${option} takes no value`
        : `${option} needs a value, as in ${option} VALUE`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
    return new CommandUsageError(
      command,
      `\`consentry ${command}\` takes no argument "${argument}"`,
    );
  }
  return new CommandUsageError(command, message.split('. ')[0] ?? message);
}

/** The colour settings a shell reads from the environment. */
export interface ColorEnvironment {
  readonly FORCE_COLOR?: string | undefined;
  readonly NO_COLOR?: string | undefined;
  readonly TERM?: string | undefined;
}

/**
 * Whether to colour a stream: `--color`/`--no-color` first, then `FORCE_COLOR` (as Node reads
 * it: `0` or `false` turns colour off, any other value on), then a non-empty `NO_COLOR` turns it
 * off; otherwise colour only a terminal that is not `TERM=dumb`.
 */
export function shouldColor(
  flag: boolean | undefined,
  env: ColorEnvironment,
  isTTY: boolean,
): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * Takes the global `--color`/`--no-color` flags out of the arguments (the last one wins); they
 * may appear anywhere, before or after the command. Arguments after `--` are left alone.
 */
export function takeColorFlag(argv: readonly string[]): {
  readonly args: string[];
  readonly color?: boolean;
} {
  const args: string[] = [];
  let color: boolean | undefined;
  let rest = false;
  for (const arg of argv) {
    if (!rest && arg === '--color') color = true;
    else if (!rest && arg === '--no-color') color = false;
    else {
      if (arg === '--') rest = true;
      args.push(arg);
    }
  }
  return color === undefined ? { args } : { args, color };
}
