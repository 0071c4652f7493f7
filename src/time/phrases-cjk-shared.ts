// What the Japanese and Korean phrase tables share: the pattern shape and the English words they produce.
export interface CjkPattern {
  /** A regular expression source without anchors. */
  source: string;
  /** The English phrase Docket's reader reads for this match. */
  english: (match: RegExpExecArray) => string;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays: Record<string, string> = { 月: 'monday', 火: 'tuesday', 水: 'wednesday', 木: 'thursday', 金: 'friday', 土: 'saturday', 日: 'sunday' };

export function monthWord(month: string): string {
  // An impossible month stays a number, so the reader refuses it with its own message.
  return months[Number(month) - 1] ?? `month ${month}`;
}

export function weekdayWord(kanji: string): string {
  return weekdays[kanji]!;
}

/** 午後5時 → "5 pm"; 17時 → "17:00". */
export function timeWord(half: string | undefined, hour: string, minute?: string): string {
  const mm = String(Number(minute ?? '0')).padStart(2, '0');
  if (half === undefined) return `${Number(hour)}:${mm}`;
  return `${Number(hour)}:${mm} ${half === '午後' ? 'pm' : 'am'}`;
}
