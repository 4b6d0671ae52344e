import { afterEach, describe, expect, it } from 'vitest';
import { createPhaseProfile, formatPhaseProfile } from '../src/cli/phase-profile.js';
import { createCodeProject } from './support/code-project.js';
import { runCli } from './support/run-cli.js';
import type { TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

const MB = 2 ** 20;

/** A probe whose clock and memory the test sets before each step. */
function fakeProbe() {
  const state = { now: 0, heap: 10 * MB, maxRss: 50 * MB };
  return {
    state,
    probe: { now: () => state.now, heap: () => state.heap, maxRss: () => state.maxRss },
  };
}

describe('--profile-phases', { timeout: 120_000 }, () => {
  it('splits a run into its phases, with the time, the heap peak inside each and the resident peak', () => {
    const { state, probe } = fakeProbe();
    const profile = createPhaseProfile(probe);
    state.now = 400;
    state.heap = 40 * MB;
    profile.step({ phase: 'load', done: 0, total: 1 });
    state.now = 1400;
    state.heap = 200 * MB;
    state.maxRss = 300 * MB;
    profile.step({ phase: 'load', done: 1, total: 1 });
    state.now = 2000;
    state.heap = 320 * MB;
    state.maxRss = 420 * MB;
    profile.step({ phase: 'call graph', done: 0, total: 9 });
    state.heap = 450 * MB;
    profile.step({ phase: 'call graph', done: 5, total: 9 });
    state.heap = 400 * MB;
    state.now = 2500;
    profile.step({ phase: 'summaries (round 1)', done: 1, total: 9 });
    state.now = 2600;
    profile.step({ phase: 'summaries (round 2)', done: 9, total: 9 });
    state.now = 2700;
    profile.step({ phase: 'report', done: 1, total: 9 });
    state.now = 3000;
    state.heap = 410 * MB;
    const records = profile.finish();
    expect(records.map((record) => [record.phase, record.milliseconds])).toEqual([
      ['start', 400],
      ['load', 1000],
      ['bind', 600],
      ['link', 500],
      ['evaluate', 200],
      ['report', 300],
    ]);
    const link = records.find((record) => record.phase === 'link')!;
    // The peak inside the call graph is the highest reading, not the reading at its end.
    expect(link.heapPeak).toBe(450 * MB);
    expect(link.heapAtEnd).toBe(400 * MB);
    expect(records.find((record) => record.phase === 'bind')!.maxRss).toBe(420 * MB);
    expect(formatPhaseProfile(records).split('\n').slice(0, 4)).toEqual([
      'consentry: time and memory by phase',
      'phase     seconds  heap at end MB  heap peak MB  peak RSS so far MB',
      'start        0.40              40            40                  50',
      'load         1.00             200           200                 300',
    ]);
  });

  it('starts a second analysis of one run at load again', () => {
    const { state, probe } = fakeProbe();
    const profile = createPhaseProfile(probe);
    for (const phase of ['load', 'call graph', 'report', 'load', 'report']) {
      state.now += 100;
      profile.step({ phase, done: 0, total: 1 });
    }
    expect(profile.finish().map((record) => record.phase)).toEqual([
      'start',
      'load',
      'link',
      'report',
      'load',
      'report',
    ]);
  });

  it('prints the phases of a real check after its report, on stderr only', async () => {
    const created = createCodeProject();
    projects.push(created);
    const plain = await runCli(created.root, 'check', '.', '--no-cache', '--format', 'json');
    const result = await runCli(
      created.root,
      'check',
      '.',
      '--no-cache',
      '--format',
      'json',
      '--profile-phases',
    );
    expect(result.code).toBe(plain.code);
    expect(result.stdout).toBe(plain.stdout);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('consentry: time and memory by phase');
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual([
      'start',
      'load',
      'bind',
      'link',
      'evaluate',
      'report',
    ]);
    for (const line of lines.slice(2)) {
      const [, seconds, heapAtEnd, heapPeak, rss] = line.split(/\s+/).map(Number);
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(heapPeak).toBeGreaterThanOrEqual(heapAtEnd!);
      expect(rss).toBeGreaterThan(0);
    }
  });
});
