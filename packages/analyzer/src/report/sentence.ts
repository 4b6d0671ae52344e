// Abbreviations that end in a full stop inside a sentence: "e.g. analytics", "Art. 30(1)".
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'art', 'arts', 'cf', 'vs', 'para']);

/**
 * The first sentence of a text: up to the first `.`, `!` or `?` that ends a sentence (followed
 * by the end or by a capital, a quote or code), never at an abbreviation such as "e.g." or "Art.".
 */
export function firstSentence(text: string): string {
  const end = /[.!?]["')\]]?(?=\s+[\p{Lu}"'`([]|\s*$)/gu;
  for (const match of text.matchAll(end)) {
    const before = text.slice(0, match.index);
    const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    if (match[0].startsWith('.') && ABBREVIATIONS.has(word)) continue;
    return text.slice(0, match.index + match[0].length);
  }
  return text;
}
