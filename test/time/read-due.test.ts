// Phrases, read relative to the canonical announcement: Tue 12 May 2020, Asia/Seoul (UTC+9, no DST).
// Every expected value was worked out by hand from the rules in docs/deadline-expressions.md.
import { describe, expect, it } from 'vitest';
import { describeDue } from '../../src/time/describe-due.js';
import { isoInZone } from '../../src/time/format.js';
import { readDue } from '../../src/time/read-due.js';
import { local, read } from './helpers.js';

const ANNOUNCED = '2020-05-12T10:00';
const endOf = (date: string) => `${date}T23:59:59.999+09:00`;

describe('the canonical case: South Korea, 12 May 2020, "by the end of this month"', () => {
  it.each(['end of this month', 'by the end of this month', 'the end of the month', 'By the end of this month.', '  BY THE END OF THE MONTH  ', 'end of month', 'month-end', 'before the end of this month', 'no later than the end of this month'])(
    '%j → Sun 31 May 2020, end of day, Seoul',
    (expression) => {
      const announcedAt = new Date('2020-05-12T03:00:00Z');
      const r = readDue(expression, { announcedAt, zone: 'Asia/Seoul' });
      expect(r.due).toEqual({ instant: new Date('2020-05-31T14:59:59.999Z'), zone: 'Asia/Seoul', precision: 'day' });
      expect(isoInZone(r.due.instant, r.due.zone)).toBe('2020-05-31T23:59:59.999+09:00');
      expect(r.reading).toBe('end of this month → Sun 31 May 2020');
      expect(r.expression).toBe(expression.trim());
      expect(describeDue(r.due, { at: announcedAt, label: 'from announcement' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    },
  );

  it.each(['2020-05-12T00:00', '2020-05-12T00:00:00.001', '2020-05-12T12:00', '2020-05-12T23:59:59.999'])('gives the same moment whatever the time of announcement (%s)', (announced) => {
    const announcedAt = local(announced, 'Asia/Seoul');
    const r = readDue('by the end of this month', { announcedAt, zone: 'Asia/Seoul' });
    expect(r.due.instant.toISOString()).toBe('2020-05-31T14:59:59.999Z');
    expect(describeDue(r.due, { at: announcedAt, label: 'from announcement' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
  });
});

describe('phrases (announced Tue 12 May 2020, Asia/Seoul)', () => {
  it.each([
    // ends of periods
    ['by the end of next month', endOf('2020-06-30')],
    ['end of May', endOf('2020-05-31')],
    ['the end of May 2021', endOf('2021-05-31')],
    ['by the end of the year', endOf('2020-12-31')], // not 2021-05-12, as chrono-node reads it
    ['end of this year', endOf('2020-12-31')],
    ['by year-end', endOf('2020-12-31')],
    ['end of next year', endOf('2021-12-31')],
    ['end of 2021', endOf('2021-12-31')],
    ['end of the quarter', endOf('2020-06-30')],
    ['end of next quarter', endOf('2020-09-30')],
    ['end of Q1', endOf('2021-03-31')],
    ['end of Q3 2020', endOf('2020-09-30')],
    ['end of today', endOf('2020-05-12')],
    ['end of the day', endOf('2020-05-12')],
    ['end of tomorrow', endOf('2020-05-13')],
    ['end of day Friday', endOf('2020-05-15')],
    // dates without a year: the next occurrence on or after 12 May 2020
    ['by June 15', endOf('2020-06-15')],
    ['15 June', endOf('2020-06-15')],
    ['June 15th', endOf('2020-06-15')],
    ['15th of June', endOf('2020-06-15')],
    ['the fifteenth of June', endOf('2020-06-15')],
    ['June the second', endOf('2020-06-02')],
    ['Jun. 15', endOf('2020-06-15')],
    ['sept 1', endOf('2020-09-01')],
    ['12 May', endOf('2020-05-12')], // the announcement day itself counts
    ['11 May', endOf('2021-05-11')],
    ['Dec 31st', endOf('2020-12-31')],
    ['by the 15th', endOf('2020-05-15')],
    ['the 10th', endOf('2020-06-10')],
    ['the 31st', endOf('2020-05-31')],
    // dates with a year
    ['no later than 30 June 2020', endOf('2020-06-30')],
    ['June 15, 2021', endOf('2021-06-15')],
    ['Monday, June 15, 2020', endOf('2020-06-15')],
    ['mid-June', endOf('2020-06-15')], // not 1 June, as chrono-node reads it
    ['by mid-June', endOf('2020-06-15')],
    ['mid June', endOf('2020-06-15')],
    ['the middle of June', endOf('2020-06-15')],
    ['mid-May', endOf('2020-05-15')],
    ['mid-month', endOf('2020-05-15')],
    ['mid-next month', endOf('2020-06-15')],
    ['mid-June 2021', endOf('2021-06-15')],
    // counted from the announcement's calendar date
    ['within 30 days', endOf('2020-06-11')],
    ['within thirty days', endOf('2020-06-11')],
    ['in 30 days', endOf('2020-06-11')],
    ['30 days from the announcement', endOf('2020-06-11')],
    ['within 30 days of the announcement', endOf('2020-06-11')],
    ['within 1 day', endOf('2020-05-13')],
    ['within a day', endOf('2020-05-13')],
    ['in two weeks', endOf('2020-05-26')],
    ["in two weeks' time", endOf('2020-05-26')],
    ['within a week', endOf('2020-05-19')],
    ['within the next week', endOf('2020-05-19')],
    ['in a fortnight', endOf('2020-05-26')],
    ['within 3 months', endOf('2020-08-12')],
    ['within three months', endOf('2020-08-12')],
    ['within a month', endOf('2020-06-12')],
    ['within the next month', endOf('2020-06-12')],
    ['within one year', endOf('2021-05-12')],
    ['within twenty-one days', endOf('2020-06-02')],
    ['within thirty-one days', endOf('2020-06-12')],
    ['within 45 days', endOf('2020-06-26')],
    ['In 3 Weeks!', endOf('2020-06-02')],
    // weekdays: "next Friday" is the first Friday after the announcement day
    ['next Friday', endOf('2020-05-15')],
    ['by Friday', endOf('2020-05-15')],
    ['Friday', endOf('2020-05-15')],
    ['on Fri.', endOf('2020-05-15')],
    ['next Tuesday', endOf('2020-05-19')], // announced on a Tuesday: the one a week later
    ['Tuesday', endOf('2020-05-19')],
    ['this Tuesday', endOf('2020-05-12')], // "this" allows the announcement day itself
    ['this Friday', endOf('2020-05-15')],
    ['next Monday', endOf('2020-05-18')],
    ['Friday next week', endOf('2020-05-22')],
    ['next week Friday', endOf('2020-05-22')],
    ['Friday this week', endOf('2020-05-15')],
    ['tomorrow', endOf('2020-05-13')],
    ['by tomorrow', endOf('2020-05-13')],
    ['the day after tomorrow', endOf('2020-05-14')],
    ['today', endOf('2020-05-12')],
    ['midnight on Friday', endOf('2020-05-15')], // "by midnight Friday" = the end of Friday
    ['Friday midnight', endOf('2020-05-15')],
    ['by midnight', endOf('2020-05-12')],
    // ISO inside a phrase
    ['by 2020-05-31', endOf('2020-05-31')],
    ['deadline: June 15', endOf('2020-06-15')],
    ['not later than June 15 at the latest', endOf('2020-06-15')],
    ['till "June 15"', endOf('2020-06-15')],
    ['24:00 on Friday', endOf('2020-05-15')],
    ['the end of the month of June', endOf('2020-06-30')],
    ['the twenty-first of June', endOf('2020-06-21')],
    ['2020/05/31', endOf('2020-05-31')],
  ])('%j → %s, day precision', (expression, expected) => {
    const r = read(expression, ANNOUNCED);
    expect(r.iso).toBe(expected);
    expect(r.precision).toBe('day');
  });

  it.each([
    ['in June', '2020-06-30T23:59:59.999+09:00'],
    ['by June', '2020-06-30T23:59:59.999+09:00'],
    ['June', '2020-06-30T23:59:59.999+09:00'],
    ['during June', '2020-06-30T23:59:59.999+09:00'],
    ['sometime in July', '2020-07-31T23:59:59.999+09:00'],
    ['in May', '2020-05-31T23:59:59.999+09:00'], // the announcement month is still open
    ['in April', '2021-04-30T23:59:59.999+09:00'],
    ['June 2021', '2021-06-30T23:59:59.999+09:00'],
    ['next month', '2020-06-30T23:59:59.999+09:00'],
    ['within the month', '2020-05-31T23:59:59.999+09:00'],
    ['2020-06', '2020-06-30T23:59:59.999+09:00'],
    ['by 2021-02', '2021-02-28T23:59:59.999+09:00'],
  ])('%j → %s, month precision', (expression, expected) => {
    const r = read(expression, ANNOUNCED);
    expect(r.iso).toBe(expected);
    expect(r.precision).toBe('month');
  });

  it.each([
    ['by 5 p.m. on Friday', '2020-05-15T17:00:00.000+09:00'], // 17:00 Seoul, not 17:00 UTC
    ['5pm Friday', '2020-05-15T17:00:00.000+09:00'],
    ['Friday at 5 PM', '2020-05-15T17:00:00.000+09:00'],
    ['Friday by 17:00', '2020-05-15T17:00:00.000+09:00'],
    ['by 5:30 p.m. next Friday', '2020-05-15T17:30:00.000+09:00'],
    ['17:00 on 15 June', '2020-06-15T17:00:00.000+09:00'],
    ['June 15, 2020 at 17:00', '2020-06-15T17:00:00.000+09:00'],
    ['at noon tomorrow', '2020-05-13T12:00:00.000+09:00'],
    ['tomorrow at 12 noon', '2020-05-13T12:00:00.000+09:00'],
    ['12 a.m. tomorrow', '2020-05-13T00:00:00.000+09:00'],
    ['by 6pm', '2020-05-12T18:00:00.000+09:00'], // later today
    ['by 9am', '2020-05-13T09:00:00.000+09:00'], // 09:00 had passed when it was announced at 10:00
    ['by 17:00 UTC on Friday', '2020-05-16T02:00:00.000+09:00'],
    ['within 48 hours', '2020-05-14T10:00:00.000+09:00'], // from the announcement time
    ['2020-05-31T17:00', '2020-05-31T17:00:00.000+09:00'],
    ['2020-05-31 17:00', '2020-05-31T17:00:00.000+09:00'],
    ['2020-05-31T17:00Z', '2020-06-01T02:00:00.000+09:00'],
    ['2020-05-31T17:00:30.5+02:00', '2020-06-01T00:00:30.500+09:00'],
    ['by 2020-05-31T17:00-0500', '2020-06-01T07:00:00.000+09:00'],
  ])('%j → %s, instant precision', (expression, expected) => {
    const r = read(expression, ANNOUNCED);
    expect(r.iso).toBe(expected);
    expect(r.precision).toBe('instant');
  });

  it('numbers may be written as words up to at least thirty-one', () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one'.split(' ');
    words.forEach((word, i) => {
      expect(read(`within ${word} days`, ANNOUNCED).iso).toBe(read(`within ${i + 1} days`, ANNOUNCED).iso);
      expect(read(`in ${word.replace('-', ' ')} days`, ANNOUNCED).iso).toBe(read(`within ${i + 1} days`, ANNOUNCED).iso);
    });
    expect(read('within ninety days', ANNOUNCED).iso).toBe(endOf('2020-08-10'));
  });
});

describe('which occurrence is meant', () => {
  it('a month and day without a year is the next one on or after the announcement date', () => {
    expect(read('end of May', '2020-07-02T09:00').iso).toBe(endOf('2021-05-31'));
    expect(read('end of April', '2020-05-12T09:00').iso).toBe(endOf('2021-04-30'));
    expect(read('June 15', '2020-06-15T23:00').iso).toBe(endOf('2020-06-15'));
    expect(read('June 15', '2020-06-16T00:00').iso).toBe(endOf('2021-06-15'));
    expect(read('mid-May', '2020-05-20T09:00').iso).toBe(endOf('2021-05-15'));
    expect(read('in May', '2020-06-01T09:00').iso).toBe('2021-05-31T23:59:59.999+09:00');
    expect(read('Feb 29', '2020-05-12T09:00').iso).toBe(endOf('2024-02-29'));
  });

  it('shows the roll-over in the reading', () => {
    expect(read('end of May', '2020-07-02T09:00').reading).toBe('end of May (the next May after Thu 2 Jul 2020) → Mon 31 May 2021');
    expect(read('15 June', '2020-07-02T09:00').reading).toBe('15 June (the next 15 June on or after Thu 2 Jul 2020) → Tue 15 Jun 2021');
  });

  it('"next Friday" is the first Friday strictly after the announcement day, and says so', () => {
    const r = read('next Friday', '2020-05-12T10:00');
    expect(r.iso).toBe(endOf('2020-05-15'));
    expect(r.reading).toBe('next Friday (the first Friday after Tue 12 May 2020) → Fri 15 May 2020');
    expect(read('next Friday', '2020-05-15T08:00').iso).toBe(endOf('2020-05-22')); // announced on a Friday
    expect(read('next Friday', '2020-05-14T23:59').iso).toBe(endOf('2020-05-15')); // announced on the Thursday
    expect(read('by Friday', '2020-05-15T08:00').iso).toBe(endOf('2020-05-22'));
    expect(read('this Friday', '2020-05-15T08:00').iso).toBe(endOf('2020-05-15'));
  });

  it('"Friday next week" is the Friday of the following Monday-to-Sunday week', () => {
    expect(read('Friday next week', '2020-05-12T10:00').iso).toBe(endOf('2020-05-22'));
    expect(read('Friday next week', '2020-05-17T10:00').iso).toBe(endOf('2020-05-22')); // a Sunday
    expect(read('Friday next week', '2020-05-18T10:00').iso).toBe(endOf('2020-05-29')); // a Monday
  });

  it('"by 5 p.m. on Friday" is the first Friday whose 17:00 is after the announcement', () => {
    expect(read('by 5 p.m. on Friday', '2020-05-15T10:00').iso).toBe('2020-05-15T17:00:00.000+09:00'); // same Friday
    expect(read('by 5 p.m. on Friday', '2020-05-15T17:00').iso).toBe('2020-05-15T17:00:00.000+09:00'); // exactly then
    expect(read('by 5 p.m. on Friday', '2020-05-15T17:01').iso).toBe('2020-05-22T17:00:00.000+09:00');
    expect(read('by 5 p.m. next Friday', '2020-05-15T10:00').iso).toBe('2020-05-22T17:00:00.000+09:00');
    expect(read('by 5 p.m. on Friday', '2020-05-12T10:00').reading).toBe(
      '17:00 on Friday (the first Friday on which that time is after the announcement) → Fri 15 May 2020, 17:00 Asia/Seoul',
    );
  });

  it('a time on a dated day without a year rolls to the next year only when that time has passed', () => {
    expect(read('June 15 at 5pm', '2020-06-15T16:00').iso).toBe('2020-06-15T17:00:00.000+09:00');
    expect(read('June 15 at 5pm', '2020-06-15T18:00').iso).toBe('2021-06-15T17:00:00.000+09:00');
  });

  it('"the 31st" skips months without a 31st', () => {
    expect(read('the 31st', '2020-06-02T10:00').iso).toBe(endOf('2020-07-31'));
    expect(read('by the 30th', '2021-02-01T10:00').iso).toBe(endOf('2021-03-30'));
  });
});

describe('readings', () => {
  it.each([
    ['within 30 days', 'within 30 days (Tue 12 May 2020 + 30 days) → Thu 11 Jun 2020'],
    ['in June', 'June (the whole month) → end of June 2020'],
    ['mid-June', 'mid-June (read as 15 June) → Mon 15 Jun 2020'],
    ['tomorrow', 'tomorrow → Wed 13 May 2020'],
    ['2020-05-31', '2020-05-31 → Sun 31 May 2020'],
    ['2020-05-31t17:00z', '2020-05-31T17:00Z → Mon 1 Jun 2020, 02:00 Asia/Seoul'],
    ['by the end of the year', 'end of this year → Thu 31 Dec 2020'],
  ])('%j reads as %j', (expression, reading) => {
    expect(read(expression, ANNOUNCED).reading).toBe(reading);
  });
});

describe('zones', () => {
  it('accepts any IANA zone spelling and stores the canonical one', () => {
    const announcedAt = new Date('2020-05-12T01:00:00Z');
    expect(readDue('end of this month', { announcedAt, zone: 'asia/seoul' }).due.zone).toBe('Asia/Seoul');
    expect(readDue('end of this month', { announcedAt, zone: 'UTC' }).due.instant.toISOString()).toBe('2020-05-31T23:59:59.999Z');
  });

  it('reads the announcement date in the deadline zone, not in UTC', () => {
    // 2020-05-31T20:00Z is already 1 June in Auckland and in Seoul, but still 31 May in Honolulu.
    const announcedAt = new Date('2020-05-31T20:00:00Z');
    const inZone = (zone: string) => isoInZone(readDue('end of this month', { announcedAt, zone }).due.instant, zone);
    expect(inZone('Pacific/Auckland')).toBe('2020-06-30T23:59:59.999+12:00');
    expect(inZone('Asia/Seoul')).toBe('2020-06-30T23:59:59.999+09:00');
    expect(inZone('Pacific/Honolulu')).toBe('2020-05-31T23:59:59.999-10:00');
    expect(inZone('UTC')).toBe('2020-05-31T23:59:59.999Z');
  });
});
