// Japanese deadline phrases (今月末までに, 6月15日までに, 30日以内に, 来週金曜日までに …), each rewritten
// into the English phrase Docket's reader already knows, so the deadline semantics (end of period, zone,
// precision) live in one place. `source` has no anchors: the intake reader finds the same patterns
// inside running text. Text is matched after NFKC (full-width digits → ASCII) with spaces removed.
import { type CjkPattern, monthWord, timeWord, weekdayWord } from './phrases-cjk-shared.js';

const WD = '([月火水木金土日])曜(?:日)?';
const UNTIL = '(?:まで(?:に|の間|は)?|迄に?)';

export const jaPatterns: CjkPattern[] = [
  { source: `(?:今月|当月)(末|中|内|いっぱい)${UNTIL}?に?`, english: (m) => (m[1] === '末' ? 'end of this month' : 'this month') },
  { source: `(?:来月|翌月)(末|中|内|いっぱい)${UNTIL}?に?`, english: (m) => (m[1] === '末' ? 'end of next month' : 'next month') },
  { source: `(?:(\\d{4})年)?(\\d{1,2})月(末|中|内|いっぱい)${UNTIL}?に?`, english: (m) => `${m[3] === '末' ? 'end of ' : ''}${monthWord(m[2]!)}${m[1] ? ` ${m[1]}` : ''}` },
  { source: `(?:年内|今年中|今年内|今年末|本年中|年末)${UNTIL}?に?`, english: () => 'end of this year' },
  { source: `(?:来年)(?:末|中|内)${UNTIL}?に?`, english: () => 'end of next year' },
  {
    source: `(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日(?:\\([月火水木金土日]\\))?(?:(午前|午後)?(\\d{1,2})時(?:(\\d{1,2})分|半)?)?${UNTIL}?に?`,
    english: (m) => {
      const day = `${Number(m[3])} ${monthWord(m[2]!)}${m[1] ? ` ${m[1]}` : ''}`;
      return m[5] === undefined ? `by ${day}` : `${timeWord(m[4], m[5], m[6] ?? (m[0].includes('半') ? '30' : undefined))} on ${day}`;
    },
  },
  { source: '(\\d+)(日|週間|カ月|か月|ヶ月|ヵ月|ケ月|ヶ年|年|時間)(?:間)?以内に?', english: (m) => `within ${m[1]} ${jaUnit(m[2]!)}` },
  { source: `(来週|今週|翌週)の?${WD}(?:(午前|午後)?(\\d{1,2})時)?${UNTIL}?に?`, english: (m) => `${m[4] ? `${timeWord(m[3], m[4])} on ` : ''}${weekdayWord(m[2]!)} ${m[1] === '今週' ? 'this' : 'next'} week` },
  { source: `(?:明日|あす)${UNTIL}`, english: () => 'tomorrow' },
  { source: '(?:今日中|本日中)に?', english: () => 'end of today' },
  { source: `(\\d{1,2})日${UNTIL}`, english: (m) => `the ${ordinal(Number(m[1]))}` },
];

function jaUnit(unit: string): string {
  if (unit === '日') return 'days';
  if (unit === '週間') return 'weeks';
  if (unit === '時間') return 'hours';
  if (unit === '年' || unit === 'ヶ年') return 'years';
  return 'months';
}

function ordinal(n: number): string {
  const s = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${s}`;
}

const kanjiDigit: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function kanjiNumber(run: string): string {
  if (!run.includes('十')) return run.length === 1 ? String(kanjiDigit[run]) : run;
  const [tens, ones] = run.split('十') as [string, string];
  return String((tens === '' ? 1 : (kanjiDigit[tens] ?? 0)) * 10 + (ones === '' ? 0 : (kanjiDigit[ones] ?? 0)));
}

/** Rewrites applied before matching (the intake reader applies the same ones keeping offsets). */
export const jaRewrites: Array<[RegExp, (match: string) => string]> = [
  // 三十日以内 → 30日以内, 一週間 → 1週間: kanji numbers (1–99) before a unit become digits.
  [/[一二三四五六七八九十]+(?=日|週|か月|カ月|ヶ月|ヵ月|ケ月|月|年|時)/g, kanjiNumber],
  [/\s+/g, () => ''],
];
