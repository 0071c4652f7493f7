// Locating deadline phrases inside a sentence. This only finds where a phrase may stand; every span is
// read by Docket's own reader (readDue), and a span it refuses (vague, past, ambiguous) is no deadline.
// English: after a trigger word ("by", "until", "within" …) the longest run of words the reader accepts.
// Japanese and Korean: the phrase tables of src/time/phrases-ja.ts and phrases-ko.ts, unanchored.
import { isAppError } from '../errors.js';
import { jaPatterns, jaRewrites } from '../time/phrases-ja.js';
import { koPatterns, koRewrites } from '../time/phrases-ko.js';
import { readDue, type DueReading } from '../time/read-due.js';
import { mapText, originalRange, replaceMapped, type MappedText } from './mapped-text.js';
import type { Language } from './types.js';

export interface DeadlineSpan {
  /** Offsets in the whole input text. */
  start: number;
  end: number;
  expression: string;
  /** What the reader was given: the expression, or "within 60 days" for "gave Apple 60 days to". */
  phrase: string;
  reading: DueReading;
}

export interface ReadContext {
  announcedAt: Date;
  zone: string;
}

const NUM = '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|forty-five|sixty|ninety|hundred)';
const UNITS = '(?:calendar\\s+)?(?:days?|weeks?|months?|years?|hours?|fortnight)';
const enTrigger = new RegExp(
  `\\b(?:no later than|not later than|on or before|by|until|till|before|within|in(?=\\s+${NUM}\\s+${UNITS}\\b)|deadline of|deadline is|due)\\b`,
  'gi',
);
// "gave Apple 60 days to …", "has two weeks to respond": a period granted, read as "within" it.
const enGranted = new RegExp(`\\b(?:gave|give|gives|given|granting|granted|grants|has|have|had)\\b(?:\\s+[\\p{L}'’.-]+){0,4}?\\s+(${NUM}\\s+${UNITS})\\s+(?:to|in which|from)\\b`, 'giu');

export function findSpans(text: string, sentenceStart: number, language: Language, ctx: ReadContext): DeadlineSpan[] {
  const found = language === 'en' ? englishSpans(text, ctx) : cjkSpans(text, language, ctx);
  return nonOverlapping(found).map((s) => ({ ...s, start: s.start + sentenceStart, end: s.end + sentenceStart }));
}

function tryRead(phrase: string, ctx: ReadContext): DueReading | undefined {
  try {
    return readDue(phrase, { announcedAt: ctx.announcedAt, zone: ctx.zone });
  } catch (error) {
    if (isAppError(error)) return undefined;
    throw error;
  }
}

function englishSpans(text: string, ctx: ReadContext): DeadlineSpan[] {
  const out: DeadlineSpan[] = [];
  for (const t of text.matchAll(enTrigger)) {
    const after = text.slice(t.index + t[0].length);
    const words = [...after.matchAll(/\S+/g)].slice(0, 9);
    for (let k = words.length; k >= 1; k--) {
      const last = words[k - 1]!;
      let end = t.index + t[0].length + last.index + last[0].length;
      // A comma, full stop or quote after the phrase is not part of it; "p.m." keeps its stop.
      while (end > t.index && /[,;:.!?"”’)]/.test(text[end - 1]!) && !/[ap]\.m\.$/i.test(text.slice(t.index, end))) end--;
      const expression = text.slice(t.index, end);
      if (/[;:()"“”]/.test(expression.slice(t[0].length))) continue;
      const reading = tryRead(expression, ctx);
      if (reading) {
        out.push({ start: t.index, end, expression, phrase: expression, reading });
        break;
      }
    }
  }
  for (const g of text.matchAll(enGranted)) {
    const start = g.index + g[0].indexOf(g[1]!, g[0].length - g[1]!.length - 12);
    const phrase = `within ${g[1]}`;
    const reading = tryRead(phrase, ctx);
    if (reading) out.push({ start, end: start + g[1]!.length, expression: g[1]!, phrase, reading: { ...reading, expression: g[1]! } });
  }
  return out;
}

const markers: Record<'ja' | 'ko', RegExp> = { ja: /まで|迄|以内|内|中|いっぱい/, ko: /까지|이내|내|안|중/ };
const finders = {
  ja: jaPatterns.map((p) => new RegExp(p.source, 'g')),
  ko: koPatterns.map((p) => new RegExp(p.source, 'g')),
};

function cjkSpans(text: string, language: 'ja' | 'ko', ctx: ReadContext): DeadlineSpan[] {
  let mapped: MappedText = mapText(text);
  for (const [re, fn] of language === 'ja' ? jaRewrites : koRewrites) mapped = replaceMapped(mapped, re, fn as (m: string, ...g: string[]) => string);
  const out: DeadlineSpan[] = [];
  for (const re of finders[language]) {
    re.lastIndex = 0;
    for (const m of mapped.text.matchAll(re)) {
      if (m[0].trim() === '' || !markers[language].test(m[0])) continue;
      const [start, end] = originalRange(mapped, m.index, m.index + m[0].trimEnd().length);
      const expression = text.slice(start, end);
      const reading = tryRead(expression, ctx);
      if (reading) out.push({ start, end, expression, phrase: expression, reading });
    }
  }
  return out;
}

/** Longer spans first; a span inside or across a kept one is dropped. */
function nonOverlapping(spans: DeadlineSpan[]): DeadlineSpan[] {
  const kept: DeadlineSpan[] = [];
  for (const s of [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}
