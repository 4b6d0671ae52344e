import type { CodeAnalysis } from '../analyze-code.js';
import type { Diagnostic } from '../code/diagnostics.js';
import type { AnalysisEvidence } from '../code-evidence.js';
import { type Finding, SEVERITIES } from '../findings.js';
import type { ModuleFacts } from './module-facts.js';

// Cache entries are read back from disk: each is checked field by field before it is used, so a
// corrupt, truncated or hand-edited entry is a miss, never a crash or a trusted result.

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isCount: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const isPosition: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 1;
const arrayOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);
const isStrings = arrayOf(isString);

/** An object with these required and optional fields, each of the given kind, and no others. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [key, check] of Object.entries(required)) if (!check(record[key])) return false;
    for (const [key, field] of Object.entries(record)) {
      const check = required[key] ?? optional[key];
      if (check === undefined || (!(key in required) && field !== undefined && !check(field))) {
        return false;
      }
    }
    return true;
  };
}

const location = { file: isString, line: isPosition, column: isPosition };
const isFlowStep = shape(
  { ...location, note: isString },
  { endLine: isPosition, endColumn: isPosition },
);
const isFinding = shape(
  {
    ...location,
    ruleId: isString,
    severity: (value) => SEVERITIES.includes(value as Finding['severity']),
    message: isString,
    origin: (value) => value === 'code' || value === 'policy' || value === 'record',
  },
  {
    endLine: isPosition,
    endColumn: isPosition,
    detail: isString,
    purpose: isString,
    tiers: isStrings,
    flow: arrayOf(isFlowStep),
    shardVote: shape({ index: isPosition, count: isPosition, processing: isBoolean }),
  },
);
const isDiagnostic = shape(
  { code: isString, message: isString },
  { file: isString, line: isPosition, column: isPosition },
);
const isEvidence = shape({
  sinks: arrayOf(
    shape({
      ...location,
      symbol: isString,
      sink: isString,
      purposes: isStrings,
      categories: isStrings,
      unguardedTiers: isStrings,
    }),
  ),
  guards: arrayOf(
    shape({
      ...location,
      symbol: isString,
      guard: isString,
      purposes: isStrings,
      tiers: isStrings,
    }),
  ),
});
const isAnalysis = shape(
  {
    findings: arrayOf(isFinding),
    diagnostics: arrayOf(isDiagnostic),
    stats: shape({ files: isCount, functions: isCount }),
  },
  { evidence: isEvidence, externalFiles: isStrings },
);
const isInput = shape({ file: isString, size: isCount, mtimeMs: isNumber, hash: isString });

/** Whether `value` is a stored analysis result with the outside files it read. */
export function isStoredResult(value: unknown): value is {
  analysis: CodeAnalysis & { diagnostics: Diagnostic[]; evidence?: AnalysisEvidence };
  inputs: { file: string; size: number; mtimeMs: number; hash: string }[];
} {
  return shape({ analysis: isAnalysis, inputs: arrayOf(isInput) })(value);
}

const isImport = shape({
  specifier: isString,
  names: (value) => value === null || isStrings(value),
});

/** Whether `value` is the module facts of one file. */
export function isModuleFacts(value: unknown): value is ModuleFacts {
  return shape({
    imports: arrayOf(isImport),
    exports: isStrings,
    stars: isStrings,
    reexports: arrayOf(shape({ specifier: isString, name: isString, as: isString })),
    heritage: arrayOf(isImport),
    localHeritage: isStrings,
    loads: isStrings,
    module: isBoolean,
    syntaxError: isBoolean,
    functions: isCount,
    collection: isBoolean,
    eventCall: isBoolean,
  })(value);
}
