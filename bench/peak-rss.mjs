// Preloaded with `node --import` into each measured process: on exit, writes the process's peak
// resident set size (KiB, from getrusage) to the file named by CONSENTRY_BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.CONSENTRY_BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
