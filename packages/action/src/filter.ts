import type { FindingView } from './analyzer-port.js';
import { type DiffChanges, overlaps } from './diff.js';
import type { FilterMode } from './inputs.js';

/**
 * Keeps the findings a pull request is answerable for: a finding stays when its own lines, or any
 * step of its flow, fall on lines the mode counts as changed. Paths are repository-relative.
 */
export function filterFindings<F extends FindingView>(
  findings: readonly F[],
  changes: DiffChanges,
  mode: FilterMode,
): F[] {
  if (mode === 'nofilter') {
    return [...findings];
  }
  const touches = (file: string, start: number, end: number): boolean => {
    const changed = changes.get(file);
    if (changed === undefined) {
      return false;
    }
    if (mode === 'file') {
      return true;
    }
    return overlaps(mode === 'added' ? changed.added : changed.hunks, start, end);
  };
  return findings.filter(
    (finding) =>
      touches(
        finding.file,
        finding.line,
        Math.max(finding.line, finding.endLine ?? finding.line),
      ) || (finding.flow ?? []).some((step) => touches(step.file, step.line, step.line)),
  );
}
