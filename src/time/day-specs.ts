// The parts of a phrase that name a day ("Friday", "next Friday", "June 15", "tomorrow", "the 15th"),
// a month ("this month", "May 2021"), a year or a quarter, and the rules for which occurrence they mean.
// Each part is parsed into a spec first and placed on the calendar later, because "by 5 p.m. on Friday"
// picks its Friday by the clock time, while "by Friday" picks it by the day.

import {
  type CivilDate,
  addDays,
  addMonths,
  compareDates,
  formatCivil,
  isRealDate,
  monthName,
  weekday,
  weekdayName,
} from './civil.js';
import { checkDate } from './iso-due.js';
import { MONTH, WEEKDAY, monthNumber, weekdayNumber } from './words.js';

export type DaySpec =
  | { kind: 'fixed'; date: CivilDate; label: string }
  /** 'next': strictly after the reference day; '': the same, except that with a clock time today counts. */
  | { kind: 'weekday'; weekday: number; qualifier: 'next' | '' }
  /** A month and day without a year: the next occurrence on or after the reference. */
  | { kind: 'monthday'; month: number; day: number; weekday?: number; label: string }
  /** "the 15th": the next month that has that day, on or after the reference. */
  | { kind: 'dom'; day: number };

export interface MonthSpec {
  year: number;
  month: number;
  label: string;
}

export interface Fail {
  (problem: string): never;
}

const next = '(?:next|the next|the following|following|the coming|coming|this coming)';
const current = '(?:this|the current|current)';
const previous = '(?:last|the last|previous|the previous)';

