import { describe, expect, it } from 'vitest';
import { digestWindow, nextDigestAt } from '../../src/alerts/digest-schedule.js';
import { digestBookmark } from '../../src/subscriber/choices.js';

const iso = (d: Date) => d.toISOString();

describe('weekly digest schedule', () => {
  it('New York, Mondays at 09:00 across the November change (EDT, then EST)', () => {
    const m = { zone: 'America/New_York', morningHour: 9, weekday: 'mon' as const };
    expect(iso(nextDigestAt({ ...m, after: new Date('2026-10-21T12:00:00Z') }))).toBe('2026-10-26T13:00:00.000Z');
    expect(iso(nextDigestAt({ ...m, after: new Date('2026-10-26T13:00:00Z') }))).toBe('2026-11-02T14:00:00.000Z');
    // The week across the change is 169 hours long.
    expect(digestWindow({ ...m, at: new Date('2026-11-04T00:00:00Z') })).toEqual({ from: new Date('2026-10-26T13:00:00Z'), to: new Date('2026-11-02T14:00:00Z') });
  });

  it('the slot itself closes the window; a minute before, the week before does', () => {
    const m = { zone: 'Asia/Seoul', morningHour: 9, weekday: 'mon' as const };
    expect(iso(digestWindow({ ...m, at: new Date('2020-05-18T00:00:00Z') }).to)).toBe('2020-05-18T00:00:00.000Z');
    expect(iso(digestWindow({ ...m, at: new Date('2020-05-17T23:59:00Z') }).to)).toBe('2020-05-11T00:00:00.000Z');
  });

  it('Auckland, Sundays: 09:00 NZDT then 09:00 NZST on the day DST ends', () => {
    const m = { zone: 'Pacific/Auckland', morningHour: 9, weekday: 'sun' as const };
    expect(iso(nextDigestAt({ ...m, after: new Date('2026-03-25T00:00:00Z') }))).toBe('2026-03-28T20:00:00.000Z');
    expect(iso(nextDigestAt({ ...m, after: new Date('2026-03-28T20:00:00Z') }))).toBe('2026-04-04T21:00:00.000Z');
  });

  it('a new delivery or weekday starts from the next slot: the bookmark moves to now', () => {
    const now = new Date('2020-05-13T03:00:00Z');
    const last = new Date('2020-05-11T00:00:00Z');
    expect(digestBookmark({ delivery: 'weekly', weekday: 'mon', lastDigestAt: last }, { delivery: 'weekly', weekday: 'thu' }, now)).toEqual(now);
    expect(digestBookmark({ delivery: 'daily', weekday: 'mon', lastDigestAt: last }, { delivery: 'weekly', weekday: 'mon' }, now)).toEqual(now);
    expect(digestBookmark({ delivery: 'weekly', weekday: 'mon', lastDigestAt: last }, { delivery: 'immediate', weekday: 'mon' }, now)).toBeUndefined();
    expect(digestBookmark({ delivery: 'daily', weekday: 'mon', lastDigestAt: last }, { delivery: 'daily', weekday: 'fri' }, now)).toBeUndefined();
  });
});
