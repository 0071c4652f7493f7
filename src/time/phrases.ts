// Docket's deadline phrases, as explicit rules (no general-purpose date parser: the ones available read
// "by the end of the year" as a year from now and "mid-June" as 1 June). Every phrase is read relative
// to a reference day (the announcement's date in the deadline's zone) and yields a due moment plus a
// label saying how it was read. docs/deadline-expressions.md is the reference for people.

import {
  type CivilDate,
  type WallTime,
  addDays,
  addMonths,
  addYears,
  dayExists,
  endOfDay,
  endOfMonth,
  formatCivil,
  gapProblem,
  lastDayOfMonth,
  missingDayProblem,
  wallClockInstants,
} from './civil.js';
import { type DaySpec, type Fail, parseDay, parseMonth, parseQuarter, parseYear, placeDay } from './day-specs.js';
import type { DueMoment } from './due-moment.js';
import { formatInZone } from './format.js';
import { MONTH, monthNumber } from './words.js';

export interface PhraseContext {
  /** The reference date (the announcement's, or today's) in the deadline's zone. */
  today: CivilDate;
  /** The reference instant. */
  at: Date;
  zone: string;
  fail: Fail;
}

export interface PhraseReading {
  due: DueMoment;
  /** How the phrase was understood, e.g. 'next Friday (the first Friday after Tue 12 May 2020)'. */
  label: string;
}

const leadingWords = /^(by|no later than|not later than|on or before|until|till|til|due|deadline|on|at|the):?\s+/;

/** Drops "by", "no later than", "the" …; notes "before", whose reading depends on what follows. */
export function stripLeadingWords(s: string): { rest: string; before: boolean } {
  let rest = s;
  let before = false;
  for (;;) {
    const b = /^before\s+/.exec(rest);
    const m = b ?? leadingWords.exec(rest);
    if (!m) return { rest, before };
    if (b) before = true;
    rest = rest.slice(m[0].length);
  }
}

const vague =
  /^(soon|asap|a\.s\.a\.p|as soon as possible|shortly|promptly|immediately|at once|without delay|in due course|in the near future|at the earliest( opportunity)?|eventually|later|tbd|tba|to be (determined|announced|confirmed)|unknown|n\/a|none|no deadline|whenever|sometime|some time|any time|anytime)$/;
// "in the coming days", "within the next weeks", "over the coming months", "in a few days": a plural with
// no number says "soon", not when. (Singular "within the next month" is one month and is read below.)
const vaguePeriod =
  /^(?:(?:in|within|over|during|throughout|for)(?: the)? )?(?:(?:coming|next|following|upcoming|nearest)(?: few| several| couple of)?|a few|a couple of|few|several|some|the few|the next few) (?:days|weeks|months|years)(?: ahead| to come)?$|^(?:in|within|over)(?: the)? (?:days|weeks|months) (?:ahead|to come)$/;
const vagueProblem = 'names no date: give one (e.g. "by 15 June", 2020-06-15 or "within 30 days")';
const zoneAbbreviation = /\b(kst|jst|est|edt|cst|cdt|mst|mdt|pst|pdt|hst|akst|akdt|bst|cet|cest|eet|eest|wet|west|ist|hkt|sgt|aest|aedt|awst|nzst|nzdt|wib|msk)\b/;
const partOfPeriod = /^(early|late|beginning of|start of|the beginning of|the start of|first half of|second half of|the first half of|the second half of|end of the first half of)\b/;
const weekEnd = /^(?:end of )?(?:the )?(?:(?:this|current|next|the following|following|coming|the coming) )?(?:working |work |business )?week$/;

const UNIT = '(calendar days?|days?|weeks?|fortnights?|months?|years?|hours?|hrs?)';
const ANCHOR = '(?:announcement|the announcement|date of announcement|the date of the announcement|today|now)';
const TIME = '(noon|midday|midnight|\\d{1,2}(?::\\d{2})? ?[ap]\\.?m\\.?|\\d{1,2}:\\d{2})';
const UTC = '(?: (utc|gmt|z))?';

