// Calendar dates and wall-clock times without a zone, and the one place where they become instants.
// Date arithmetic is done on civil dates (in UTC, where no day is 23 or 25 hours long) and only the result
// is placed in the deadline's zone, so DST can never move a deadline to another day.

import { DateTime, IANAZone } from 'luxon';

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number;
}

export interface WallTime {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

const DAY_MS = 86_400_000;

export function civil(dt: DateTime): CivilDate {
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** The calendar date of `instant` (a Date or epoch milliseconds) in `zone`. */
export function civilDateAt(instant: Date | number, zone: string): CivilDate {
  return civil(typeof instant === 'number' ? DateTime.fromMillis(instant, { zone }) : DateTime.fromJSDate(instant, { zone }));
}

/** "2020-05-31" */
export function isoDate(date: CivilDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function asUtc(date: CivilDate): DateTime {
  return DateTime.utc(date.year, date.month, date.day);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return DateTime.utc(year, month, day).isValid && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return DateTime.utc(year, month, 1).daysInMonth ?? 31;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civil(asUtc(date).plus({ days }));
}

/** Calendar months; luxon clamps to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  return civil(asUtc(date).plus({ months }));
}

export function addYears(date: CivilDate, years: number): CivilDate {
  return civil(asUtc(date).plus({ years }));
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(date: CivilDate): number {
  return asUtc(date).weekday;
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  return { year, month, day: daysInMonth(year, month) };
}

/**
 * Every instant at which the wall clock in `zone` reads `date` `time`: none in a DST gap, two in a
 * fall-back overlap (earlier first), one otherwise.
 */
export function wallClockInstants(date: CivilDate, time: WallTime, zone: string): number[] {
  const tz = IANAZone.create(zone);
  const wall = wallMillis(date, time);
  const offsets = new Set([tz.offset(wall - DAY_MS), tz.offset(wall), tz.offset(wall + DAY_MS)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset * 60_000;
    if (tz.offset(candidate) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The one instant a wall-clock time stands for, for times that must happen whatever DST does (a
 * reminder's morning, a digest, the start of a day). Luxon's own resolution guesses from the current
 * offset, which would make a plan depend on when it was computed; this does the same every time:
 * - repeated hour (clocks fall back): the first occurrence, so nothing is held back an extra hour;
 * - skipped hour (clocks spring forward, or Samoa's missing 30 Dec 2011): the first instant after the
 *   gap, i.e. the next wall-clock time that exists. 02:30 on a New York spring-forward day is 03:00 EDT.
 * A time a person types is refused in a gap instead (`gapProblem`).
 */
export function instantAt(date: CivilDate, time: WallTime, zone: string): Date {
  const exact = wallClockInstants(date, time, zone)[0];
  if (exact !== undefined) return new Date(exact);
  const tz = IANAZone.create(zone);
  const wall = wallMillis(date, time);
  // The gap lies between the wall time read at the offset before it and at the one after it.
  return new Date(transitionBetween(tz, wall - tz.offset(wall + DAY_MS) * 60_000, wall - tz.offset(wall - DAY_MS) * 60_000));
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

/** The wall clock's reading as if it were UTC: the starting point for finding its instants. */
function wallMillis(date: CivilDate, time: WallTime): number {
  return DateTime.utc(date.year, date.month, date.day, time.hour, time.minute, time.second ?? 0, time.millisecond ?? 0).toMillis();
}

/** The first instant of `date` in `zone` (00:00, or the end of a DST gap that swallows midnight). */
export function startOfDay(date: CivilDate, zone: string): Date {
  return instantAt(date, { hour: 0, minute: 0 }, zone);
}

/** The last millisecond of `date` in `zone`: 23:59:59.999 local, whatever DST does that day. */
export function endOfDay(date: CivilDate, zone: string): Date {
  // The next midnight can happen twice (St John's fell back at 00:01 until 2011, so 1 Nov 2009 began, and
  // a minute later it was 31 Oct again): the day is over only at the later one.
  const next = addDays(date, 1);
  const midnight = wallClockInstants(next, { hour: 0, minute: 0 }, zone).at(-1) ?? startOfDay(next, zone).getTime();
  return new Date(midnight - 1);
}

export function endOfMonth(year: number, month: number, zone: string): Date {
  return endOfDay(lastDayOfMonth(year, month), zone);
}

export const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

export function weekdayName(isoWeekday: number): string {
  return weekdayNames[isoWeekday - 1] ?? String(isoWeekday);
}

/** "Tue 12 May 2020" */
export function formatCivil(date: CivilDate): string {
  return asUtc(date).setLocale('en-US').toFormat('ccc d MMM yyyy');
}

/** Why a wall-clock time in a DST gap is refused, in words a person can act on. */
export function gapProblem(date: CivilDate, time: WallTime, zone: string): string {
  const tz = IANAZone.create(zone);
  const wall = wallMillis(date, { hour: time.hour, minute: time.minute });
  const jump = Math.max(tz.offset(wall + DAY_MS) - tz.offset(wall - DAY_MS), 0);
  const size = jump % 60 === 0 ? `${jump / 60} hour${jump === 60 ? '' : 's'}` : `${jump} minutes`;
  const later = (time.hour * 60 + time.minute + jump) % (24 * 60);
  return (
    `names ${hhmm(time.hour * 60 + time.minute)} on ${formatCivil(date)}, a local time that does not exist in ${zone}: ` +
    `the clocks jump forward ${size} that night for daylight saving time; give a time outside the gap (e.g. ${hhmm(later)})`
  );
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** False for the rare calendar day a zone skipped entirely (Pacific/Apia 2011-12-30, Pacific/Kiritimati 1994-12-31). */
export function dayExists(date: CivilDate, zone: string): boolean {
  return compareDates(civilDateAt(endOfDay(date, zone), zone), date) === 0;
}

export function missingDayProblem(date: CivilDate, zone: string): string {
  return `names ${formatCivil(date)}, a day that did not exist in ${zone} (the zone skipped it when it moved across the date line)`;
}
