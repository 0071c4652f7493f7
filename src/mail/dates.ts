// Date wording for emails, on top of src/time's shared formatting. Every string that shows a time
// names its zone: a reader in New York must never mistake Seoul's "23:59" for their own.

import { DateTime, Duration } from 'luxon';
import { leftPhrase, timeLeft } from '../time/countdown.js';
import type { DueMoment } from '../time/due-moment.js';
import { formatDueShort, formatInZone } from '../time/format.js';

/** 'Sun 31 May 2020, 23:59 UTC+9 (Asia/Seoul)': abbreviations like 'UTC+9' do not say which place. */
export function formatWithZone(instant: Date, zone: string): string {
  return `${formatInZone(instant, zone)} (${zone})`;
}

/** 'Sun 31 May 2020' — the calendar day in `zone`. */
export function formatDay(instant: Date, zone: string): string {
  return formatDueShort({ instant, zone, precision: 'day' });
}

/** 'Sat 30 May' — for "Docket was not running at 09:00 on Sat 30 May". */
export function formatDayNoYear(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale('en-US').toFormat('ccc d LLL');
}

export function formatTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/**
 * The due moment as written where it was set, short enough for a subject line: 'Sun 31 May 2020',
 * 'end of May 2020', and for a stated time 'Fri 15 May 2020, 17:00 UTC+9' (the zone, since a bare
 * clock time in a subject would be read as the reader's own).
 */
export function formatDueForSubject(due: DueMoment): string {
  return due.precision === 'instant' ? formatInZone(due.instant, due.zone) : formatDueShort(due);
}

/** What "due" means for this precision, for the line under the date. */
export function precisionNote(due: DueMoment): string {
  if (due.precision === 'day') return `by the end of that day in ${due.zone}`;
  if (due.precision === 'month') return `by the end of that month in ${due.zone}`;
  return `at that time in ${due.zone}`;
}

/**
 * '6 days 23 h left', 'overdue by 2 days': the shared precise countdown (src/time/countdown.ts), to the
 * exact instant, so it agrees with the "your time" line beside it.
 */
export function dueCountdown(due: DueMoment, now: Date, readerZone: string): string {
  return leftPhrase(timeLeft(now, due.instant, readerZone));
}

/** 'P7D' → '7 days', 'PT2H' → '2 hours', 'P1W' → '1 week'; null when it is not an ISO duration. */
export function humanDuration(iso: string): string | null {
  const d = Duration.fromISO(iso);
  if (!d.isValid) return null;
  const parts = (['years', 'months', 'weeks', 'days', 'hours', 'minutes'] as const)
    .map((unit) => [unit, d.get(unit)] as const)
    .filter(([, n]) => n !== 0)
    .map(([unit, n]) => `${n} ${n === 1 ? unit.slice(0, -1) : unit}`);
  return parts.length === 0 ? null : parts.join(' ');
}
