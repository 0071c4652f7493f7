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

/** The calendar date of `instant` in `zone`. */
export function civilDateAt(instant: Date, zone: string): CivilDate {
  return civil(DateTime.fromJSDate(instant, { zone }));
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
  const wall = DateTime.utc(date.year, date.month, date.day, time.hour, time.minute, time.second ?? 0, time.millisecond ?? 0).toMillis();
  const offsets = new Set([tz.offset(wall - DAY_MS), tz.offset(wall), tz.offset(wall + DAY_MS)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset * 60_000;
    if (tz.offset(candidate) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/** The first instant of `date` in `zone` (00:00, or the end of a DST gap that swallows midnight). */
export function startOfDay(date: CivilDate, zone: string): Date {
  const exact = wallClockInstants(date, { hour: 0, minute: 0 }, zone)[0];
  if (exact !== undefined) return new Date(exact);
  // Midnight falls in a gap: the day starts where the gap ends. No gap is longer than a day.
  return new Date(DateTime.fromObject({ ...date, hour: 0 }, { zone }).toMillis());
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
  const wall = DateTime.utc(date.year, date.month, date.day, time.hour, time.minute).toMillis();
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
