// What is demanded, as a short phrase taken from the sentence: in English the words after the demand
// verb and its object ("asked Japan to withdraw the measures by …" → "withdraw the measures"); in
// Japanese and Korean the words between the deadline and the verb (今月末までに[立場を示す]よう求めた).
import type { Language } from './types.js';

const max = 120;

export function demandTitle(sentence: string, language: Language, span: { start: number; end: number }, verb: { start?: number; end?: number }): string {
  let raw: string;
  if (language === 'en') {
    const from = verb.end !== undefined && verb.end <= span.start ? verb.end : span.end;
    const to = verb.end !== undefined && verb.end <= span.start ? span.start : sentence.length;
    raw = sentence.slice(from, to);
    if (raw.trim().length < 4) raw = sentence.slice(span.end);
    raw = raw
      .replace(/^[\s,]*(?:on \w+day\s+)?(?:it |them |him |her )?(?:to |for |that |with )?/i, '')
      .replace(/\s*,?\s*(?:the ministry|the commission|officials?|he|she|it|they) (?:said|says|added)\b.*$/i, '')
      .replace(/\s*(?:,|and|or|but)\s*$/i, '');
  } else {
    const from = span.end;
    const to = verb.start !== undefined && verb.start > span.end ? verb.start : sentence.length;
    raw = sentence.slice(from, to);
    if (raw.trim().length < 2 && verb.start !== undefined) raw = sentence.slice(0, span.start);
    raw = raw.replace(/^[\s、,，]+/, '').replace(/[\s、,，。.]+$/, '').replace(/(?:を|를|을)$/, '');
  }
  const text = raw.replace(/\s+/g, ' ').replace(/[.。]$/, '').trim();
  if (text.length <= max) return text || sentence.slice(0, max).trim();
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > 60 ? cut.slice(0, space) : cut}…`;
}
