import { structuredPatch } from 'diff';

/** Options of `diffLines`. */
export interface DiffOptions {
  /** Label of the old text in the `---` header. */
  readonly fromLabel?: string;
  /** Label of the new text in the `+++` header. */
  readonly toLabel?: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

/**
 * A unified diff (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks) from `before` to `after`, line by
 * line, computed by jsdiff; the empty string when they are equal.
 */
export function diffLines(before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, {
    context: options.context ?? 3,
  });
  const out = [`--- ${options.fromLabel ?? 'before'}`, `+++ ${options.toLabel ?? 'after'}`];
  for (const hunk of patch.hunks) {
    out.push(
      `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`,
      ...hunk.lines,
    );
  }
  return `${out.join('\n')}\n`;
}

// As GNU diff writes them: a count of one left out, an empty range numbered as the line before
// it (jsdiff numbers it as the line after).
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
