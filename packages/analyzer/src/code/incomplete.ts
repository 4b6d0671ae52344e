import { ts } from 'ts-morph';
import type { AnalysisIncompleteEvent } from './events.js';
import { AnalysisLimitError, type CutRange } from './limits.js';
import type { Unit } from './units.js';

/** A whole file that was not analysed, reported at its first line. */
export function incompleteFile(
  file: string,
  reason: string,
  limit?: AnalysisIncompleteEvent['limit'],
): AnalysisIncompleteEvent {
  return {
    location: { file, line: 1, column: 1 },
    part: 'This file',
    reason,
    ...(limit === undefined ? {} : { limit }),
  };
}

/** A part of a file left out because it nests past the depth limit. */
export function incompleteCut(
  file: ts.SourceFile,
  relativeName: string,
  cut: CutRange,
): AnalysisIncompleteEvent {
  const position = file.getLineAndCharacterOfPosition(Math.min(cut.start, file.text.length));
  return {
    location: { file: relativeName, line: position.line + 1, column: position.character + 1 },
    part:
      cut.parts === 1
        ? 'The code from here to the end of its expression'
        : `The code from here to the end of its expression, and ${cut.parts - 1} more part${cut.parts === 2 ? '' : 's'} of the same function,`,
    reason: cut.reason,
    limit: { name: cut.limit, value: cut.value },
  };
}

/** A function whose evaluation stopped: at a limit (where it stopped, when known) or on an error. */
export function incompleteUnit(
  unit: Unit,
  error: unknown,
  relative: (fileName: string) => string,
): AnalysisIncompleteEvent {
  const stoppedAt = error instanceof AnalysisLimitError ? error.node : undefined;
  const { location, part } = unitPlace(unit, stoppedAt, relative);
  if (error instanceof AnalysisLimitError) {
    return {
      location,
      part,
      reason: error.reason,
      limit: { name: error.limit, value: error.value },
    };
  }
  if (error instanceof RangeError) {
    return {
      location,
      part,
      reason:
        "the analysis ran out of Node's stack (the code nests too deeply; lower --limit depth)",
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    location,
    part,
    reason: `the analysis failed (${message.split('\n')[0]}); this is a bug in Consentry, please report it`,
  };
}

/** A function whose summary was still changing when the evaluation rounds ran out. */
export function unsettledUnit(
  unit: Unit,
  rounds: number,
  relative: (fileName: string) => string,
): AnalysisIncompleteEvent {
  return {
    ...unitPlace(unit, undefined, relative),
    reason: `its summary was still changing when the analysis stopped after ${rounds} rounds of evaluation (a chain of functions that feed each other through files, fields or events, longer than the rounds allow)`,
    limit: { name: 'rounds', value: rounds },
  };
}

/** Where a unit's problem is reported (at `stoppedAt` when known, else at the unit) and how it is named. */
function unitPlace(
  unit: Unit,
  stoppedAt: ts.Node | undefined,
  relative: (fileName: string) => string,
): Pick<AnalysisIncompleteEvent, 'location' | 'part'> {
  const file = stoppedAt?.getSourceFile() ?? unit.file;
  const at =
    stoppedAt !== undefined
      ? stoppedAt.getStart(file)
      : ts.isSourceFile(unit.node)
        ? 0
        : unit.node.getStart(file);
  const position = file.getLineAndCharacterOfPosition(at);
  return {
    location: {
      file: relative(file.fileName),
      line: position.line + 1,
      column: position.character + 1,
    },
    part: ts.isSourceFile(unit.node) ? 'The top level of this module' : `\`${unit.name}\``,
  };
}
