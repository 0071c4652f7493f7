// What is refused, and that every refusal names the field and the value and says what to do instead.
import { describe, expect, it } from 'vitest';
import { readDue } from '../../src/time/read-due.js';
import { local, read, rejection } from './helpers.js';

const announcedAt = local('2020-05-12T10:00', 'Asia/Seoul');
const refuse = (expression: string, options: { zone?: string; field?: string; at?: Date } = {}) =>
  rejection(() => readDue(expression, { announcedAt: options.at ?? announcedAt, zone: options.zone ?? 'Asia/Seoul', ...(options.field ? { field: options.field } : {}) }));

describe('unreadable', () => {
  it.each(['next blursday', 'soon', 'ASAP', 'as soon as possible', 'in due course', '', '   ', 'whenever', 'next Smarch', 'blah blah', 'ten days', 'by 2021'])('%j is refused', (expression) => {
    const e = refuse(expression);
    expect(e.field).toBe('due');
    expect(e.value).toBe(expression);
    expect(e.message.startsWith(`due ${JSON.stringify(expression)} `)).toBe(true);
  });

  it('says why', () => {
    expect(refuse('next blursday').message).toContain('"blursday" is not a day of the week');
    expect(refuse('soon').message).toContain('names no date');
    expect(refuse('ASAP').message).toContain('names no date');
    expect(refuse('').message).toContain('is empty');
    expect(refuse('next blursday').message).toContain('docs/deadline-expressions.md');
  });

  it('uses the field it is given', () => {
    const e = refuse('soon', { field: 'row 3: due' });
    expect(e.field).toBe('row 3: due');
    expect(e.message).toBe('row 3: due "soon" names no date: give one (e.g. "by 15 June", 2020-06-15 or "within 30 days")');
  });
});

