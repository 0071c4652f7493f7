// When and where a text was announced: the caller's --announced/--zone, else the dateline
// ("SEOUL, May 12 (Yonhap) —", "BRUSSELS, 9 October 2024 —", "18:38, May 12", "【ソウル共同】",
// "(서울=연합뉴스)"), else the page's metadata, else the clock. A dateline without a year takes the
// metadata's year or the clock's (the last such date not after the clock).
import { DateTime } from 'luxon';
import { cityPlace } from './places.js';
import type { AnnouncedFrom } from './types.js';

export interface AnnouncementGuess {
  at: Date | undefined;
  /** The zone, when the dateline names a city. */
  zone: string | undefined;
  /** The country of that city (ISO alpha-2), as a hint for the demanding party. */
  iso2: string | undefined;
  from: AnnouncedFrom | undefined;
  /** Where the dateline stands in the text, so it is not read as a deadline. */
  datelineEnd: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';

interface Found {
  city?: string;
  year?: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number };
  end: number;
}

function monthOf(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

function findDateline(text: string): Found | { city: string; end: number } | undefined {
  const head = text.slice(0, 600);
  let m = new RegExp(`^\\s*([A-Z][A-Z .'-]{2,30}?)(?:, [A-Z][A-Za-z.]+)?, (?:${MONTH} (\\d{1,2})|(\\d{1,2}) ${MONTH})(?:,? (\\d{4}))?(?: \\([^)]{1,40}\\))?\\s*[—–-]`, 'm').exec(head);
  if (m) {
    const month = monthOf((m[2] ?? m[5])!);
    return { city: m[1]!, month, day: Number(m[3] ?? m[4]), year: m[6] ? Number(m[6]) : undefined, end: m.index + m[0].length };
  }
  m = new RegExp(`(\\d{1,2}):(\\d{2}),? ${MONTH} (\\d{1,2})(?:,? (\\d{4}))?`).exec(head);
  if (m) return { month: monthOf(m[3]!), day: Number(m[4]), year: m[5] ? Number(m[5]) : undefined, time: { hour: Number(m[1]), minute: Number(m[2]) }, end: m.index + m[0].length };
  const cjkCity = /【([^\s=＝】]{1,12})(?:[=＝])?[^】]{0,12}】|\(([가-힣]{1,8})=[^)]{1,20}\)/.exec(head);
  const cjkDate = /(\d{4})\s?[年.\-/년]\s?(\d{1,2})\s?[月.\-/월]\s?(\d{1,2})\s?[日일]?(?:\s*(\d{1,2}):(\d{2}))?/.exec(head.normalize('NFKC'));
  if (cjkDate) {
    const time = cjkDate[4] ? { hour: Number(cjkDate[4]), minute: Number(cjkDate[5]) } : undefined;
    return { city: cjkCity?.[1] ?? cjkCity?.[2], year: Number(cjkDate[1]), month: Number(cjkDate[2]), day: Number(cjkDate[3]), time, end: cjkDate.index + cjkDate[0].length };
  }
  if (cjkCity) return { city: (cjkCity[1] ?? cjkCity[2])!, end: cjkCity.index + cjkCity[0].length };
  return undefined;
}

export function guessAnnouncement(text: string, options: { now: Date; publishedAt?: Date; fallbackZone: string }): AnnouncementGuess {
  const found = findDateline(text);
  const place = found?.city ? cityPlace(found.city) : undefined;
  const zone = place?.zone;
  if (found && 'month' in found) {
    const inZone = zone ?? options.fallbackZone;
    const ref = DateTime.fromJSDate(options.publishedAt ?? options.now, { zone: inZone });
    let year = found.year ?? ref.year;
    const at = (y: number) =>
      DateTime.fromObject({ year: y, month: found.month, day: found.day, hour: found.time?.hour ?? 0, minute: found.time?.minute ?? 0 }, { zone: inZone });
    let when = at(year);
    // "May 12" read in January is last year's May 12.
    if (found.year === undefined && when.startOf('day') > ref.endOf('day')) when = at(--year);
    if (when.isValid) return { at: when.toJSDate(), zone, iso2: place?.iso2, from: 'dateline', datelineEnd: found.end };
  }
  if (options.publishedAt) return { at: options.publishedAt, zone, iso2: place?.iso2, from: 'metadata', datelineEnd: found?.end ?? 0 };
  return { at: undefined, zone, iso2: place?.iso2, from: undefined, datelineEnd: found?.end ?? 0 };
}
