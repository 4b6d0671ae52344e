import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One inline expectation: `// expect: <rule>`, `// ok: <rule>` or `// todo-expect: <rule>` above
 * a line. `// expect: <rule> (<text>)` also wants `<text>` in the finding's message, e.g. the
 * category of the data that moves: `// expect: training-without-consent (conversation-content)`.
 * A `todo-expect` with a text is a gap in the wording: open while the message does not say it.
 */
export interface Annotation {
  readonly kind: 'expect' | 'ok' | 'todo-expect';
  readonly ruleId: string;
  readonly file: string;
  /** The line the annotation is about: the next line that is not an annotation comment. */
  readonly line: number;
  /** Text the finding's message must contain. */
  readonly says?: string;
}

const pattern =
  /^\s*(?:\/\/|#)\s*(expect|ok|todo-expect):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?:\(([^)]+)\))?\s*$/;

/** The policy file of a fixture project: its `# expect:` lines are about findings in the policy. */
export const POLICY_FILE = 'consentry.yaml';

/**
 * Reads the annotations of every TypeScript file of the project (`// expect: …`; `src`, or each
 * workspace package's sources) and of its `consentry.yaml` (`# expect: …`), with paths relative
 * to `dir`.
 */
export function readAnnotations(dir: string): Annotation[] {
  const annotations: Annotation[] = [];
  const policy = join(dir, POLICY_FILE);
  for (const path of [...listFiles(dir), ...(existsSync(policy) ? [policy] : [])]) {
    const file = relative(dir, path).replace(/\\/g, '/');
    const lines = readFileSync(path, 'utf8').split('\n');
    let pending: { kind: Annotation['kind']; ruleIds: string[]; says?: string }[] = [];
    lines.forEach((text, index) => {
      const match = pattern.exec(text);
      if (match) {
        pending.push({
          kind: match[1] as Annotation['kind'],
          ruleIds: match[2]!.split(',').map((id) => id.trim()),
          ...(match[3] === undefined ? {} : { says: match[3].trim() }),
        });
        return;
      }
      for (const entry of pending) {
        for (const ruleId of entry.ruleIds) {
          annotations.push({
            kind: entry.kind,
            ruleId,
            file,
            line: index + 1,
            ...(entry.says === undefined ? {} : { says: entry.says }),
          });
        }
      }
      pending = [];
    });
  }
  return annotations;
}

/** Lists the TypeScript and JavaScript files of the project (not its node_modules), sorted. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Compares findings with annotations; returns one line per problem, empty when they agree. */
export function compareWithAnnotations(
  annotations: readonly Annotation[],
  findings: readonly {
    readonly ruleId: string;
    readonly file: string;
    readonly line: number;
    readonly message: string;
  }[],
): string[] {
  const key = (file: string, line: number, ruleId: string) => `${file}:${line} ${ruleId}`;
  const expected = new Map(
    annotations
      .filter((a) => a.kind === 'expect')
      .map((a) => [key(a.file, a.line, a.ruleId), a] as const),
  );
  const todo = new Map(
    annotations
      .filter((a) => a.kind === 'todo-expect')
      .map((a) => [key(a.file, a.line, a.ruleId), a] as const),
  );
  const ok = new Set(
    annotations.filter((a) => a.kind === 'ok').map((a) => key(a.file, a.line, a.ruleId)),
  );
  const actual = new Map(
    findings.map((finding) => [key(finding.file, finding.line, finding.ruleId), finding]),
  );
  const problems: string[] = [];
  for (const [found, finding] of actual) {
    const wanted = expected.get(found);
    if (wanted !== undefined) {
      if (wanted.says !== undefined && !finding.message.includes(wanted.says)) {
        problems.push(`${found}: message does not say "${wanted.says}" (${finding.message})`);
      }
      continue;
    }
    const gap = todo.get(found);
    // A known gap in what the message says: the finding is there, its wording not yet.
    if (gap?.says !== undefined && !finding.message.includes(gap.says)) continue;
    if (gap !== undefined) problems.push(`${found}: todo-expect now passes; promote it to expect`);
    else if (ok.has(found))
      problems.push(`${found}: reported on a line marked ok (${finding.message})`);
    else problems.push(`${found}: finding without an annotation (${finding.message})`);
  }
  for (const wanted of expected.keys()) {
    if (!actual.has(wanted)) problems.push(`${wanted}: expected finding is missing`);
  }
  return problems.sort();
}
