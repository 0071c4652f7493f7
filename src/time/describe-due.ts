// Saying a due moment back to a person: what day (and time) it is, in which zone, and how far it is from
// a reference point ("in 19 days from announcement", "3 days ago"). Never throws: it is used in listings
// and emails, where a bad row must not take the page down.

import { DateTime } from 'luxon';
import type { DueMoment, Precision } from './due-moment.js';
import { formatDueShort } from './format.js';
import { isValidZone } from './zone.js';

/**
 * 'Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)'
 * 'Due Fri 15 May 2020, 17:00 Asia/Seoul (in 3 days from announcement)'
 * 'Due end of June 2020, Asia/Seoul (in 49 days from announcement)'
 */
export function describeDue(due: DueMoment, relativeTo: { at: Date; label: string }): string {
  try {
    if (!(due.instant instanceof Date) || Number.isNaN(due.instant.getTime())) return 'Due (no valid date recorded)';
    const zone = isValidZone(due.zone) ? due.zone : 'UTC';
    const shown = { ...due, zone };
    const zoneName = zone === due.zone ? zone : `UTC (unknown zone ${JSON.stringify(String(due.zone))})`;
    const when =
      due.precision === 'day' ? `${formatDueShort(shown)}, end of day, ${zoneName}`
      : due.precision === 'month' ? `${formatDueShort(shown)}, ${zoneName}`
      : `${formatDueShort(shown)} ${zoneName}`;
    const relative = relativePhrase(due, zone, relativeTo);
    return relative ? `Due ${when} (${relative})` : `Due ${when}`;
  } catch {
    return `Due ${String(due?.instant)}`;
  }
}

function relativePhrase(due: DueMoment, zone: string, relativeTo: { at: Date; label: string }): string {
  const at = relativeTo?.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return '';
  const text = countdown(at, due.instant, { zone, precision: due.precision });
  const label = (relativeTo.label ?? '').trim();
  const from = /^from (.+)$/.exec(label)?.[1];
  if (label === '' || from === 'now') return text;
  if (!from) return `${text} ${label}`;
  // Against a reference other than now, "ago" and "today" would read oddly: "3 days before announcement".
  if (text === 'today') return `same day as ${from}`;
  if (text === 'now') return `at ${from}`;
  if (text.endsWith(' ago')) return `${text.slice(0, -' ago'.length)} before ${from}`;
  return `${text} ${label}`;
}

/**
 * 'in 19 days', 'in 5 hours', '3 days ago', 'today', 'in 4 months'. Days are calendar days in `zone`
 * (default UTC); for an instant-precision target less than a day away it counts hours or minutes instead.
 * A day- or month-precision target counts by calendar day only, so on its last day it is 'today'.
 */
export function countdown(from: Date, to: Date, options: { zone?: string; precision?: Precision } = {}): string {
  const zone = options.zone !== undefined && isValidZone(options.zone) ? options.zone : 'UTC';
  const precision = options.precision ?? 'instant';
  const ms = to.getTime() - from.getTime();
  if (Number.isNaN(ms)) return 'at an unknown time';
  const future = ms >= 0;
  const say = (n: number, unit: string): string => {
    const amount = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return future ? `in ${amount}` : `${amount} ago`;
  };
  if (precision === 'instant' && Math.abs(ms) < 86_400_000) {
    const minutes = Math.floor(Math.abs(ms) / 60_000);
    if (minutes < 1) return 'now';
    if (minutes < 60) return say(minutes, 'minute');
    return say(Math.floor(minutes / 60), 'hour');
  }
  const a = DateTime.fromJSDate(from, { zone }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone }).startOf('day');
  const days = Math.round(Date.UTC(b.year, b.month - 1, b.day) / 86_400_000 - Date.UTC(a.year, a.month - 1, a.day) / 86_400_000);
  if (days === 0) return 'today';
  if (Math.abs(days) <= 60) return say(Math.abs(days), 'day');
  const months = Math.floor(Math.abs(future ? b.diff(a, 'months').months : a.diff(b, 'months').months));
  if (months < 24) return say(months, 'month');
  return say(Math.floor(months / 12), 'year');
}
