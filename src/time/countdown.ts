// The one countdown Docket shows, on pages, in emails and in the CLI: how long until (or since) a due
// moment, as precisely as a reader can use it at a glance. "6 days 23 h", "3 h 12 min", "79 days",
// "7 months 4 days". Always to the exact instant (a day-precision deadline ends at 23:59:59.999 where it
// was set), so it agrees with the reader's own clock time shown beside it.

import { DateTime } from 'luxon';
import { isValidZone } from './zone.js';

export interface TimeLeft {
  /** Milliseconds from `from` to `to` (negative once the moment has passed). */
  ms: number;
  past: boolean;
  /** The amount alone: '6 days 23 h', 'less than a minute'. */
  amount: string;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Under an hour: minutes; under a day: hours and minutes; under 14 days: days and hours; under 100 days:
 * days; then months and days (calendar months in `zone`), then years and months.
 */
export function timeLeft(from: Date, to: Date, zone = 'UTC'): TimeLeft {
  const ms = to.getTime() - from.getTime();
  if (!Number.isFinite(ms)) return { ms: Number.NaN, past: false, amount: 'an unknown time' };
  const past = ms < 0;
  const abs = Math.abs(ms);
  return { ms, past, amount: amountOf(abs, past ? to : from, past ? from : to, isValidZone(zone) ? zone : 'UTC') };
}

function amountOf(abs: number, earlier: Date, later: Date, zone: string): string {
  if (abs < minute) return 'less than a minute';
  if (abs < hour) return unit(Math.floor(abs / minute), 'min', 'min');
  if (abs < day) {
    const h = Math.floor(abs / hour);
    const m = Math.floor((abs % hour) / minute);
    return m === 0 ? unit(h, 'h', 'h') : `${unit(h, 'h', 'h')} ${unit(m, 'min', 'min')}`;
  }
  if (abs < 14 * day) {
    const d = Math.floor(abs / day);
    const h = Math.floor((abs % day) / hour);
    return h === 0 ? unit(d, 'day', 'days') : `${unit(d, 'day', 'days')} ${unit(h, 'h', 'h')}`;
  }
  if (abs < 100 * day) return unit(Math.floor(abs / day), 'day', 'days');
  // Calendar months in the reader's zone: 31 May → 30 Jun is one month, whatever the month lengths.
  const a = DateTime.fromJSDate(earlier, { zone });
  const b = DateTime.fromJSDate(later, { zone });
  const diff = b.diff(a, ['years', 'months', 'days']);
  const years = Math.floor(diff.years);
  const months = Math.floor(diff.months);
  const days = Math.floor(diff.days);
  if (years >= 2) return months === 0 ? unit(years, 'year', 'years') : `${unit(years, 'year', 'years')} ${unit(months, 'month', 'months')}`;
  const allMonths = years * 12 + months;
  return days === 0 ? unit(allMonths, 'month', 'months') : `${unit(allMonths, 'month', 'months')} ${unit(days, 'day', 'days')}`;
}

function unit(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** '6 days 23 h left' / 'overdue by 2 days' (for something still open). */
export function leftPhrase(t: TimeLeft): string {
  if (Number.isNaN(t.ms)) return 'at an unknown time';
  return t.past ? `overdue by ${t.amount}` : `${t.amount} left`;
}

/** 'in 6 days 23 h' / '2 days ago' (neutral: for announcements, history, resolved deadlines). */
export function relativePhrase(t: TimeLeft): string {
  if (Number.isNaN(t.ms)) return 'at an unknown time';
  if (t.amount === 'less than a minute') return 'now';
  return t.past ? `${t.amount} ago` : `in ${t.amount}`;
}
