// ISO 8601 forms: 2020-05-31 (a day), 2020-06 (a month), 2020-05-31T17:00 (a wall-clock time in the
// deadline's zone) and 2020-05-31T17:00+02:00 / …Z (an exact instant). 2020/05/31 is read as 2020-05-31:
// with the year first there is no day/month doubt.

import { DateTime } from 'luxon';
import { type CivilDate, type WallTime, isRealDate, monthName } from './civil.js';

export type IsoReading =
  | { kind: 'date'; date: CivilDate }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'wall'; date: CivilDate; time: WallTime }
  | { kind: 'exact'; instant: Date };

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$|^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const monthRe = /^(\d{4})-(\d{2})$/;
const dateTimeRe = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads `text` as ISO 8601, returns undefined when it is not ISO-shaped at all, and calls `fail` when it
 * is ISO-shaped but impossible (2021-02-29, month 13, 25:00).
 */
export function readIso(text: string, fail: (problem: string) => never): IsoReading | undefined {
  const s = text.trim();
  const d = dateRe.exec(s);
  if (d) {
    const [year, month, day] = (d[1] ? [d[1], d[2], d[3]] : [d[4], d[5], d[6]]).map(Number) as [number, number, number];
    checkDate(year, month, day, fail);
    return { kind: 'date', date: { year, month, day } };
  }
  const m = monthRe.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) fail(`has no month ${month}: months run from 01 to 12`);
    return { kind: 'month', year, month };
  }
  const t = dateTimeRe.exec(s);
  if (!t) return undefined;
  const [year, month, day, hour, minute, second] = [t[1], t[2], t[3], t[4], t[5], t[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const millisecond = Number((t[7] ?? '0').padEnd(3, '0').slice(0, 3));
  checkDate(year, month, day, fail);
  if (hour > 23 || minute > 59 || second > 59) fail('has an impossible time of day (hours run 00–23, minutes and seconds 00–59)');
  const date = { year, month, day };
  const time = { hour, minute, second, millisecond };
  const offset = t[8];
  if (offset === undefined) return { kind: 'wall', date, time };
  const offsetMinutes = parseOffset(offset, fail);
  const wall = DateTime.utc(year, month, day, hour, minute, second, millisecond).toMillis();
  return { kind: 'exact', instant: new Date(wall - offsetMinutes * 60_000) };
}

function parseOffset(offset: string, fail: (problem: string) => never): number {
  if (offset.toLowerCase() === 'z') return 0;
  const o = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  const hours = Number(o?.[2]);
  const minutes = Number(o?.[3] ?? '0');
  if (!o || hours > 14 || minutes > 59) fail(`has an impossible UTC offset "${offset}" (offsets run from -12:00 to +14:00)`);
  return (o[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function checkDate(year: number, month: number, day: number, fail: (problem: string) => never): void {
  if (month < 1 || month > 12) fail(`has no month ${month}: months run from 01 to 12`);
  if (isRealDate(year, month, day)) return;
  if (month === 2 && day === 29) fail(`is not a real date: ${year} is not a leap year, so February has 28 days`);
  const last = DateTime.utc(year, month, 1).daysInMonth ?? 31;
  fail(`is not a real date: ${monthName(month)} has ${last} days`);
}
