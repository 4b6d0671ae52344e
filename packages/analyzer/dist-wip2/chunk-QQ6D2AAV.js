import { closestMatch } from '@consentry/policy';

// src/cli/options.ts
import { parseArgs } from 'util';
import { UsageError } from './chunk-F76QMANB.js';

var CommandUsageError = class extends UsageError {
  constructor(command, message) {
    super(message);
    this.command = command;
  }
  name = 'UsageError';
};
function parseCommandArgs(command, config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw toUsageError(command, error, Object.keys(config.options ?? {}));
  }
}
function toUsageError(command, error, known) {
  const code = error?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = error.message;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== void 0) {
    const flags = known.map((name) => `--${name}`);
    const meant = option.startsWith('--') ? closestMatch(option, flags) : void 0;
    return new CommandUsageError(
      command,
      `unknown option ${option} for \`consentry ${command}\`${meant === void 0 ? '' : `; did you mean ${meant}?`}`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== void 0) {
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
function shouldColor(flag, env, isTTY) {
  if (flag !== void 0) return flag;
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
function takeColorFlag(argv) {
  const args = [];
  let color;
  let rest = false;
  for (const arg of argv) {
    if (!rest && arg === '--color') color = true;
    else if (!rest && arg === '--no-color') color = false;
    else {
      if (arg === '--') rest = true;
      args.push(arg);
    }
  }
  return color === void 0 ? { args } : { args, color };
}

// src/cli/target.ts
import { stat } from 'fs/promises';
import { resolve } from 'path';

async function targetDirectory(positionals, io) {
  if (positionals.length > 1) {
    throw new UsageError(`expected one directory, got ${positionals.length}`);
  }
  const dir = positionals[0] ?? '.';
  const root = resolve(io.cwd, dir);
  const info = await stat(root).catch(() => void 0);
  if (!info?.isDirectory()) throw new UsageError(`${dir}: no such directory`);
  return root;
}

export { CommandUsageError, parseCommandArgs, shouldColor, takeColorFlag, targetDirectory };
//# sourceMappingURL=chunk-QQ6D2AAV.js.map
