// The calendar toolkit every part of Docket uses (src/time/civil.ts): civil dates, their arithmetic, and
// instantAt, the one rule for a wall-clock time in a DST gap or overlap (reminders, digests, the start
// of a day). Times typed by a person are refused in a gap instead; see dst-and-zones.test.ts.
import { describe, expect, it } from 'vitest';
import { addDays, civilDateAt, instantAt, isoDate, startOfDay, wallClockInstants, weekday } from '../../src/time/civil.js';

const at = (date: string, time: string, zone: string): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return instantAt({ year, month, day }, { hour, minute }, zone).toISOString();
};

describe('instantAt: the one instant a wall-clock time stands for', () => {
  it('is the plain reading on an ordinary day, east and west of UTC', () => {
    expect(at('2020-05-31', '09:00', 'Asia/Seoul')).toBe('2020-05-31T00:00:00.000Z');
    expect(at('2020-05-31', '09:00', 'America/Los_Angeles')).toBe('2020-05-31T16:00:00.000Z');
    expect(at('2020-05-31', '09:00', 'Pacific/Kiritimati')).toBe('2020-05-30T19:00:00.000Z');
    expect(at('2020-05-31', '09:00', 'Pacific/Honolulu')).toBe('2020-05-31T19:00:00.000Z');
    expect(at('2020-05-31', '09:00', 'UTC')).toBe('2020-05-31T09:00:00.000Z');
  });

  it('spring gap: a skipped time is the first instant after the gap (New York, 8 Mar 2026)', () => {
    expect(wallClockInstants({ year: 2026, month: 3, day: 8 }, { hour: 2, minute: 30 }, 'America/New_York')).toEqual([]);
    expect(at('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(at('2026-03-08', '02:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z'); // EST, before the gap
    expect(at('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('spring gap east of UTC, southern hemisphere (Auckland, 27 Sep 2026), and a 30-minute one (Lord Howe)', () => {
    expect(at('2026-09-27', '02:30', 'Pacific/Auckland')).toBe('2026-09-26T14:00:00.000Z'); // 03:00 NZDT
    expect(at('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z'); // 02:30 +11
  });

  it('autumn overlap: a repeated time is its first occurrence (New York 1 Nov 2026, Auckland 5 Apr 2026)', () => {
    expect(wallClockInstants({ year: 2026, month: 11, day: 1 }, { hour: 1, minute: 30 }, 'America/New_York')).toEqual([
      Date.parse('2026-11-01T05:30:00Z'),
      Date.parse('2026-11-01T06:30:00Z'),
    ]);
    expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z'); // EDT, not EST
    expect(at('2026-04-05', '02:30', 'Pacific/Auckland')).toBe('2026-04-04T13:30:00.000Z'); // NZDT, not NZST
  });

  it('a day the zone skipped (Samoa, 30 Dec 2011) is where the gap ends: 31 Dec 00:00 local', () => {
    expect(at('2011-12-30', '09:00', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
  });

  it('keeps seconds and milliseconds', () => {
    expect(instantAt({ year: 2020, month: 5, day: 31 }, { hour: 23, minute: 59, second: 59, millisecond: 999 }, 'Asia/Seoul').toISOString()).toBe(
      '2020-05-31T14:59:59.999Z',
    );
  });
});

describe('startOfDay', () => {
  it('is midnight, or where a gap that swallows midnight ends (Havana springs forward at 00:00)', () => {
    expect(startOfDay({ year: 2026, month: 3, day: 8 }, 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay({ year: 2026, month: 3, day: 8 }, 'America/Havana').toISOString()).toBe('2026-03-08T05:00:00.000Z'); // 01:00 CDT
  });

  it('is the end of a gap that began before midnight, not midnight plus the jump (Toronto, 31 Mar 1919)', () => {
    // Clocks went from 23:30 EST on 30 March to 00:30 EDT on 31 March: the day began at 00:30 EDT (04:30Z).
    // luxon's reading of the missing 00:00 (01:00 EDT) lost the day's first half hour.
    expect(startOfDay({ year: 1919, month: 3, day: 31 }, 'America/Toronto').toISOString()).toBe('1919-03-31T04:30:00.000Z');
  });
});

describe('calendar dates', () => {
  it('addDays crosses month ends, leap days and year ends', () => {
    expect(addDays({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 1 });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2023, month: 3, day: 1 }, -1)).toEqual({ year: 2023, month: 2, day: 28 });
    expect(addDays({ year: 2000, month: 2, day: 28 }, 1)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(addDays({ year: 2100, month: 2, day: 28 }, 1)).toEqual({ year: 2100, month: 3, day: 1 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2020, month: 5, day: 31 }, -7)).toEqual({ year: 2020, month: 5, day: 24 });
  });

  it('addDays counts days, not hours, across DST (no zone is involved)', () => {
    expect(addDays({ year: 2026, month: 3, day: 7 }, 1)).toEqual({ year: 2026, month: 3, day: 8 });
    expect(addDays({ year: 2026, month: 11, day: 1 }, 1)).toEqual({ year: 2026, month: 11, day: 2 });
  });

  it('civilDateAt reads the date in the zone, on both sides of UTC, from a Date or milliseconds', () => {
    const instant = new Date('2020-05-31T15:30:00Z');
    expect(civilDateAt(instant, 'Asia/Seoul')).toEqual({ year: 2020, month: 6, day: 1 });
    expect(civilDateAt(instant, 'Pacific/Kiritimati')).toEqual({ year: 2020, month: 6, day: 1 });
    expect(civilDateAt(instant, 'UTC')).toEqual({ year: 2020, month: 5, day: 31 });
    expect(civilDateAt(instant, 'Pacific/Honolulu')).toEqual({ year: 2020, month: 5, day: 31 });
    expect(civilDateAt(instant.getTime(), 'Asia/Seoul')).toEqual(civilDateAt(instant, 'Asia/Seoul'));
  });

  it('weekday is ISO (Monday 1 … Sunday 7) and isoDate pads', () => {
    expect(weekday({ year: 2026, month: 3, day: 8 })).toBe(7);
    expect(weekday({ year: 2024, month: 2, day: 29 })).toBe(4);
    expect(isoDate({ year: 2026, month: 3, day: 8 })).toBe('2026-03-08');
    expect(isoDate({ year: 1000, month: 12, day: 31 })).toBe('1000-12-31');
  });
});
