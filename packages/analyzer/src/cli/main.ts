#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { run } from './run.js';

// The only place that touches the process: argv in, text out, exit code set.
const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
  ...(process.stdin.isTTY === true ? { prompt: ask } : {}),
});
process.exitCode = code;

async function ask(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
