// Preloaded with `node --import` into each measured process (and, through NODE_OPTIONS-free
// inheritance of the environment, into any node process it re-executes): on exit, appends one
// line `<pid> <peak RSS KiB> <user µs> <system µs>` from getrusage to the file named by
// CONSENTRY_BENCH_PEAK_RSS_FILE, so the bench can add up a process tree.
import { appendFileSync } from 'node:fs';

const file = process.env.CONSENTRY_BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(
      file,
      `${process.pid} ${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}\n`,
    );
  });
}
