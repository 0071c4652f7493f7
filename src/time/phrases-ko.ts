// Korean deadline phrases (이달 말까지, 6월 15일까지, 30일 이내에, 다음 주 금요일까지 …), rewritten into the
// English phrase Docket's reader knows (see phrases-ja.ts for why). Matched after NFKC with runs of
// spaces collapsed to one; every space in a pattern is optional, as Korean spacing varies.
import { type CjkPattern, monthWord, timeWord, weekdayWord } from './phrases-cjk-shared.js';

const S = ' ?';
const UNTIL = `(?:${S}까지(?:는|로|에)?)`;

export const koPatterns: CjkPattern[] = [
  { source: `(?:이달|이번${S}달|금월|당월)${S}(말|중|안|내)(?:에)?${UNTIL}?`, english: (m) => (m[1] === '말' ? 'end of this month' : 'this month') },
  { source: `(?:다음${S}달|내달|익월|다음${S}월)${S}(말|중|안|내)(?:에)?${UNTIL}?`, english: (m) => (m[1] === '말' ? 'end of next month' : 'next month') },
  { source: `(?:(\\d{4})년${S})?(\\d{1,2})월${S}(말|중|안|내)(?:에)?${UNTIL}?`, english: (m) => `${m[3] === '말' ? 'end of ' : ''}${monthWord(m[2]!)}${m[1] ? ` ${m[1]}` : ''}` },
  { source: `(?:연내|올해${S}안|올해${S}말|올해${S}중|연말)(?:에|로)?${UNTIL}?`, english: () => 'end of this year' },
  { source: `(?:내년${S}(?:말|중|안))(?:에)?${UNTIL}?`, english: () => 'end of next year' },
  {
    source: `(?:(\\d{4})년${S})?(\\d{1,2})월${S}(\\d{1,2})일(?:${S}\\([월화수목금토일]\\))?(?:${S}(오전|오후)?${S}(\\d{1,2})시(?:${S}(\\d{1,2})분|${S}반)?)?${UNTIL}?`,
    english: (m) => {
      const day = `${Number(m[3])} ${monthWord(m[2]!)}${m[1] ? ` ${m[1]}` : ''}`;
      return m[5] === undefined ? `by ${day}` : `${timeWord(m[4] === '오전' ? '午前' : m[4] === '오후' ? '午後' : undefined, m[5], m[6] ?? (/반$/.test(m[0].replace(UNTIL_TAIL, '')) ? '30' : undefined))} on ${day}`;
    },
  },
  { source: `(\\d+)${S}(일|주일|주|개월|달|년|시간)${S}(?:이내|내|안)(?:에|로)?`, english: (m) => `within ${m[1]} ${koUnit(m[2]!)}` },
  {
    source: `(다음${S}주|이번${S}주|차주|내주)${S}([월화수목금토일])요일(?:${S}(오전|오후)?${S}(\\d{1,2})시)?${UNTIL}?`,
    english: (m) => `${m[4] ? `${timeWord(m[3] === '오전' ? '午前' : m[3] === '오후' ? '午後' : undefined, m[4])} on ` : ''}${weekdayWord(koWeekday[m[2]!]!)} ${/이번/.test(m[1]!) ? 'this' : 'next'} week`,
  },
  { source: `내일${UNTIL}`, english: () => 'tomorrow' },
  { source: `(?:오늘${S}중|금일${S}중)(?:에|으로)?`, english: () => 'end of today' },
];

const UNTIL_TAIL = new RegExp(`${UNTIL}$`);

// 월화수목금토일 → the Japanese weekday characters the shared helper knows.
const koWeekday: Record<string, string> = { 월: '月', 화: '火', 수: '水', 목: '木', 금: '金', 토: '土', 일: '日' };

function koUnit(unit: string): string {
  if (unit === '일') return 'days';
  if (unit === '주' || unit === '주일') return 'weeks';
  if (unit === '시간') return 'hours';
  if (unit === '년') return 'years';
  return 'months';
}

const koNumbers: Record<string, number> = { 한: 1, 두: 2, 세: 3, 석: 3, 네: 4, 다섯: 5, 여섯: 6 };

/** Rewrites applied before matching: 일주일 → 1주일, 한 달 → 1달, 열흘 → 10일, runs of spaces → one. */
export const koRewrites: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
  [/일주일/g, () => '1주일'],
  [/(?<![가-힣])(한|두|세|석|네|다섯|여섯)\s?(?=달|주)/g, (_, n) => String(koNumbers[n!])],
  [/열흘/g, () => '10일'],
  [/보름/g, () => '15일'],
  [/\s+/g, () => ' '],
];