export function parseDay(s: string, today: CivilDate, fail: Fail): DaySpec | undefined {
  if (/^today$/.test(s)) return { kind: 'fixed', date: today, label: 'today' };
  if (/^tomorrow$/.test(s)) return { kind: 'fixed', date: addDays(today, 1), label: 'tomorrow' };
  if (/^(the )?day after tomorrow$/.test(s)) return { kind: 'fixed', date: addDays(today, 2), label: 'the day after tomorrow' };
  if (/^yesterday$/.test(s)) return { kind: 'fixed', date: addDays(today, -1), label: 'yesterday' };

  let m = new RegExp(`^(this |${next} )?${WEEKDAY}$`).exec(s);
  if (m) {
    const wd = weekdayNumber(m[2]!)!;
    const q = m[1]?.trim();
    if (q === 'this') {
      const date = firstWeekdayFrom(today, wd);
      return { kind: 'fixed', date, label: `this ${weekdayName(wd)} (the first ${weekdayName(wd)} on or after ${formatCivil(today)})` };
    }
    return { kind: 'weekday', weekday: wd, qualifier: q === undefined ? '' : 'next' };
  }
  m = new RegExp(`^${WEEKDAY} (?:of )?(this|next) week$|^(this|next) week'?s? ${WEEKDAY}$`).exec(s);
  if (m) {
    const wd = weekdayNumber((m[1] ?? m[4])!)!;
    const which = (m[2] ?? m[3])!;
    const monday = addDays(today, 1 - weekday(today) + (which === 'next' ? 7 : 0));
    return {
      kind: 'fixed',
      date: addDays(monday, wd - 1),
      label: `${weekdayName(wd)} ${which} week (the week of ${formatCivil(monday)}, weeks starting on Monday)`,
    };
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso) {
    const [year, month, day] = [iso[1], iso[2], iso[3]].map(Number) as [number, number, number];
    checkDate(year, month, day, fail);
    return { kind: 'fixed', date: { year, month, day }, label: s };
  }
  m =
    new RegExp(`^(?:${WEEKDAY} )?(?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH}(?: (\\d{4}))?$`).exec(s) ??
    new RegExp(`^(?:${WEEKDAY} )?${MONTH} (?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?: (\\d{4}))?$`).exec(s);
  if (m) {
    const dayFirst = /^\d/.test(m[2]!);
    const [wdWord, a, b, yearText] = [m[1], m[2]!, m[3]!, m[4]];
    const month = monthNumber(dayFirst ? b : a)!;
    const day = Number(dayFirst ? a : b);
    const wd = wdWord === undefined ? undefined : weekdayNumber(wdWord);
    const plain = `${day} ${monthName(month)}`;
    if (yearText !== undefined) {
      const year = Number(yearText);
      checkDate(year, month, day, fail);
      const date = { year, month, day };
      checkWeekday(date, wd, fail);
      return { kind: 'fixed', date, label: `${plain} ${year}` };
    }
    checkDate(2024, month, day, fail); // a leap year: "29 February" exists, "31 June" never does
    return wd === undefined ? { kind: 'monthday', month, day, label: plain } : { kind: 'monthday', month, day, weekday: wd, label: plain };
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)(?: of the month)?$/.exec(s);
  if (m) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) fail(`names day ${day} of a month; months have at most 31 days`);
    return { kind: 'dom', day };
  }
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? of (${current}|${next}) month$`).exec(s);
  if (m) {
    const base = /this|current/.test(m[2]!) ? today : addMonths({ ...today, day: 1 }, 1);
    const day = Number(m[1]);
    checkDate(base.year, base.month, day, fail);
    return { kind: 'fixed', date: { year: base.year, month: base.month, day }, label: `${day} ${monthName(base.month)} ${base.year}` };
  }
  return undefined;
}

function checkWeekday(date: CivilDate, wd: number | undefined, fail: Fail): void {
  if (wd !== undefined && weekday(date) !== wd) {
    fail(`says ${weekdayName(wd)}, but ${formatCivil(date).slice(4)} is a ${weekdayName(weekday(date))}`);
  }
}

export function firstWeekdayFrom(date: CivilDate, wd: number): CivilDate {
  return addDays(date, (wd - weekday(date) + 7) % 7);
}

/**
 * Places a day spec on the calendar: the first candidate day (from `today` on) for which `accepts`
 * holds. `accepts` says whether that day's due instant is still at or after the reference, so a clock
 * time that has already passed today moves the deadline to the next occurrence.
 */
export function placeDay(spec: DaySpec, today: CivilDate, accepts: (date: CivilDate) => boolean, hasTime: boolean, fail: Fail): { date: CivilDate; label: string } {
  switch (spec.kind) {
    case 'fixed':
      return { date: spec.date, label: spec.label };
    case 'weekday': {
      const name = weekdayName(spec.weekday);
      const strict = spec.qualifier === 'next' || !hasTime;
      let date = firstWeekdayFrom(strict ? addDays(today, 1) : today, spec.weekday);
      if (!accepts(date)) date = addDays(date, 7);
      const prefix = spec.qualifier === 'next' ? `next ${name}` : name;
      const rule = strict ? `the first ${name} after ${formatCivil(today)}` : `the first ${name} on which that time is after the announcement`;
      return { date, label: `${prefix} (${rule})` };
    }
    case 'monthday': {
      for (let year = today.year; year <= today.year + 8; year++) {
        if (!isRealDate(year, spec.month, spec.day)) continue;
        const date = { year, month: spec.month, day: spec.day };
        if (compareDates(date, today) < 0 || !accepts(date)) continue;
        checkWeekday(date, spec.weekday, fail);
        const note = year === today.year ? '' : ` (the next ${spec.label} on or after ${formatCivil(today)})`;
        return { date, label: `${spec.label}${note}` };
      }
      return fail('names a date with no occurrence in the next eight years');
    }
    case 'dom': {
      for (let i = 0; i <= 24; i++) {
        const first = addMonths({ ...today, day: 1 }, i);
        if (!isRealDate(first.year, first.month, spec.day)) continue;
        const date = { ...first, day: spec.day };
        if (compareDates(date, today) < 0 || !accepts(date)) continue;
        return { date, label: `the ${ordinal(spec.day)} (the next ${ordinal(spec.day)} of a month on or after ${formatCivil(today)})` };
      }
      return fail(`names day ${spec.day} of a month, which no month has`);
    }
  }
}

export function parseMonth(s: string, today: CivilDate): MonthSpec | undefined {
  if (new RegExp(`^(${current} )?month$`).test(s)) return { ...today, label: 'this month' };
  if (new RegExp(`^${next} month$`).test(s)) return { ...addMonths({ ...today, day: 1 }, 1), label: 'next month' };
  if (new RegExp(`^${previous} month$`).test(s)) return { ...addMonths({ ...today, day: 1 }, -1), label: 'last month' };
  const m = new RegExp(`^${MONTH}(?: (\\d{4}))?$`).exec(s);
  if (m) {
    const month = monthNumber(m[1]!)!;
    if (m[2] !== undefined) return { year: Number(m[2]), month, label: `${monthName(month)} ${m[2]}` };
    const year = month >= today.month ? today.year : today.year + 1;
    const note = year === today.year ? '' : ` (the next ${monthName(month)} after ${formatCivil(today)})`;
    return { year, month, label: `${monthName(month)}${note}` };
  }
  const iso = /^(\d{4})-(\d{2})$/.exec(s);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return { year: Number(iso[1]), month: Number(iso[2]), label: s };
  return undefined;
}

/** A year, as its last day. */
export function parseYear(s: string, today: CivilDate): { year: number; label: string } | undefined {
  if (new RegExp(`^(${current} )?year$`).test(s)) return { year: today.year, label: 'this year' };
  if (new RegExp(`^${next} year$`).test(s)) return { year: today.year + 1, label: 'next year' };
  if (new RegExp(`^${previous} year$`).test(s)) return { year: today.year - 1, label: 'last year' };
  const m = /^(\d{4})$/.exec(s);
  if (m) return { year: Number(m[1]), label: m[1]! };
  return undefined;
}

/** A calendar quarter (Q1 = January–March), as its last month. */
export function parseQuarter(s: string, today: CivilDate): MonthSpec | undefined {
  const q = Math.ceil(today.month / 3);
  if (new RegExp(`^(${current} )?quarter$`).test(s)) return { year: today.year, month: q * 3, label: 'this quarter' };
  if (new RegExp(`^${next} quarter$`).test(s)) return { ...addMonths({ year: today.year, month: q * 3, day: 1 }, 3), label: 'next quarter' };
  const m = /^(?:q([1-4])|([1-4])(?:st|nd|rd|th) quarter)(?: of)?(?: (\d{4}))?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2]);
  if (m[3] !== undefined) return { year: Number(m[3]), month: n * 3, label: `Q${n} ${m[3]}` };
  const year = n >= q ? today.year : today.year + 1;
  return { year, month: n * 3, label: `Q${n}${year === today.year ? '' : ` (the next Q${n}: ${year})`}` };
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
