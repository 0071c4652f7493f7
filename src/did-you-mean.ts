// "Did you mean …?" for what people mistype: issue slugs, zones, commands. Edit distance (fastest-
// levenshtein) finds the near misses.
import { distance } from 'fastest-levenshtein';

/** The closest candidates within a distance that grows with the word (one typo per four letters). */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const max = Math.max(1, Math.floor(lower.length / 4));
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d <= max) scored.push([candidate, d]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([candidate]) => candidate);
}

/** "; did you mean "x"?" / "; did you mean "x" or "y"?" or '' — to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = closest(word, candidates);
  if (found.length === 0) return '';
  const quoted = found.map((item) => `"${item}"`);
  return `; did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
}
