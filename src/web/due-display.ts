// How a due moment reads on a page: "due in 19 days — Sun 31 May, end of day, Seoul time". Always in the
// deadline's own zone (where the demand was made); the browser script adds the reader's local time from
// the <time datetime> beside it.
import { DateTime } from 'luxon';
import { dueCountdown } from '../mail/dates.js';
import type { DueMoment, Precision } from '../time/due-moment.js';
import { isoInZone } from '../time/format.js';
import { isValidZone } from '../time/zone.js';

export interface DueDisplay {
  /** ISO instant with the zone's offset, for <time datetime>. */
  iso: string;
  zone: string;
  precision: Precision;
  /** 'due in 19 days', 'due today', 'was due 2 days ago' (calendar days in the deadline's zone). */
  countdown: string;
  /** 'Sun 31 May, end of day, Seoul time' (the year only when it is not this year). */
  text: string;
  /** countdown — text */
  line: string;
  past: boolean;
}

export function dueDisplay(due: DueMoment, now: Date): DueDisplay {
  const zone = isValidZone(due.zone) ? due.zone : 'UTC';
  const countdown = dueCountdown({ ...due, zone }, now, zone);
  const text = dueText({ ...due, zone }, now);
  return { iso: isoInZone(due.instant, zone), zone: due.zone, precision: due.precision, countdown, text, line: `${countdown} — ${text}`, past: due.instant.getTime() < now.getTime() };
}

export function dueText(due: DueMoment, now: Date): string {
  const local = DateTime.fromJSDate(due.instant, { zone: due.zone }).setLocale('en-GB');
  const thisYear = DateTime.fromJSDate(now, { zone: due.zone }).year === local.year;
  const year = thisYear ? '' : ` ${local.year}`;
  const place = zoneLabel(due.zone);
  if (due.precision === 'month') return `end of ${local.toFormat('LLLL')}${year}, ${place}`;
  const day = `${local.toFormat('ccc d LLL')}${year}`;
  return due.precision === 'day' ? `${day}, end of day, ${place}` : `${day}, ${local.toFormat('HH:mm')}, ${place}`;
}

/** 'Asia/Seoul' → 'Seoul time', 'America/Argentina/Buenos_Aires' → 'Buenos Aires time', 'UTC' → 'UTC'. */
export function zoneLabel(zone: string): string {
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return 'UTC';
  const city = zone.split('/').at(-1)!.replace(/_/g, ' ');
  return `${city} time`;
}
