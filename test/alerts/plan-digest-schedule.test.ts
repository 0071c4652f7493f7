import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { digestWindow, nextDigestAt } from '../../src/alerts/digest-schedule.js';

const iso = (d: Date) => d.toISOString();

describe('nextDigestAt', () => {
  it('is 09:00 the same day when the morning has not come yet', () => {
    // 07:00 KST on 30 May → 09:00 KST = 00:00Z.
    expect(iso(nextDigestAt({ zone: 'Asia/Seoul', morningHour: 9, after: new Date('2020-05-29T22:00:00Z') }))).toBe('2020-05-30T00:00:00.000Z');
  });

  it('is strictly after: at 09:00 exactly it is the next morning', () => {
    expect(iso(nextDigestAt({ zone: 'Asia/Seoul', morningHour: 9, after: new Date('2020-05-30T00:00:00Z') }))).toBe('2020-05-31T00:00:00.000Z');
  });

  it('honours the minute and zones west of UTC', () => {
    // 22:00 PDT on 30 May → 07:45 PDT on 31 May = 14:45Z.
    expect(iso(nextDigestAt({ zone: 'America/Los_Angeles', morningHour: 7, morningMinute: 45, after: new Date('2020-05-31T05:00:00Z') }))).toBe(
      '2020-05-31T14:45:00.000Z',
    );
  });

  it('moves from EST to EDT across the spring-forward night', () => {
    // After 09:00 EST on 7 March 2026 (14:00Z), the next 09:00 is EDT on 8 March (13:00Z): 23 hours later.
    expect(iso(nextDigestAt({ zone: 'America/New_York', morningHour: 9, after: new Date('2026-03-07T14:00:00Z') }))).toBe('2026-03-08T13:00:00.000Z');
  });

  it('sends a 02:30 digest at 03:00 EDT on the day 02:30 does not exist, and at 02:30 again the day after', () => {
    const zone = 'America/New_York';
    const first = nextDigestAt({ zone, morningHour: 2, morningMinute: 30, after: new Date('2026-03-08T06:00:00Z') }); // 01:00 EST
    expect(iso(first)).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT, the first minute after the gap
    expect(iso(nextDigestAt({ zone, morningHour: 2, morningMinute: 30, after: first }))).toBe('2026-03-09T06:30:00.000Z'); // 02:30 EDT
  });

  it('sends a 01:30 digest once, at the first 01:30, on the night DST ends', () => {
    const zone = 'America/New_York';
    const first = nextDigestAt({ zone, morningHour: 1, morningMinute: 30, after: new Date('2026-11-01T04:00:00Z') }); // 00:00 EDT
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(nextDigestAt({ zone, morningHour: 1, morningMinute: 30, after: first }))).toBe('2026-11-02T06:30:00.000Z'); // 01:30 EST next day
  });

  it('handles a zone east of UTC with southern-hemisphere DST', () => {
    // Auckland leaves NZDT (UTC+13) for NZST (UTC+12) on 5 April 2026: 09:00 on 4 April is 3 April 20:00Z,
    // 09:00 on 5 April is 4 April 21:00Z, 25 hours later.
    const zone = 'Pacific/Auckland';
    expect(iso(nextDigestAt({ zone, morningHour: 9, after: new Date('2026-04-03T19:00:00Z') }))).toBe('2026-04-03T20:00:00.000Z');
    expect(iso(nextDigestAt({ zone, morningHour: 9, after: new Date('2026-04-03T20:00:00Z') }))).toBe('2026-04-04T21:00:00.000Z');
  });

  it('survives a day that never happened: Samoa skipped 30 December 2011', () => {
    // Apia went from 29 Dec 23:59:59 (UTC-10) straight to 31 Dec 00:00 (UTC+14) at 2011-12-30T10:00Z.
    // 09:00 on 30 Dec does not exist, so the next minute that does is used: 31 Dec 00:00 local.
    expect(iso(nextDigestAt({ zone: 'Pacific/Apia', morningHour: 9, after: new Date('2011-12-29T20:00:00Z') }))).toBe('2011-12-30T10:00:00.000Z');
  });

  it('rejects an unknown zone and an hour out of range', () => {
    expect(() => nextDigestAt({ zone: 'Nowhere', morningHour: 9, after: new Date(0) })).toThrow(AppError);
    expect(() => nextDigestAt({ zone: 'UTC', morningHour: 24, after: new Date(0) })).toThrow(AppError);
  });
});

describe('digestWindow', () => {
  it('is the day that ended at the last 09:00, that 09:00 included', () => {
    const expected = { from: new Date('2020-05-30T00:00:00Z'), to: new Date('2020-05-31T00:00:00Z') };
    expect(digestWindow({ zone: 'Asia/Seoul', morningHour: 9, at: new Date('2020-05-31T00:00:00Z') })).toEqual(expected);
    expect(digestWindow({ zone: 'Asia/Seoul', morningHour: 9, at: new Date('2020-05-31T00:00:45Z') })).toEqual(expected);
  });

  it('is the previous window just before the morning hour', () => {
    expect(digestWindow({ zone: 'Asia/Seoul', morningHour: 9, at: new Date('2020-05-30T23:59:59Z') })).toEqual({
      from: new Date('2020-05-29T00:00:00Z'),
      to: new Date('2020-05-30T00:00:00Z'),
    });
  });

  it('is 23 hours long on the day DST starts', () => {
    const { from, to } = digestWindow({ zone: 'America/New_York', morningHour: 9, at: new Date('2026-03-08T13:05:00Z') });
    expect([iso(from), iso(to)]).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
  });

  it('tiles: each window starts where the previous one ended', () => {
    const zone = 'Europe/London';
    const first = digestWindow({ zone, morningHour: 8, morningMinute: 15, at: new Date('2026-03-28T12:00:00Z') });
    const second = digestWindow({ zone, morningHour: 8, morningMinute: 15, at: new Date('2026-03-29T12:00:00Z') });
    expect(second.from).toEqual(first.to);
    expect([iso(first.to), iso(second.to)]).toEqual(['2026-03-28T08:15:00.000Z', '2026-03-29T07:15:00.000Z']);
  });
});
