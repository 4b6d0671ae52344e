export type {
  Analyzer,
  DiagnosticView,
  FindingView,
  FlowStepView,
  RecordStatus,
  ReportView,
} from './analyzer-port.js';
export {
  ANNOTATIONS_PER_LEVEL,
  type Annotation,
  type AnnotationProperties,
  planAnnotations,
} from './annotations.js';
export {
  type CommentClient,
  type CommentOutcome,
  commentMarker,
  type IssueComment,
  upsertComment,
} from './comment.js';
export {
  type ChangedFile,
  type DiffChanges,
  type FileChanges,
  type LineRange,
  MalformedDiffError,
  parseNameStatus,
  parseZeroContextHunks,
} from './diff.js';
export {
  type EventContext,
  EventPayloadError,
  type OtherEvent,
  type PullRequestEvent,
  type PushEvent,
  toEventContext,
} from './event.js';
export { filterFindings } from './filter.js';
export {
  type ChangeList,
  createGitRunner,
  GitError,
  type GitRunner,
  listChanges,
  readChangedLines,
  readChanges,
} from './git.js';
export {
  type ActionInputs,
  FAIL_ON_LEVELS,
  type FailOn,
  FILTER_MODES,
  type FilterMode,
  type GetInput,
  InputError,
  readInputs,
} from './inputs.js';
export { type ActionCore, type ActionDependencies, type RunResult, run } from './main.js';
export type { Severity } from './severity.js';
export { hasNews, renderComment, renderSummary, type SummaryInput } from './summary.js';
