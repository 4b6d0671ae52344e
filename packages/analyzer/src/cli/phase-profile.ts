import type { CheckProgress } from '../check.js';

/** What the profile reads at each step: the clock and the process's memory. */
export interface PhaseProbe {
  /** Milliseconds. */
  readonly now: () => number;
  /** Heap in use (bytes); read at every progress step, so it must be cheap. */
  readonly heap: () => number;
  /** The peak resident memory of the process so far (bytes). */
  readonly maxRss: () => number;
}

/** One phase of a check as `--profile-phases` prints it. */
export interface PhaseRecord {
  readonly phase: string;
  readonly milliseconds: number;
  /** The heap in use when the phase ended, and the highest seen during it (bytes). */
  readonly heapAtEnd: number;
  readonly heapPeak: number;
  /** The process's peak resident memory when the phase ended (it includes every phase before). */
  readonly maxRss: number;
}

/** The phases in the order a check runs them; progress names map onto them. */
const PHASES = ['start', 'load', 'bind', 'link', 'evaluate', 'report'] as const;
type Phase = (typeof PHASES)[number];

/** The phase a progress step belongs to (`load` done is the start of binding). */
function phaseOf(progress: Pick<CheckProgress, 'phase' | 'done' | 'total'>): Phase {
  if (progress.phase === 'load') return progress.done === 0 ? 'load' : 'bind';
  if (progress.phase === 'call graph') return 'link';
  if (progress.phase.startsWith('summaries')) return 'evaluate';
  if (progress.phase === 'report') return 'report';
  return 'start';
}

/**
 * Measures time and memory per phase of a check from its progress steps: `start` (the CLI, the
 * compiler, the policy, the module graph, until the analysis starts loading), `load` (reading and
 * parsing), `bind` (binding the program and collecting its functions), `link` (the call graph),
 * `evaluate` (the summaries), `report` (entry points, the rules and the report). Memory is read
 * at every progress step, so the peak heap of a phase is the highest reading inside it; parsing
 * and binding report no steps inside, so for them the peak resident memory (which the process
 * keeps) is the measure.
 */
export function createPhaseProfile(probe: PhaseProbe) {
  const records: PhaseRecord[] = [];
  let current: Phase = 'start';
  let started = probe.now();
  let peak = probe.heap();
  const close = (next: Phase | undefined) => {
    const heap = probe.heap();
    peak = Math.max(peak, heap);
    records.push({
      phase: current,
      milliseconds: probe.now() - started,
      heapAtEnd: heap,
      heapPeak: peak,
      maxRss: probe.maxRss(),
    });
    if (next !== undefined) current = next;
    started = probe.now();
    peak = heap;
  };
  return {
    /** Takes each progress step of the check. */
    step(progress: Pick<CheckProgress, 'phase' | 'done' | 'total'>): void {
      const phase = phaseOf(progress);
      // A second analysis in one run (a pull-request scan that falls back) starts at `load` again.
      const again = phase === 'load' && current !== 'start' && current !== 'load';
      if (again || PHASES.indexOf(phase) > PHASES.indexOf(current)) {
        close(phase);
        return;
      }
      peak = Math.max(peak, probe.heap());
    },
    /** Ends the last phase (after the report is formatted) and returns every phase seen. */
    finish(): readonly PhaseRecord[] {
      close(undefined);
      return records;
    },
  };
}

const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;

/** The phases as a small table for stderr. */
export function formatPhaseProfile(records: readonly PhaseRecord[]): string {
  const header = ['phase', 'seconds', 'heap at end MB', 'heap peak MB', 'peak RSS so far MB'];
  const rows = records.map((record) => [
    record.phase,
    (record.milliseconds / 1000).toFixed(2),
    megabytes(record.heapAtEnd),
    megabytes(record.heapPeak),
    megabytes(record.maxRss),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  return `${['consentry: time and memory by phase', line(header), ...rows.map(line)].join('\n')}\n`;
}
