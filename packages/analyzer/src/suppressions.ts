import type { Finding, RuleMeta } from './findings.js';

/** A `consentry-ignore` comment found in a source or policy file. */
export interface Suppression {
  /** Path relative to the analysed directory, with forward slashes. */
  readonly file: string;
  /** Where the comment is; 1-based. */
  readonly line: number;
  readonly column: number;
  /** The line whose findings the comment silences. */
  readonly targetLine: number;
  /** The rule id the comment names, when it names exactly one. */
  readonly ruleId: string | undefined;
  /** The text after `--`, trimmed; empty when missing. */
  readonly reason: string;
  /** What is wrong with the comment's syntax, when something is. */
  readonly malformed?: string;
}

/** The rule that reports a malformed suppression or one that names an unknown rule. */
export const INVALID_SUPPRESSION = 'invalid-suppression';

/** The rule that reports a suppression that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

/** Documentation of the two rules the suppression layer reports under. */
export const SUPPRESSION_RULES: Readonly<Record<string, RuleMeta>> = {
  [INVALID_SUPPRESSION]: {
    description:
      'A consentry-ignore comment without a reason, or naming a rule that does not exist; it silences nothing.',
    severity: 'error',
    securitySeverity: 5.0,
    citations: ['GDPR Art. 5(2) (accountability: a documented reason for each exception)'],
  },
  [UNUSED_SUPPRESSION]: {
    description: 'A consentry-ignore comment that matches no finding and can be removed.',
    severity: 'note',
    securitySeverity: 0.1,
    citations: ['GDPR Art. 5(2) (accountability: exceptions on record stay accurate)'],
  },
};

const MARKER = 'consentry-ignore';
// A line comment (`//` in code, `#` in YAML) or a block comment that starts the marker.
const COMMENT = /(\/\/|\/\*|#)[ \t]*consentry-ignore(?![\w-])(.*)$/;

/**
 * Finds the suppression comments of one file; `#` comments count only in YAML files, so a `#`
 * inside code (a private field, a URL fragment) is never taken for one.
 */
export function parseSuppressions(file: string, text: string): Suppression[] {
  if (!text.includes(MARKER)) return [];
  const yaml = /\.ya?ml$/i.test(file);
  const lines = text.split(/\r?\n/);
  const parsed: Array<Omit<Suppression, 'targetLine'> & { standalone: boolean }> = [];
  lines.forEach((lineText, index) => {
    const match = COMMENT.exec(lineText);
    if (!match) return;
    const opener = match[1]!;
    if (opener === '#' ? !yaml : yaml) return;
    let body = match[2] ?? '';
    if (opener === '/*') body = body.replace(/\*\/.*$/, '');
    const before = lineText.slice(0, match.index);
    const separator = body.indexOf('--');
    const head = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const names = head.split(/[\s,]+/).filter(Boolean);
    let malformed: string | undefined;
    if (names.length === 0) malformed = 'names no rule';
    else if (names.length > 1) malformed = 'names more than one rule';
    parsed.push({
      file,
      line: index + 1,
      column: match.index + 1,
      ruleId: names.length === 1 ? names[0] : undefined,
      reason,
      standalone: before.trim() === '',
      ...(malformed === undefined ? {} : { malformed }),
    });
  });
  const standaloneLines = new Set(parsed.filter((s) => s.standalone).map((s) => s.line));
  return parsed.map(({ standalone, ...suppression }) => {
    let targetLine = suppression.line;
    if (standalone) {
      // Stacked comments above one line all apply to the first line below them.
      targetLine += 1;
      while (standaloneLines.has(targetLine)) targetLine += 1;
    }
    return { ...suppression, targetLine };
  });
}

/** What applying suppressions left: the findings still reported, and how many were silenced. */
export interface SuppressionResult {
  /** Unsuppressed findings, plus findings about invalid and unused suppressions. */
  readonly findings: Finding[];
  readonly suppressed: number;
  /** The suppressions that silenced at least one finding, in file and line order. */
  readonly applied: readonly Suppression[];
}

/**
 * Removes the findings that a valid suppression names on their line, and reports each invalid
 * suppression (no reason, unknown rule) as an error and each one that matched nothing as a note.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  knownRules: ReadonlySet<string>,
): SuppressionResult {
  const valid = new Map<string, Suppression>();
  const reported: Finding[] = [];
  for (const suppression of suppressions) {
    const problem = describeProblem(suppression, knownRules);
    if (problem !== undefined) {
      reported.push(suppressionFinding(suppression, INVALID_SUPPRESSION, 'error', problem));
      continue;
    }
    valid.set(key(suppression.file, suppression.targetLine, suppression.ruleId!), suppression);
  }
  const used = new Set<Suppression>();
  let suppressed = 0;
  for (const finding of findings) {
    const suppression = valid.get(key(finding.file, finding.line, finding.ruleId));
    if (suppression === undefined) {
      reported.push(finding);
    } else {
      used.add(suppression);
      suppressed += 1;
    }
  }
  for (const suppression of valid.values()) {
    if (used.has(suppression)) continue;
    const message =
      `This suppression silences nothing: there is no ${suppression.ruleId} finding on line ` +
      `${suppression.targetLine}. Remove the comment so the exceptions on record stay accurate.`;
    reported.push(suppressionFinding(suppression, UNUSED_SUPPRESSION, 'note', message));
  }
  const applied = [...used].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
  return { findings: reported, suppressed, applied };
}

function describeProblem(
  suppression: Suppression,
  knownRules: ReadonlySet<string>,
): string | undefined {
  const example = `consentry-ignore ${suppression.ruleId ?? '<rule-id>'} -- <why this is safe>`;
  if (suppression.malformed !== undefined) {
    return `This suppression ${suppression.malformed}; write \`${example}\`. It silences nothing.`;
  }
  if (!knownRules.has(suppression.ruleId!)) {
    return (
      `This suppression names \`${suppression.ruleId}\`, which is not a Consentry rule ` +
      '(`consentry explain <rule>` lists them); it silences nothing.'
    );
  }
  if (suppression.reason === '') {
    return (
      `This suppression gives no reason; write \`${example}\` so reviewers can audit the ` +
      'exception (GDPR Art. 5(2), accountability). It silences nothing until it has one.'
    );
  }
  return undefined;
}

function suppressionFinding(
  suppression: Suppression,
  ruleId: string,
  severity: Finding['severity'],
  message: string,
): Finding {
  return {
    ruleId,
    severity,
    message,
    file: suppression.file,
    line: suppression.line,
    column: suppression.column,
    origin: /\.ya?ml$/i.test(suppression.file) ? 'policy' : 'code',
  };
}

function key(file: string, line: number, ruleId: string): string {
  return `${file}\0${line}\0${ruleId}`;
}