/** Reads a normalized phrase (see words.ts). Returns undefined when no rule matches. */
export function readPhrase(normalized: string, ctx: PhraseContext): PhraseReading | undefined {
  const { rest, before } = stripLeadingWords(normalized);
  let s = rest
    .replace(/\bmid-/g, 'mid ')
    .replace(/\bend-of-/g, 'end of ')
    .replace(/^(month|year|quarter)[- ]end$/, 'end of this $1')
    .replace(/^eod\b/, 'end of day')
    .replace(/\b12 (noon|midnight)\b/, '$1');
  s = stripLeadingWords(s).rest;
  const { fail } = ctx;

  if (vague.test(s) || vaguePeriod.test(s)) fail(vagueProblem);
  if (/\b(fiscal|financial) (year|quarter)\b|\bfy ?\d{0,4}\b/.test(s)) {
    fail('names a fiscal year, which starts on a different date in each government and company (Japan\'s on 1 April, the US federal one on 1 October); give the date itself (e.g. "by 31 March 2021")');
  }
  if (before && !/^(end of|mid |middle of|the middle of)/.test(s)) {
    fail('is ambiguous: "before" a day may or may not include that day; write "by" with the last day that still counts (e.g. "by June 14"), or a date');
  }
  if (/\b(?:end|close) of (?:the |this )?(?:business|working|work) day\b/.test(s)) {
    fail('names the end of a business day, which depends on office hours Docket does not know; give a clock time ("by 5 p.m. on 15 June") or just the day ("by 15 June" is the end of that day)');
  }
  if (/\b(close of business|end of business|cob|eob)\b/.test(s)) {
    fail('names no clock time (offices close at different hours); give one ("by 5 p.m. on Friday") or just the day ("by Friday" is the end of that day)');
  }
  if (/\b(business|working|work) days?\b/.test(s)) {
    fail('counts business days, which depend on a holiday calendar Docket does not keep; give the date itself (e.g. 2020-06-01) or count calendar days ("within 30 days")');
  }
  const abbreviation = zoneAbbreviation.exec(s);
  if (abbreviation) {
    fail(
      `names the time-zone abbreviation "${abbreviation[1]!.toUpperCase()}"; abbreviations are ambiguous and do not follow daylight saving time, ` +
        `so times are read in the deadline's zone (${ctx.zone}): drop it, set the zone, or give an exact ISO time (e.g. 2020-05-15T17:00+09:00)`,
    );
  }
  if (partOfPeriod.test(s) || /^(mid|middle of|the middle of) (the )?((this|next|last) )?(year|week|quarter|\d{4})$/.test(s)) {
    fail('is too vague to track: it names part of a period, not a day; give a date ("by June 10"), "mid-June" (read as the 15th) or "end of June"');
  }
  if (weekEnd.test(s)) {
    fail('is ambiguous: the end of a week may mean Friday (the working week) or Sunday; name the day ("by Friday", "by Sunday", "Friday next week") or give a date');
  }

  return duration(s, ctx) ?? endOf(s, ctx) ?? middleOf(s, ctx) ?? wholeMonth(s, ctx) ?? withTime(s, ctx) ?? dayOnly(s, ctx);
}

