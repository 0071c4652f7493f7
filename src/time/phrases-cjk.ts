// Reading a Japanese or Korean deadline phrase for `--due`: the whole expression must match one pattern,
// and is then read as the English phrase it stands for (phrases-ja.ts, phrases-ko.ts).
import { jaPatterns, jaRewrites } from './phrases-ja.js';
import { koPatterns, koRewrites } from './phrases-ko.js';
import type { CjkPattern } from './phrases-cjk-shared.js';

const hangul = /[\uac00-\ud7a3]/;
const kanaOrKanji = /[\u3040-\u30ff\u4e00-\u9fff]/;

const anchored = (patterns: CjkPattern[]) => patterns.map((p) => ({ re: new RegExp(`^(?:${p.source})$`), english: p.english }));
const ja = anchored(jaPatterns);
const ko = anchored(koPatterns);

/** Prepares text for the Japanese patterns: NFKC, kanji numbers as digits, no spaces. */
export function jaText(text: string): string {
  return rewrite(text.normalize('NFKC'), jaRewrites);
}

/** Prepares text for the Korean patterns: NFKC, number words as digits, single spaces. */
export function koText(text: string): string {
  return rewrite(text.normalize('NFKC'), koRewrites);
}

/** The English phrase a Japanese or Korean deadline expression stands for, or undefined. */
export function cjkToEnglish(expression: string): string | undefined {
  if (hangul.test(expression)) return first(ko, koText(expression).trim());
  if (kanaOrKanji.test(expression)) return first(ja, jaText(expression));
  return undefined;
}

function first(patterns: Array<{ re: RegExp; english: CjkPattern['english'] }>, text: string): string | undefined {
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (m) return p.english(m);
  }
  return undefined;
}

function rewrite(text: string, rules: Array<[RegExp, (match: string, ...groups: string[]) => string]>): string {
  return rules.reduce((s, [re, fn]) => s.replace(re, fn as (m: string, ...g: string[]) => string), text);
}
