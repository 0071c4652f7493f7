// Saying due moments back: describeDue, countdown and the formatters.
import { describe, expect, it } from 'vitest';
import type { DueMoment } from '../../src/time/due-moment.js';
import { countdown, describeDue } from '../../src/time/describe-due.js';
import { formatDueShort, formatInZone, isoInZone } from '../../src/time/format.js';
import { local } from './helpers.js';

const SEOUL = 'Asia/Seoul';
const announcedAt = local('2020-05-12T10:00', SEOUL);
const fromAnnouncement = { at: announcedAt, label: 'from announcement' };
const endOfMay: DueMoment = { instant: new Date('2020-05-31T14:59:59.999Z'), zone: SEOUL, precision: 'day' };
const fridayFive: DueMoment = { instant: local('2020-05-15T17:00', SEOUL), zone: SEOUL, precision: 'instant' };
const june: DueMoment = { instant: local('2020-06-30T23:59:59.999', SEOUL), zone: SEOUL, precision: 'month' };

describe('describeDue', () => {
  it('describes the three precisions', () => {
    expect(describeDue(endOfMay, fromAnnouncement)).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    expect(describeDue(fridayFive, fromAnnouncement)).toBe('Due Fri 15 May 2020, 17:00 Asia/Seoul (in 3 days 7 h from announcement)');
    expect(describeDue(june, fromAnnouncement)).toBe('Due end of June 2020, Asia/Seoul (in 49 days from announcement)');
  });

  it('reads well in the past and on the day, against now or the announcement', () => {
    const now = (text: string) => ({ at: local(text, SEOUL), label: 'from now' });
    expect(describeDue(endOfMay, now('2020-06-03T09:00'))).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (2 days 9 h ago)');
    expect(describeDue(endOfMay, now('2020-05-31T08:00'))).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 15 h 59 min)');
    expect(describeDue(endOfMay, now('2020-05-30T23:00'))).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 1 day)');
    expect(describeDue(fridayFive, now('2020-05-15T12:00'))).toBe('Due Fri 15 May 2020, 17:00 Asia/Seoul (in 5 h)');
    expect(describeDue(fridayFive, now('2020-05-15T19:30'))).toBe('Due Fri 15 May 2020, 17:00 Asia/Seoul (2 h 30 min ago)');
    expect(describeDue(fridayFive, now('2020-05-15T16:20'))).toBe('Due Fri 15 May 2020, 17:00 Asia/Seoul (in 40 min)');
    expect(describeDue(endOfMay, { at: local('2020-06-03T09:00', SEOUL), label: 'from announcement' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (2 days 9 h before announcement)');
    expect(describeDue(endOfMay, { at: local('2020-05-31T09:00', SEOUL), label: 'from announcement' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 14 h 59 min from announcement)');
    expect(describeDue(endOfMay, { at: announcedAt, label: '' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days)');
  });

  it('counts to the exact end of the day in the deadline zone, not in UTC', () => {
    // 2020-05-30T16:00Z is 01:00 on 31 May in Seoul: 22 h 59 min before its end.
    expect(describeDue(endOfMay, { at: new Date('2020-05-30T16:00:00Z'), label: 'from now' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 22 h 59 min)');
  });

  it('never throws on bad input', () => {
    expect(describeDue({ instant: new Date('nope'), zone: SEOUL, precision: 'day' }, fromAnnouncement)).toBe('Due (no valid date recorded)');
    expect(describeDue({ ...endOfMay, zone: 'Mars/Olympus' }, fromAnnouncement)).toBe('Due Sun 31 May 2020, end of day, UTC (unknown zone "Mars/Olympus") (in 19 days from announcement)');
    expect(describeDue(endOfMay, { at: new Date('nope'), label: 'from now' })).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul');
    expect(() => describeDue(null as unknown as DueMoment, fromAnnouncement)).not.toThrow();
  });
});

describe('countdown', () => {
  const utc = (text: string) => new Date(`${text}Z`);
  it.each([
    ['2020-05-12T00:00', '2020-05-31T23:59:59.999', 'in 19 days'],
    ['2020-05-12T12:00', '2020-05-12T17:00', 'in 5 h'],
    ['2020-05-12T12:00', '2020-05-12T13:00', 'in 1 h'],
    ['2020-05-12T12:00', '2020-05-12T12:59', 'in 59 min'],
    ['2020-05-12T12:00', '2020-05-12T15:12', 'in 3 h 12 min'],
    ['2020-05-12T12:00', '2020-05-12T12:00:30', 'now'],
    ['2020-05-15T12:00', '2020-05-12T12:00', '3 days ago'],
    ['2020-05-12T12:00', '2020-05-13T13:00', 'in 1 day 1 h'],
    ['2020-05-12T23:00', '2020-05-14T01:00', 'in 1 day 2 h'], // 26 hours: exact, not calendar days
    ['2020-05-24T15:00', '2020-05-31T14:59:59.999', 'in 6 days 23 h'],
    ['2020-05-12T00:00', '2020-07-30T00:00', 'in 79 days'], // was 'in 2 months'
    ['2020-05-12T00:00', '2020-07-11T00:00', 'in 60 days'],
    ['2020-05-12T00:00', '2020-07-12T00:00', 'in 61 days'],
    ['2020-05-12T00:00', '2020-08-22T00:00', 'in 3 months 10 days'],
    ['2020-05-12T00:00', '2020-11-12T00:00', 'in 6 months'],
    ['2020-05-12T00:00', '2022-06-01T00:00', 'in 2 years'],
    ['2020-05-12T00:00', '2022-09-01T00:00', 'in 2 years 3 months'],
    ['2020-05-12T00:00', '2019-05-01T00:00', '12 months 11 days ago'],
    ['2026-05-24T00:00', '2020-05-31T00:00', '5 years 11 months ago'],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(countdown(utc(from), utc(to))).toBe(expected);
  });

  it('runs to the exact instant for day- and month-precision targets too (no "today")', () => {
    expect(countdown(utc('2020-05-31T01:00'), utc('2020-05-31T23:59:59.999'), { precision: 'day' })).toBe('in 22 h 59 min');
    expect(countdown(utc('2020-06-30T20:00'), utc('2020-06-30T23:59:59.999'), { precision: 'month' })).toBe('in 3 h 59 min');
    expect(countdown(utc('2020-06-01T00:10'), utc('2020-05-31T23:59:59.999'), { precision: 'day' })).toBe('10 min ago');
  });

  it('counts months as calendar months in the given zone', () => {
    // Under 100 days it counts days; past that, luxon's calendar months (31 Jan + 5 months = 30 Jun).
    const seoul = (t: string) => local(t, 'Asia/Seoul');
    expect(countdown(seoul('2021-01-31T12:00'), seoul('2021-04-30T12:00'), { zone: 'Asia/Seoul' })).toBe('in 89 days');
    expect(countdown(seoul('2021-01-31T12:00'), seoul('2021-06-30T12:00'), { zone: 'Asia/Seoul' })).toBe('in 5 months');
  });
});

describe('formatting', () => {
  it('isoInZone writes the local time with its offset', () => {
    expect(isoInZone(new Date('2020-05-31T14:59:59.999Z'), SEOUL)).toBe('2020-05-31T23:59:59.999+09:00');
    expect(isoInZone(new Date('2020-05-31T23:59:59.999Z'), 'UTC')).toBe('2020-05-31T23:59:59.999Z');
    expect(isoInZone(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00.000-04:00');
    expect(isoInZone(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00.000-05:00');
  });

  it('formatDueShort', () => {
    expect(formatDueShort(endOfMay)).toBe('Sun 31 May 2020');
    expect(formatDueShort(fridayFive)).toBe('Fri 15 May 2020, 17:00');
    expect(formatDueShort(june)).toBe('end of June 2020');
    expect(formatDueShort({ instant: new Date('2020-06-01T08:59:59.999Z'), zone: SEOUL, precision: 'day' })).toBe('Mon 1 Jun 2020');
  });

  it('formatInZone names the zone by abbreviation where one is well known, else by offset', () => {
    expect(formatInZone(new Date('2020-05-31T14:59:59.999Z'), SEOUL)).toBe('Sun 31 May 2020, 23:59 UTC+9');
    expect(formatInZone(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('Sun 1 Nov 2026, 01:30 EDT');
    expect(formatInZone(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('Sun 1 Nov 2026, 01:30 EST');
    expect(formatInZone(new Date('2026-07-01T12:00:00Z'), 'Europe/London')).toBe('Wed 1 Jul 2026, 13:00 BST');
    expect(formatInZone(new Date('2026-01-01T12:00:00Z'), 'Europe/London')).toBe('Thu 1 Jan 2026, 12:00 GMT');
    expect(formatInZone(new Date('2020-05-31T12:00:00Z'), 'Asia/Kolkata')).toBe('Sun 31 May 2020, 17:30 UTC+5:30');
    expect(formatInZone(new Date('2020-05-31T12:00:00Z'), 'Pacific/Honolulu')).toBe('Sun 31 May 2020, 02:00 HST');
    expect(formatInZone(new Date('2020-05-31T12:00:00Z'), 'UTC')).toBe('Sun 31 May 2020, 12:00 UTC');
    expect(formatInZone(new Date('2020-05-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe('Mon 1 Jun 2020, 02:00 UTC+14');
  });
});
