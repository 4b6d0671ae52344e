#!/usr/bin/env node
import { run } from './run.js';

// The only place that touches the process: argv in, text out, exit code set.
const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
});
process.exitCode = code;