function dayDue(date: CivilDate, ctx: PhraseContext): DueMoment {
  if (date.year > 9999) ctx.fail('is too far in the future');
  if (!dayExists(date, ctx.zone)) ctx.fail(missingDayProblem(date, ctx.zone));
  return { instant: endOfDay(date, ctx.zone), zone: ctx.zone, precision: 'day' };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

// "within 30 days", "in two weeks", "within 3 months", "30 days from the announcement", "2 weeks ago".
function duration(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const m =
    new RegExp(`^(?:within|in|inside|inside of|over)(?: the)?(?: next| coming| following)? (\\d+) ${UNIT}(?:'s?)?(?: time)?(?: (?:of|from|after) ${ANCHOR})?$`).exec(s) ??
    new RegExp(`^(\\d+) ${UNIT} (?:(?:from|after|of) ${ANCHOR}|hence)$`).exec(s);
  const one = new RegExp(`^(?:within|in|over) (?:the )?(?:next|coming|following) ${UNIT}$`).exec(s);
  const ago = new RegExp(`^(\\d+) ${UNIT} ago$`).exec(s);
  const found = m ? { n: Number(m[1]), unit: m[2]!, sign: 1 } : one ? { n: 1, unit: one[1]!, sign: 1 } : ago ? { n: Number(ago[1]), unit: ago[2]!, sign: -1 } : undefined;
  if (!found) return undefined;
  const { n, sign } = found;
  const unit = found.unit.replace(/^calendar /, '').replace(/s$/, '').replace(/^hr$/, 'hour');
  if (n === 0) ctx.fail('counts zero; a deadline needs at least one day (for the announcement day itself write "end of today")');
  if (n > 100_000) ctx.fail('is too far in the future');
  const sum = `${sign > 0 ? '+' : '−'} ${plural(n, unit)}`;
  if (unit === 'hour') {
    const instant = new Date(ctx.at.getTime() + sign * n * 3_600_000);
    const label = `${sign > 0 ? 'within ' : ''}${plural(n, 'hour')}${sign > 0 ? '' : ' ago'} (${formatInZone(ctx.at, ctx.zone)} ${sum})`;
    return { due: { instant, zone: ctx.zone, precision: 'instant' }, label };
  }
  const date =
    unit === 'month' ? addMonths(ctx.today, sign * n)
    : unit === 'year' ? addYears(ctx.today, sign * n)
    : addDays(ctx.today, sign * n * (unit === 'week' ? 7 : unit === 'fortnight' ? 14 : 1));
  const label = sign > 0 ? `within ${plural(n, unit)} (${formatCivil(ctx.today)} ${sum})` : `${plural(n, unit)} ago (${formatCivil(ctx.today)} ${sum})`;
  return { due: dayDue(date, ctx), label };
}

// "end of this month", "end of May 2021", "end of the year", "end of Q3", "end of Friday", "end of the day".
function endOf(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const m = /^end of (?:the )?(?:month of )?(.+)$/.exec(s);
  if (!m) return undefined;
  const what = m[1]!;
  if (/^(business )?day$|^today$/.test(what)) return { due: dayDue(ctx.today, ctx), label: 'end of today' };
  const month = parseMonth(what, ctx.today) ?? parseQuarter(what, ctx.today);
  if (month) return { due: dayDue(lastDayOfMonth(month.year, month.month), ctx), label: `end of ${month.label}` };
  const year = parseYear(what, ctx.today);
  if (year) return { due: dayDue({ year: year.year, month: 12, day: 31 }, ctx), label: `end of ${year.label}` };
  const dayText = /^(?:the )?day (?:on |of )?(.+)$/.exec(what)?.[1] ?? what;
  const spec = parseDay(dayText, ctx.today, ctx.fail);
  if (!spec) return undefined;
  const placed = placeDay(spec, ctx.today, () => true, false, ctx.fail);
  return { due: dayDue(placed.date, ctx), label: `end of ${placed.label}` };
}

// "mid-June" → 15 June (next occurrence), "mid-next month", "the middle of May 2021".
function middleOf(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const m = /^(?:mid|middle of|the middle of) (?:the )?(.+)$/.exec(s);
  if (!m) return undefined;
  const what = m[1]!;
  const bare = new RegExp(`^${MONTH}$`).exec(what);
  if (bare) {
    const month = monthNumber(bare[1]!)!;
    const spec: DaySpec = { kind: 'monthday', month, day: 15, label: `15 ${monthNameOf(month)}` };
    const placed = placeDay(spec, ctx.today, () => true, false, ctx.fail);
    return { due: dayDue(placed.date, ctx), label: `mid-${monthNameOf(month)} (read as ${placed.label})` };
  }
  const month = parseMonth(what, ctx.today);
  if (!month) return undefined;
  return { due: dayDue({ year: month.year, month: month.month, day: 15 }, ctx), label: `mid-${month.label} (read as the 15th)` };
}

function monthNameOf(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
}

// "in June", "by June", "June 2021", "next month": the whole month, month precision.
function wholeMonth(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const what = s.replace(/^(in|during|within|sometime in|some time in|over|throughout) /, '').replace(/^the /, '').replace(/^month of /, '');
  const month = parseMonth(what, ctx.today);
  if (month) {
    return { due: { instant: endOfMonth(month.year, month.month, ctx.zone), zone: ctx.zone, precision: 'month' }, label: `${month.label} (the whole month)` };
  }
  if (parseYear(what, ctx.today) && !/^(this|next|last|current)/.test(what)) {
    ctx.fail(`names a whole year; write "end of ${what}" for 31 December ${what}`);
  }
  return undefined;
}

// "by 5 p.m. on Friday", "tomorrow at noon", "17:00 on 15 June", "by 5pm", "midnight on Friday".
function withTime(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const lead = new RegExp(`^${TIME}${UTC} (?:on )?(.+)$`).exec(s);
  const trail = new RegExp(`^(.+?) (?:at |by |before )?${TIME}${UTC}$`).exec(s);
  const alone = new RegExp(`^${TIME}${UTC}$`).exec(s);
  let timeText: string, utc: string | undefined, dayText: string | undefined;
  if (alone) [timeText, utc, dayText] = [alone[1]!, alone[2], undefined];
  else if (lead) [timeText, utc, dayText] = [lead[1]!, lead[2], lead[3]];
  else if (trail) [timeText, utc, dayText] = [trail[2]!, trail[3], trail[1]];
  else return undefined;

  const spec = dayText === undefined ? undefined : parseDay(dayText, ctx.today, ctx.fail);
  if (dayText !== undefined && !spec) return undefined;
  const time = parseTime(timeText, ctx.fail);

  if (time === 'midnight') {
    // "by midnight on Friday" means the end of Friday, as deadlines use it.
    const placed = spec ? placeDay(spec, ctx.today, () => true, false, ctx.fail) : { date: ctx.today, label: 'today' };
    if (utc) {
      const instant = new Date(endOfDay(placed.date, 'UTC').getTime());
      return { due: { instant, zone: ctx.zone, precision: 'instant' }, label: `midnight UTC at the end of ${placed.label}` };
    }
    return { due: dayDue(placed.date, ctx), label: `midnight at the end of ${placed.label}` };
  }

  const zone = utc ? 'UTC' : ctx.zone;
  const instantOn = (date: CivilDate): number | undefined => wallClockInstants(date, time, zone)[0];
  // A day whose time falls in a DST gap is compared at the day's end; if it is chosen, it is refused below.
  const accepts = (date: CivilDate): boolean => (instantOn(date) ?? endOfDay(date, zone).getTime()) >= ctx.at.getTime();
  let placed: { date: CivilDate; label: string };
  if (spec) placed = placeDay(spec, ctx.today, accepts, true, ctx.fail);
  else placed = accepts(ctx.today) ? { date: ctx.today, label: 'today' } : { date: addDays(ctx.today, 1), label: 'tomorrow (that time had passed today)' };
  const instant = instantOn(placed.date);
  if (instant === undefined) return ctx.fail(gapProblem(placed.date, time, zone));
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}${utc ? ' UTC' : ''}`;
  const on = /^(today|tomorrow|the day after)/.test(placed.label) ? ' ' : ' on ';
  return { due: { instant: new Date(instant), zone: ctx.zone, precision: 'instant' }, label: `${clock}${on}${placed.label}` };
}

function parseTime(text: string, fail: Fail): WallTime | 'midnight' {
  if (text === 'midnight') return 'midnight';
  if (text === 'noon' || text === 'midday') return { hour: 12, minute: 0 };
  const twelve = /^(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?$/.exec(text);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? '0');
    if (hour < 1 || hour > 12 || minute > 59) fail(`has an impossible clock time "${text}" (use 1–12 with a.m./p.m., or 00:00–23:59)`);
    return { hour: (hour % 12) + (twelve[3] === 'p' ? 12 : 0), minute };
  }
  const [hour, minute] = text.split(':').map(Number) as [number, number];
  if (hour === 24 && minute === 0) return 'midnight';
  if (hour > 23 || minute > 59) fail(`has an impossible clock time "${text}" (use 00:00–23:59)`);
  return { hour, minute };
}

// "tomorrow", "next Friday", "by Friday", "June 15", "15th June 2021", "the 15th", "Friday next week".
function dayOnly(s: string, ctx: PhraseContext): PhraseReading | undefined {
  const spec = parseDay(s, ctx.today, ctx.fail);
  if (!spec) return undefined;
  const placed = placeDay(spec, ctx.today, () => true, false, ctx.fail);
  return { due: dayDue(placed.date, ctx), label: placed.label };
}
