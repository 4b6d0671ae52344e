import type { CheckProgress } from '../check.js';

/** How often a progress line goes to a stderr that is not a terminal (a CI log). */
export const PROGRESS_LOG_INTERVAL_MS = 5000;

/** What the progress display writes to and reads the time from. */
export interface ProgressOutput {
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  /** Milliseconds, for the pace of log lines. */
  readonly now: () => number;
}

/** Shows a check's progress; `clear` before the report is printed. */
export interface ProgressDisplay {
  readonly update: (progress: CheckProgress) => void;
  readonly clear: () => void;
}

/**
 * On a terminal, one line rewritten in place (projects of more than 200 files: smaller ones
 * finish before it could help); elsewhere, a plain line every few seconds, so a CI log shows the
 * run is alive. Counts are those the summary ends with: files and functions analysed.
 */
export function createProgress(output: ProgressOutput): ProgressDisplay {
  let shown = '';
  let last = output.now();
  return {
    update(progress: CheckProgress): void {
      if (output.isTTY) {
        if (progress.projectFiles <= 200) return;
        const line = describe(progress);
        // Rewrite the line only when it says something new.
        if (line !== shown) output.stderr(`\r\u001b[K${line}`);
        shown = line;
        return;
      }
      const now = output.now();
      if (now - last < PROGRESS_LOG_INTERVAL_MS) return;
      last = now;
      output.stderr(`${describe(progress)}\n`);
    },
    clear(): void {
      if (shown !== '') output.stderr('\r\u001b[K');
    },
  };
}

function describe(progress: CheckProgress): string {
  if (progress.analysed === undefined) return 'consentry: loading the project';
  const { files, functions } = progress.analysed;
  const share = progress.total === 0 ? 100 : Math.floor((100 * progress.done) / progress.total);
  return `consentry: ${plural(files, 'file')}, ${plural(functions, 'function')} · ${progress.phase} ${share}%`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
