// Reading what an admin typed as a deadline ("by the end of this month", "2020-05-31T17:00") into a due
// moment, relative to the announcement's date in the deadline's zone. Rules: docs/deadline-expressions.md.

import { invalid } from '../errors.js';
import { addDays, civilDateAt, dayExists, missingDayProblem, endOfDay, endOfMonth, gapProblem, isoDate, monthName, startOfDay, wallClockInstants } from './civil.js';
import type { Fail } from './day-specs.js';
import type { DueMoment } from './due-moment.js';
import { formatDueShort, formatInZone } from './format.js';
import { inAcceptedRange, outOfRangeProblem } from './instant-range.js';
import { type IsoReading, readIso } from './iso-due.js';
import { cjkToEnglish } from './phrases-cjk.js';
import { readPhrase, stripLeadingWords } from './phrases.js';
import { normalize } from './words.js';
import { assertZone } from './zone.js';

export interface DueReading {
  due: DueMoment;
  expression: string;
  /** how it was read, e.g. 'end of this month → Sun 31 May 2020' */
  reading: string;
}

const examples =
  'write an ISO date (2020-05-31), a local time (2020-05-31T17:00) or a phrase such as "end of this month", "within 30 days", ' +
  '"by June 15", "next Friday" or "by 5 p.m. on Friday" (every form: docs/deadline-expressions.md)';

/**
 * Reads a due expression. Throws a validation AppError naming `field` (default `due`) and the value when
 * the expression cannot be read, is ambiguous, names an impossible date, or falls before the announcement.
 */
export function readDue(expression: string, context: { announcedAt: Date; zone: string; field?: string }): DueReading {
  const field = context.field ?? 'due';
  const zone = assertZone(context.zone, 'zone');
  const at = checkInstant(context.announcedAt, 'announced');
  const fail: Fail = (problem) => {
    throw invalid(field, expression, problem);
  };
  const { due, label } = interpret(expression, at, zone, fail, 'due');
  if (due.instant.getTime() < at.getTime()) {
    fail(`is before the announcement: it reads as ${describeBriefly(due)}, but the deadline was announced ${formatInZone(at, zone)}; a deadline cannot fall due before it is announced`);
  }
  const zoneNote = due.precision === 'instant' ? ` ${due.zone}` : '';
  return { due, expression: expression.trim(), reading: `${label} → ${formatDueShort(due)}${zoneNote}` };
}

/**
 * Reads a point in time for --announced, --due-before, --due-after, --now and the like. An ISO date (or
 * month) means its start in `zone`; a phrase means the end of the period it names, read relative to `now`;
 * "now" is `now`.
 */
export function readInstant(expression: string, context: { now: Date; zone: string; field: string }): Date {
  const zone = assertZone(context.zone, 'zone');
  const now = checkInstant(context.now, 'now');
  const fail: Fail = (problem) => {
    throw invalid(context.field, expression, problem);
  };
  if (typeof expression === 'string' && normalize(expression) === 'now') return new Date(now.getTime());
  return interpret(expression, now, zone, fail, 'instant').due.instant;
}

function interpret(expression: string, at: Date, zone: string, fail: Fail, mode: 'due' | 'instant'): { due: DueMoment; label: string } {
  const read = interpretAny(expression, at, zone, fail, mode);
  // Checked on the instant, not the typed year: 1000-01-01 in Seoul is still 999 in UTC.
  if (!inAcceptedRange(read.due.instant)) fail(outOfRangeProblem);
  return read;
}

function interpretAny(expression: string, at: Date, zone: string, fail: Fail, mode: 'due' | 'instant'): { due: DueMoment; label: string } {
  if (typeof expression !== 'string' || expression.trim() === '') fail(`is empty; ${examples}`);
  // A Japanese or Korean phrase (今月末までに, 이달 말까지) is read as the English phrase it stands for.
  const s = normalize(cjkToEnglish(expression) ?? expression);
  if (s === '') fail(`is empty; ${examples}`);
  const { rest, before } = stripLeadingWords(s);
  const iso = readIso(rest, fail);
  if (iso) {
    if (before && iso.kind !== 'exact' && iso.kind !== 'wall') {
      const example = iso.kind === 'date' ? ` (e.g. "${isoDate(addDays(iso.date, -1))}" or "${isoDate(iso.date)}")` : '';
      fail(`is ambiguous: "before" a day may or may not include that day; write the last day that still counts${example}`);
    }
    return { due: fromIso(iso, zone, fail, mode), label: rest.toUpperCase().replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T') };
  }
  checkNumericDate(rest, fail);
  const phrase = readPhrase(s, { today: civilDateAt(at, zone), at, zone, fail });
  if (phrase) return phrase;
  const unknown = /^(?:next|this|last|coming) ([a-z]+)$/.exec(rest);
  if (unknown) fail(`cannot be read: "${unknown[1]}" is not a day of the week, a month or a period Docket knows; ${examples}`);
  return fail(`cannot be read as a ${mode === 'due' ? 'deadline' : 'date'}; ${examples}`);
}

function fromIso(iso: IsoReading, zone: string, fail: Fail, mode: 'due' | 'instant'): DueMoment {
  switch (iso.kind) {
    case 'date':
      if (!dayExists(iso.date, zone)) fail(missingDayProblem(iso.date, zone));
      return mode === 'due' ? { instant: endOfDay(iso.date, zone), zone, precision: 'day' } : { instant: startOfDay(iso.date, zone), zone, precision: 'instant' };
    case 'month':
      return mode === 'due'
        ? { instant: endOfMonth(iso.year, iso.month, zone), zone, precision: 'month' }
        : { instant: startOfDay({ year: iso.year, month: iso.month, day: 1 }, zone), zone, precision: 'instant' };
    case 'wall': {
      // In a fall-back overlap the earlier of the two instants is taken (the first time the clock shows it).
      const [first] = wallClockInstants(iso.date, iso.time, zone);
      if (first === undefined) return fail(gapProblem(iso.date, iso.time, zone));
      return { instant: new Date(first), zone, precision: 'instant' };
    }
    case 'exact':
      return { instant: iso.instant, zone, precision: 'instant' };
  }
}

// 03/04/2020 is 3 April in most of the world and March 4 in the US: refuse to guess, and show both.
function checkNumericDate(s: string, fail: Fail): void {
  const m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$/.exec(s);
  if (!m) return;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3] === undefined ? 'YYYY' : m[3].length === 2 ? `20${m[3]}` : m[3];
  const iso = (month: number, day: number): string => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a !== b) {
    fail(`is ambiguous: the order of day and month is unknown (${a} ${monthName(b)} or ${monthName(a)} ${b}?); write it in ISO form, ${iso(b, a)} or ${iso(a, b)}`);
  }
  const [month, day] = a > 12 ? [b, a] : [a, b];
  fail(`uses a numeric date whose day/month order differs between countries; write it in ISO form (${iso(month, day)}) or with the month's name`);
}

function describeBriefly(due: DueMoment): string {
  if (due.precision === 'day') return `${formatDueShort(due)} (end of day, ${due.zone})`;
  if (due.precision === 'month') return `${formatDueShort(due)} (${due.zone})`;
  return formatInZone(due.instant, due.zone);
}

function checkInstant(value: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(field, String(value), 'is not a valid date and time');
  return value;
}
