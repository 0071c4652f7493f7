// Splitting text into sentences with their offsets, and grouping them into paragraphs, so that a
// deadline can be shown in its sentence and a sentence without parties can borrow the previous one's.
import type { Language } from './types.js';

export interface Sentence {
  text: string;
  start: number;
  end: number;
  paragraph: number;
}

// Words whose full stop does not end a sentence.
const abbreviations = /(?:^|[\s(])(?:mr|mrs|ms|dr|st|no|nos|gen|sen|rep|gov|prof|inc|co|corp|ltd|jr|sr|vs|etc|e\.g|i\.e|u\.s|u\.k|u\.n|p\.m|a\.m|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|art|para|sec)\.$/i;

export function splitSentences(text: string, language: Language): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  const paragraphs = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const p of text.matchAll(paragraphs)) {
    const block = p[0];
    if (block.trim() === '') continue;
    const base = p.index;
    const ends = language === 'en' ? /[.!?]+["”’')]*(?=\s+["“‘(]?[A-Z0-9])|[.!?]+["”’')]*\s*$|\n/g : /[。！？!?]+[」』”)]*|[.](?=\s|$)|\n/g;
    let start = 0;
    for (const m of block.matchAll(ends)) {
      const stop = m.index + m[0].length;
      if (language === 'en' && m[0].startsWith('.') && abbreviations.test(block.slice(Math.max(0, m.index - 6), m.index + 1))) continue;
      push(out, block, base, start, stop, paragraph);
      start = stop;
    }
    push(out, block, base, start, block.length, paragraph);
    paragraph++;
  }
  return out;
}

function push(out: Sentence[], block: string, base: number, from: number, to: number, paragraph: number): void {
  const raw = block.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text === '') return;
  out.push({ text, start: base + from + lead, end: base + from + lead + text.length, paragraph });
}
