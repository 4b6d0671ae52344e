/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance =
      candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  // Short words differ in a letter or two when mistyped; longer ones may lose a few.
  const allowed = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, best.length) / 4)));
  if (bestDistance <= allowed) return best;
  // An id shortened to one of its parts ("training" for "model-training") is a near miss too.
  const partial = candidates.filter((candidate) => {
    const name = candidate.toLowerCase();
    return lower.length >= 4 && (name.startsWith(lower) || name.split('-').includes(lower));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = table[i]!;
      const above = table[i - 1]!;
      let value = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, table[i - 2]![j - 2]! + 1);
      }
      row[j] = value;
    }
  }
  return table[rows - 1]![cols - 1]!;
}

/** Appends ` (did you mean "x"?)` when a close candidate exists. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** Quotes and joins a list for a message: `"a", "b", "c"`. */
export function listOf(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
