// isoInZone writes offsets by hand from a cached per-window offset (src/time/zone-offsets.ts); it must
// agree with luxon's own ISO output everywhere, including across DST transitions and odd offsets.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoInZone } from '../../src/time/format.js';

const zones = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'UTC', 'Pacific/Kiritimati', 'Pacific/Honolulu', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Dublin', 'Africa/Casablanca', 'Asia/Kathmandu', 'Pacific/Auckland'];

describe('isoInZone', () => {
  it('matches luxon for any instant from 1900 to 2100 in zones with DST, half and quarter hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        expect(isoInZone(new Date(ms), zone)).toBe(DateTime.fromJSDate(new Date(ms), { zone }).toISO());
      }),
      { numRuns: 20_000 },
    );
  });

  it('is right on both sides of each 2026 New York and London transition, to the millisecond', () => {
    // 2026-03-08 07:00Z (02:00 EST → 03:00 EDT), 2026-11-01 06:00Z (02:00 EDT → 01:00 EST); London 29 Mar / 25 Oct 01:00Z.
    expect(isoInZone(new Date('2026-03-08T06:59:59.999Z'), 'America/New_York')).toBe('2026-03-08T01:59:59.999-05:00');
    expect(isoInZone(new Date('2026-03-08T07:00:00.000Z'), 'America/New_York')).toBe('2026-03-08T03:00:00.000-04:00');
    expect(isoInZone(new Date('2026-11-01T05:59:59.999Z'), 'America/New_York')).toBe('2026-11-01T01:59:59.999-04:00');
    expect(isoInZone(new Date('2026-11-01T06:00:00.000Z'), 'America/New_York')).toBe('2026-11-01T01:00:00.000-05:00');
    expect(isoInZone(new Date('2026-03-29T00:59:59.999Z'), 'Europe/London')).toBe('2026-03-29T00:59:59.999+00:00');
    expect(isoInZone(new Date('2026-03-29T01:00:00.000Z'), 'Europe/London')).toBe('2026-03-29T02:00:00.000+01:00');
    expect(isoInZone(new Date('2020-05-31T14:59:59.999Z'), 'Asia/Seoul')).toBe('2020-05-31T23:59:59.999+09:00');
    expect(isoInZone(new Date('2020-05-31T14:59:59.999Z'), 'UTC')).toBe('2020-05-31T14:59:59.999Z');
  });
});
