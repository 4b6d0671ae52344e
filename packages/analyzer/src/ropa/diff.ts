/** Options of `diffLines`. */
export interface DiffOptions {
  /** Label of the old text in the `---` header. */
  readonly fromLabel?: string;
  /** Label of the new text in the `+++` header. */
  readonly toLabel?: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

type Edit = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/**
 * A unified diff (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks) from `before` to `after`, line by
 * line; the empty string when they are equal.
 */
export function diffLines(before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const edits = shortestEdit(splitLines(before), splitLines(after));
  const context = options.context ?? 3;
  const out = [`--- ${options.fromLabel ?? 'before'}`, `+++ ${options.toLabel ?? 'after'}`];
  for (const hunk of hunks(edits, context)) out.push(...hunk);
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

// Myers' O(ND) algorithm with the trace kept for backtracking; records are small, so the
// quadratic memory in D is fine.
function shortestEdit(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v.slice());
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const previous = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1]! < previous[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (down) edits.push({ kind: '+', line: b[--y]! });
    else edits.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    edits.push({ kind: ' ', line: a[--x]! });
    y--;
  }
  while (y > 0) edits.push({ kind: '+', line: b[--y]! });
  while (x > 0) edits.push({ kind: '-', line: a[--x]! });
  return edits.reverse();
}

function* hunks(edits: readonly Edit[], context: number): Generator<string[]> {
  const changes = edits.flatMap((edit, index) => (edit.kind === ' ' ? [] : [index]));
  let i = 0;
  while (i < changes.length) {
    const start = Math.max(0, changes[i]! - context);
    let end = Math.min(edits.length, changes[i]! + context + 1);
    while (i + 1 < changes.length && changes[i + 1]! - context <= end) {
      i++;
      end = Math.min(edits.length, changes[i]! + context + 1);
    }
    i++;
    let oldLine = 1;
    let newLine = 1;
    for (const edit of edits.slice(0, start)) {
      if (edit.kind !== '+') oldLine++;
      if (edit.kind !== '-') newLine++;
    }
    const body = edits.slice(start, end);
    const oldCount = body.filter((edit) => edit.kind !== '+').length;
    const newCount = body.filter((edit) => edit.kind !== '-').length;
    yield [
      `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`,
      ...body.map((edit) => `${edit.kind}${edit.line}`),
    ];
  }
}

// Unified diffs write an empty range as the line before it.
function range(start: number, count: number): string {
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}