describe('vague periods, business days and fiscal years (issue 16)', () => {
  it.each([
    'in the coming days', 'within the coming days', 'in the next days', 'over the coming days', 'in the coming weeks',
    'in the coming months', 'within the next few weeks', 'in a few days', 'In The Coming Days', 'by the coming weeks',
  ])('%j names no date', (expression) => {
    expect(refuse(expression).message).toBe(`due ${JSON.stringify(expression)} names no date: give one (e.g. "by 15 June", 2020-06-15 or "within 30 days")`);
  });

  it.each(['within the next month', 'in the coming week', 'within 3 days'])('%j (one period, or a number) is still read', (expression) => {
    expect(() => readDue(expression, { announcedAt, zone: 'Asia/Seoul' })).not.toThrow();
  });

  it.each(['by the end of the business day', 'end of the working day', 'by close of business on Friday'])('%j asks for a clock time', (expression) => {
    const message = refuse(expression).message;
    expect(message).not.toContain('holiday calendar');
    expect(message).toMatch(/(end of a business day|names no clock time).*"by 5 p\.m\. on/);
  });

  it.each(['by the end of the fiscal year', 'end of fiscal year 2020', 'by the end of the financial year', 'end of FY2020'])('%j names a fiscal year', (expression) => {
    expect(refuse(expression).message).toContain('names a fiscal year, which starts on a different date in each government');
  });
});

describe('ambiguous or too vague', () => {
  it('refuses 03/04/2020 and offers both ISO readings', () => {
    const e = refuse('03/04/2020');
    expect(e.message).toBe('due "03/04/2020" is ambiguous: the order of day and month is unknown (3 April or March 4?); write it in ISO form, 2020-04-03 or 2020-03-04');
  });

  it.each([
    ['31/05/2020', '2020-05-31'],
    ['05/31/2020', '2020-05-31'],
    ['15.06.2020', '2020-06-15'],
    ['3/4', 'YYYY-04-03'],
  ])('refuses the numeric date %j and suggests ISO', (expression, iso) => {
    expect(refuse(expression).message).toContain(iso);
  });

  it.each(['early June', 'late June', 'by the beginning of June', 'start of next month', 'mid-2021', 'mid-year'])('%j is too vague', (expression) => {
    expect(refuse(expression).message).toContain('too vague');
  });

  it.each(['end of the week', 'by the end of this week', 'end of next week', 'end of the working week', 'this week'])('%j is refused: Friday or Sunday?', (expression) => {
    expect(refuse(expression).message).toContain('Friday (the working week) or Sunday');
  });

  it('refuses "before <day>", which may or may not include that day', () => {
    expect(refuse('before June 15').message).toContain('"by June 14"');
    expect(refuse('before 2020-06-01').message).toContain('"2020-05-31" or "2020-06-01"');
  });

  it('refuses business days and time-zone abbreviations', () => {
    expect(refuse('within 10 business days').message).toContain('holiday calendar');
    expect(refuse('within ten working days').message).toContain('holiday calendar');
    expect(refuse('by 5pm KST on Friday').message).toContain('"KST"');
    expect(refuse('Friday 17:00 EST').message).toContain('"EST"');
    expect(refuse('by close of business Friday').message).toContain('names no clock time');
    expect(refuse('COB Friday').message).toContain('names no clock time');
  });
});

describe('impossible', () => {
  it.each([
    ['2021-02-29', '2021 is not a leap year'],
    ['29 February 2021', '2021 is not a leap year'],
    ['June 31', 'June has 30 days'],
    ['31 June 2020', 'June has 30 days'],
    ['Feb 30', 'February has 29 days'],
    ['2020-04-31', 'April has 30 days'],
    ['2020-13-01', 'no month 13'],
    ['2020-13', 'no month 13'],
    ['2020-05-31T24:30', 'impossible time'],
    ['2020-05-31T17:00+15:00', 'impossible UTC offset'],
    ['13pm Friday', 'impossible clock time'],
    ['Friday 25:00', 'impossible clock time'],
    ['Friday June 15 2020', 'says Friday, but 15 Jun 2020 is a Monday'],
    ['within 0 days', 'at least one day'],
  ])('%j: %s', (expression, problem) => {
    expect(refuse(expression).message).toContain(problem);
  });

  it('accepts 29 February in a leap year', () => {
    expect(read('2024-02-29', '2024-01-01T00:00', 'UTC').iso).toBe('2024-02-29T23:59:59.999Z');
    expect(read('29 February 2024', '2024-01-01T00:00', 'UTC').iso).toBe('2024-02-29T23:59:59.999Z');
  });
});

describe('before the announcement', () => {
  it('refuses an ISO date before the announcement date, saying both', () => {
    const e = refuse('2020-05-01');
    expect(e.message).toBe(
      'due "2020-05-01" is before the announcement: it reads as Fri 1 May 2020 (end of day, Asia/Seoul), but the deadline was announced Tue 12 May 2020, 10:00 UTC+9; a deadline cannot fall due before it is announced',
    );
  });

  it('accepts the announcement day itself (due at its end)', () => {
    expect(read('2020-05-12', '2020-05-12T23:00').iso).toBe('2020-05-12T23:59:59.999+09:00');
  });

  it('refuses a stated time before the announcement, even on the same day', () => {
    expect(refuse('2020-05-12T09:00').message).toContain('is before the announcement');
    expect(refuse('2020-05-12T00:59Z').message).toContain('is before the announcement'); // 09:59 in Seoul
  });

  it('accepts a stated time equal to the announcement', () => {
    expect(read('2020-05-12T10:00', '2020-05-12T10:00').iso).toBe('2020-05-12T10:00:00.000+09:00');
  });

  it.each(['yesterday', 'end of last month', '2 days ago', 'today at 9am', 'this Friday 17:00'])('refuses %j (announced Fri 15 May 18:00)', (expression) => {
    expect(refuse(expression, { at: local('2020-05-15T18:00', 'Asia/Seoul') }).message).toContain('before the announcement');
  });

  it('does not refuse "end of April" announced in May: it means next April', () => {
    expect(read('end of April', '2020-05-12T10:00').iso).toBe('2021-04-30T23:59:59.999+09:00');
  });
});

describe('zones and announcement', () => {
  it('refuses an unknown zone under --zone', () => {
    const e = refuse('end of this month', { zone: 'Mars/Olympus' });
    expect(e.field).toBe('zone');
    expect(e.message).toBe('zone "Mars/Olympus" is not an IANA time zone (e.g. Asia/Seoul, America/New_York, UTC)');
  });

  it.each(['KST', '+09:00', 'UTC+9', '', 'Seoul'])('refuses the zone %j', (zone) => {
    expect(refuse('end of this month', { zone }).field).toBe('zone');
  });

  it('refuses an invalid announcement date', () => {
    expect(refuse('end of this month', { at: new Date('nope') }).field).toBe('announced');
  });
});
