// Turning what people type into one spelling the phrase rules can match: lower case, no commas or trailing
// full stops, number words as digits ("thirty-one" → 31, "a week" → 1 week, "fifteenth" → 15th).

const units = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const unitOrdinals = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const tensOrdinals: Record<string, number> = { twentieth: 20, thirtieth: 30 };

const cardinal = new Map<string, number>();
units.forEach((word, n) => cardinal.set(word, n));
tens.forEach((word, t) => word && cardinal.set(word, t * 10));
const ordinal = new Map<string, number>();
unitOrdinals.forEach((word, n) => ordinal.set(word, n));
for (const [word, n] of Object.entries(tensOrdinals)) ordinal.set(word, n);

const tensAlt = tens.filter(Boolean).join('|');
const unitAlt = units.slice(1, 10).join('|');
const ordUnitAlt = unitOrdinals.slice(1, 10).join('|');

const unitWords = 'days?|weeks?|fortnights?|months?|years?|hours?|calendar days?|business days?|working days?';

export function normalize(text: string): string {
  let s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d"]/g, ' ')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^'+|'+$/g, '').trim();
  s = s.replace(/[\s.!?;:]+$/, '').trim(); // "by Friday." → "by friday"; "5 p.m." → "5 p.m"
  s = s.replace(/\s+at (the )?latest$/, '');
  s = numbersToDigits(s);
  return s.replace(/\s+/g, ' ').trim();
}

function numbersToDigits(s: string): string {
  return s
    .replace(new RegExp(`\\b(${tensAlt})[- ](${ordUnitAlt})\\b`, 'g'), (_m, t: string, u: string) => `${(cardinal.get(t) ?? 0) + (ordinal.get(u) ?? 0)}th`)
    .replace(new RegExp(`\\b(${tensAlt})[- ](${unitAlt})\\b`, 'g'), (_m, t: string, u: string) => String((cardinal.get(t) ?? 0) + (cardinal.get(u) ?? 0)))
    .replace(new RegExp(`\\b(${[...ordinal.keys()].filter((w) => w !== 'zeroth').join('|')})\\b`, 'g'), (w) => `${ordinal.get(w)}th`)
    .replace(new RegExp(`\\b(${[...cardinal.keys()].join('|')})\\b`, 'g'), (w) => String(cardinal.get(w)))
    .replace(new RegExp(`\\b(a|an|a single)\\s+(?=(${unitWords})\\b)`, 'g'), '1 ');
}

const monthIndex: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const weekdayIndex: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** Full and short month names: january, jan, jan., sept, sep. */
export const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
export const WEEKDAY = '(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\.?';

export function monthNumber(word: string): number | undefined {
  return monthIndex[word.slice(0, 3)];
}

export function weekdayNumber(word: string): number | undefined {
  return weekdayIndex[word.slice(0, 3)];
}
