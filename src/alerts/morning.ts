// The morning hour: reminders and digests go out at one wall-clock time (09:00 by default) in the
// reader's zone. Which instant that is on a given day, across DST, is src/time's `instantAt`; this file
// only walks the calendar to the right morning.

import { invalid } from '../errors.js';
import { type CivilDate, addDays, civilDateAt, instantAt, weekday } from '../time/civil.js';

/** A morning and the calendar date it belongs to. */
export interface Morning {
  date: CivilDate;
  at: Date;
}

export function assertMorning(hour: number, minute: number, field: string): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw invalid(`${field} hour`, hour, 'must be a whole hour from 0 to 23');
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw invalid(`${field} minute`, minute, 'must be a whole minute from 0 to 59');
}

/** The morning-hour instant on a calendar date in a zone. */
export function morningOf(zone: string, date: CivilDate, hour: number, minute: number): Date {
  return instantAt(date, { hour, minute }, zone);
}

/** The first morning-hour instant strictly after `after`, with the calendar date it belongs to. */
export function nextMorning(zone: string, hour: number, minute: number, after: Date): Morning {
  let date = civilDateAt(after, zone);
  // Two steps always suffice (today's morning, else tomorrow's); the third covers a skipped calendar day.
  for (let i = 0; i < 3; i += 1) {
    const at = morningOf(zone, date, hour, minute);
    if (at.getTime() > after.getTime()) return { date, at };
    date = addDays(date, 1);
  }
  return { date, at: morningOf(zone, date, hour, minute) };
}

/** The last morning-hour instant at or before `at`, with its calendar date. */
export function lastMorning(zone: string, hour: number, minute: number, at: Date): Morning {
  let date = civilDateAt(at, zone);
  for (let i = 0; i < 3; i += 1) {
    const candidate = morningOf(zone, date, hour, minute);
    if (candidate.getTime() <= at.getTime()) return { date, at: candidate };
    date = addDays(date, -1);
  }
  return { date, at: morningOf(zone, date, hour, minute) };
}

/** The last morning-hour instant at or before `at` on an ISO weekday (1 = Monday), with its date. */
export function lastWeekdayMorning(zone: string, isoWeekday: number, hour: number, minute: number, at: Date): Morning {
  let date = civilDateAt(at, zone);
  date = addDays(date, -((weekday(date) - isoWeekday + 7) % 7));
  // This week's morning, else last week's (a skipped calendar day can only shorten the walk).
  const candidate = morningOf(zone, date, hour, minute);
  if (candidate.getTime() <= at.getTime()) return { date, at: candidate };
  const before = addDays(date, -7);
  return { date: before, at: morningOf(zone, before, hour, minute) };
}

/** The first morning-hour instant strictly after `after` on an ISO weekday, with its date. */
export function nextWeekdayMorning(zone: string, isoWeekday: number, hour: number, minute: number, after: Date): Morning {
  const last = lastWeekdayMorning(zone, isoWeekday, hour, minute, after);
  const date = addDays(last.date, 7);
  return { date, at: morningOf(zone, date, hour, minute) };
}
