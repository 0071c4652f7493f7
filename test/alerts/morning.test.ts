// The morning hour on src/time's calendar (src/alerts/morning.ts): which instant is "09:00 on this
// day" for a reader, and the next or last such morning, across DST and on both sides of UTC.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { assertMorning, lastMorning, lastWeekdayMorning, morningOf, nextMorning, nextWeekdayMorning } from '../../src/alerts/morning.js';

const iso = (d: Date) => d.toISOString();

describe('morningOf', () => {
  it('is the morning hour on that date in the zone, east and west of UTC', () => {
    expect(iso(morningOf('Asia/Seoul', { year: 2020, month: 5, day: 31 }, 9, 0))).toBe('2020-05-31T00:00:00.000Z');
    expect(iso(morningOf('Pacific/Honolulu', { year: 2020, month: 5, day: 31 }, 9, 0))).toBe('2020-05-31T19:00:00.000Z');
  });

  it('goes at the first minute after a spring gap and at the first of two readings in an overlap', () => {
    expect(iso(morningOf('America/New_York', { year: 2026, month: 3, day: 8 }, 2, 30))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(morningOf('America/New_York', { year: 2026, month: 11, day: 1 }, 1, 30))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('nextMorning and lastMorning', () => {
  it('nextMorning is strictly after, with its date; across the end of a leap February', () => {
    expect(nextMorning('UTC', 9, 0, new Date('2024-02-29T09:00:00Z'))).toEqual({ date: { year: 2024, month: 3, day: 1 }, at: new Date('2024-03-01T09:00:00Z') });
    expect(nextMorning('UTC', 9, 0, new Date('2024-02-28T09:30:00Z'))).toEqual({ date: { year: 2024, month: 2, day: 29 }, at: new Date('2024-02-29T09:00:00Z') });
  });

  it('lastMorning is at or before, with its date; a 23-hour day when New York springs forward', () => {
    expect(lastMorning('America/New_York', 9, 0, new Date('2026-03-08T13:00:00Z'))).toEqual({ date: { year: 2026, month: 3, day: 8 }, at: new Date('2026-03-08T13:00:00Z') });
    expect(lastMorning('America/New_York', 9, 0, new Date('2026-03-08T12:59:59Z'))).toEqual({ date: { year: 2026, month: 3, day: 7 }, at: new Date('2026-03-07T14:00:00Z') });
  });

  it('skip the day Samoa never had (30 Dec 2011)', () => {
    expect(nextMorning('Pacific/Apia', 9, 0, new Date('2011-12-30T10:00:00Z')).date).toEqual({ year: 2011, month: 12, day: 31 });
    expect(iso(nextMorning('Pacific/Apia', 9, 0, new Date('2011-12-30T10:00:00Z')).at)).toBe('2011-12-30T19:00:00.000Z');
  });
});

describe('weekday mornings', () => {
  it('lastWeekdayMorning finds this week\'s, else last week\'s; nextWeekdayMorning the one after', () => {
    // Monday 2 Nov 2026, 09:00 EST = 14:00Z; the Monday before was 26 Oct, 09:00 EDT = 13:00Z.
    expect(lastWeekdayMorning('America/New_York', 1, 9, 0, new Date('2026-11-02T14:00:00Z'))).toEqual({ date: { year: 2026, month: 11, day: 2 }, at: new Date('2026-11-02T14:00:00Z') });
    expect(lastWeekdayMorning('America/New_York', 1, 9, 0, new Date('2026-11-02T13:59:00Z'))).toEqual({ date: { year: 2026, month: 10, day: 26 }, at: new Date('2026-10-26T13:00:00Z') });
    expect(nextWeekdayMorning('America/New_York', 1, 9, 0, new Date('2026-10-26T13:00:00Z'))).toEqual({ date: { year: 2026, month: 11, day: 2 }, at: new Date('2026-11-02T14:00:00Z') });
  });
});

describe('assertMorning', () => {
  it('takes whole hours 0–23 and minutes 0–59, naming the field', () => {
    expect(() => assertMorning(0, 0, 'digest')).not.toThrow();
    expect(() => assertMorning(23, 59, 'digest')).not.toThrow();
    expect(() => assertMorning(24, 0, 'digest')).toThrow(AppError);
    expect(() => assertMorning(9.5, 0, 'digest')).toThrow(/^digest hour 9\.5 must be a whole hour from 0 to 23/);
    expect(() => assertMorning(9, 60, 'digest')).toThrow(/^digest minute 60 must be a whole minute/);
  });
});
