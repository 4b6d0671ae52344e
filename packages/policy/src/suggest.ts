import { distance as levenshtein } from 'fastest-levenshtein';

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

/** Levenshtein distance, with a swap of two adjacent letters counted as one edit. */
function editDistance(a: string, b: string): number {
  const distance = levenshtein(a, b);
  return distance === 2 && isAdjacentSwap(a, b) ? 1 : distance;
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]));
  const [first, second] = differ;
  return (
    differ.length === 2 &&
    second === first! + 1 &&
    a[first!] === b[second] &&
    a[second] === b[first!]
  );
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
