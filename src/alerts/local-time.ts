// Wall-clock helpers for alert planning. Luxon's own local-time resolution guesses the offset from the
// current clock when a wall time is ambiguous (the repeated hour when DST ends), which would make the plan
// depend on when it was computed; these helpers resolve gaps and overlaps the same way every time.

import { DateTime, IANAZone } from 'luxon';
import { invalid } from '../errors.js';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

const dayMs = 86_400_000;

export function assertZone(zone: string, field: string): IANAZone {
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw invalid(field, zone, 'is not an IANA time zone (for example "Asia/Seoul" or "America/New_York")');
  }
  return IANAZone.create(zone);
}

/** The calendar date an instant falls on in a zone. */
export function localDate(instant: Date | number, zone: string): CalendarDate {
  const dt = DateTime.fromMillis(+instant, { zone });
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** Calendar arithmetic on a plain date (no zone involved, so no DST to trip over). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const dt = DateTime.utc(date.year, date.month, date.day).plus({ days });
  return { year: dt.year, month: dt.month, day: dt.day };
}

/**
 * The instant a wall-clock time happens in a zone.
 * - Repeated hour (DST ends): the first occurrence, so an alert is never held back an extra hour.
 * - Skipped hour (DST starts, or Samoa's missing 30 Dec 2011): the first instant after the gap, i.e.
 *   the next wall-clock minute that exists. 02:30 on a New York spring-forward day becomes 03:00 EDT.
 */
export function atLocalTime(zone: string, wall: WallTime): Date {
  const tz = IANAZone.create(zone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0, wall.millisecond ?? 0);
  // The two offsets in force around this wall time (the same one unless a transition is near); one
  // transition per two days is the assumption the Temporal proposal makes too.
  const before = tz.offset(wallMs - dayMs);
  const after = tz.offset(wallMs + dayMs);
  const candidates = [before, after]
    .map((offset) => wallMs - offset * 60_000)
    .filter((ts) => wallMs - tz.offset(ts) * 60_000 === ts)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  return new Date(transitionBetween(tz, wallMs - after * 60_000, wallMs - before * 60_000));
}

/** First millisecond in (lo, hi] whose offset differs from lo's; the zone changes offset once in between. */
function transitionBetween(tz: IANAZone, lo: number, hi: number): number {
  const offsetAtLo = tz.offset(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tz.offset(mid) === offsetAtLo) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The morning-hour instant on a calendar date in a zone. */
export function morningOf(zone: string, date: CalendarDate, hour: number, minute: number): Date {
  return atLocalTime(zone, { ...date, hour, minute });
}

/** The first morning-hour instant strictly after `after`, with the calendar date it belongs to. */
export function nextMorning(zone: string, hour: number, minute: number, after: Date): { date: CalendarDate; at: Date } {
  let date = localDate(after, zone);
  // Two steps always suffice (today's morning, else tomorrow's); the third covers a skipped calendar day.
  for (let i = 0; i < 3; i += 1) {
    const at = morningOf(zone, date, hour, minute);
    if (at.getTime() > after.getTime()) return { date, at };
    date = addDays(date, 1);
  }
  return { date, at: morningOf(zone, date, hour, minute) };
}

/** The last morning-hour instant at or before `at`, with its calendar date. */
export function lastMorning(zone: string, hour: number, minute: number, at: Date): { date: CalendarDate; at: Date } {
  let date = localDate(at, zone);
  for (let i = 0; i < 3; i += 1) {
    const candidate = morningOf(zone, date, hour, minute);
    if (candidate.getTime() <= at.getTime()) return { date, at: candidate };
    date = addDays(date, -1);
  }
  return { date, at: morningOf(zone, date, hour, minute) };
}

/** ISO weekday of a plain date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return DateTime.utc(date.year, date.month, date.day).weekday;
}

/** The last morning-hour instant at or before `at` on an ISO weekday (1 = Monday), with its date. */
export function lastWeekdayMorning(zone: string, weekday: number, hour: number, minute: number, at: Date): { date: CalendarDate; at: Date } {
  let date = localDate(at, zone);
  date = addDays(date, -((isoWeekday(date) - weekday + 7) % 7));
  // This week's morning, else last week's (a skipped calendar day can only shorten the walk).
  const candidate = morningOf(zone, date, hour, minute);
  if (candidate.getTime() <= at.getTime()) return { date, at: candidate };
  const before = addDays(date, -7);
  return { date: before, at: morningOf(zone, before, hour, minute) };
}

/** The first morning-hour instant strictly after `after` on an ISO weekday, with its date. */
export function nextWeekdayMorning(zone: string, weekday: number, hour: number, minute: number, after: Date): { date: CalendarDate; at: Date } {
  const last = lastWeekdayMorning(zone, weekday, hour, minute, after);
  const date = addDays(last.date, 7);
  return { date, at: morningOf(zone, date, hour, minute) };
}

export function assertMorning(hour: number, minute: number, field: string): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw invalid(`${field} hour`, hour, 'must be a whole hour from 0 to 23');
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw invalid(`${field} minute`, minute, 'must be a whole minute from 0 to 59');
}
