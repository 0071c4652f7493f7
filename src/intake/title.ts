// What is demanded, as a short phrase taken from the sentence: in English the words after the demand
// verb and its object ("asked Japan to withdraw the measures by …" → "withdraw the measures"); in
// Japanese and Korean the words between the deadline and the verb (今月末までに[立場を示す]よう求めた).
import type { Language } from './types.js';

const max = 120;

export function demandTitle(
  sentence: string,
  language: Language,
  span: { start: number; end: number },
  verb: { start?: number; end?: number },
  /** Where the one asked is named in this sentence (its end), for the words between it and the deadline. */
  addresseeEnd?: number,
): string {
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
    // 日本政府に対し、[輸出規制の撤回について]今月末までに[具体的な立場を示す]よう求めた: both parts.
    if (addresseeEnd !== undefined && addresseeEnd <= span.start) {
      const lead = sentence.slice(addresseeEnd, span.start).replace(/^(?:\s?(?:政府|側|当局|정부|측|당국))?\s?(?:に対し(?:て)?|に|へ|에게|에 대해|에)[、,\s]*/, '');
      raw = `${lead.trim()}${language === 'ko' && lead.trim() && raw.trim() ? ' ' : ''}${raw.trim()}`;
    }
    if (raw.trim().length < 2 && verb.start !== undefined) raw = sentence.slice(0, span.start);
    raw = raw.replace(/^[\s、,，]+/, '').replace(/[\s、,，。.]+$/, '').replace(/(?:を|를|을)$/, '');
  }
  const text = raw.replace(/\s+/g, ' ').replace(/[.。]$/, '').trim();
  if (text.length <= max) return text || sentence.slice(0, max).trim();
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > 60 ? cut.slice(0, space) : cut}…`;
}
