import { toSafeText } from '@consentry/analyzer';
import type { FindingView } from './analyzer-port.js';
import { compareSeverity } from './severity.js';

/** GitHub shows at most this many annotations of each level from one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** The properties `@actions/core` turns into `::error file=…,line=…::` parameters. */
export interface AnnotationProperties {
  readonly title?: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** One workflow-command annotation to print. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly properties: AnnotationProperties;
}

const levelOf = { error: 'error', warning: 'warning', note: 'notice' } as const;

/**
 * Chooses the annotations for findings (repository-relative paths): worst first, at most ten per
 * level, and, when some do not fit, one notice that points to the job summary for the rest.
 */
export function planAnnotations(findings: readonly FindingView[]): Annotation[] {
  const sorted = [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
  const byLevel = {
    error: [] as FindingView[],
    warning: [] as FindingView[],
    notice: [] as FindingView[],
  };
  for (const finding of sorted) {
    byLevel[levelOf[finding.severity]].push(finding);
  }
  const overflows =
    byLevel.error.length > ANNOTATIONS_PER_LEVEL ||
    byLevel.warning.length > ANNOTATIONS_PER_LEVEL ||
    byLevel.notice.length > ANNOTATIONS_PER_LEVEL;
  // The pointer to the summary is a notice too, so it takes one of the notice slots.
  const noticeSlots = overflows ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
  const chosen = [
    ...byLevel.error.slice(0, ANNOTATIONS_PER_LEVEL),
    ...byLevel.warning.slice(0, ANNOTATIONS_PER_LEVEL),
    ...byLevel.notice.slice(0, noticeSlots),
  ];
  const annotations = chosen.map(toAnnotation);
  const rest = findings.length - chosen.length;
  if (rest > 0) {
    annotations.push({
      level: 'notice',
      message: `${rest} more ${rest === 1 ? 'finding is' : 'findings are'} not annotated here (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level from a step); the job summary lists every finding.`,
      properties: { title: 'More Consentry findings in the job summary' },
    });
  }
  return annotations;
}

function toAnnotation(finding: FindingView): Annotation {
  const endLine = Math.max(finding.line, finding.endLine ?? finding.line);
  // GitHub reads columns only when the annotation starts and ends on the same line.
  const columns =
    endLine === finding.line
      ? {
          startColumn: finding.column,
          ...(finding.endColumn === undefined || finding.endColumn <= finding.column
            ? {}
            : { endColumn: finding.endColumn }),
        }
      : {};
  return {
    level: levelOf[finding.severity],
    // The file stays as git names it, so GitHub finds it; @actions/core escapes it as a property.
    message: toSafeText(finding.message),
    properties: {
      title: toSafeText(finding.ruleId),
      file: finding.file,
      startLine: finding.line,
      endLine,
      ...columns,
    },
  };
}
