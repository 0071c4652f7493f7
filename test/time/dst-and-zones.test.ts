// Daylight saving time, month ends and leap days, and zones on both sides of UTC (and of the date line).
import { describe, expect, it } from 'vitest';
import { readDue } from '../../src/time/read-due.js';
import { read, rejection } from './helpers.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const AUCKLAND = 'Pacific/Auckland';

describe('America/New_York: clocks forward Sun 8 Mar 2026, back Sun 1 Nov 2026', () => {
  const at = '2026-03-01T12:00';
  it.each([
    ['2026-03-07', '2026-03-07T23:59:59.999-05:00', '2026-03-08T04:59:59.999Z'],
    ['2026-03-08', '2026-03-08T23:59:59.999-04:00', '2026-03-09T03:59:59.999Z'], // 23-hour day
    ['2026-10-31', '2026-10-31T23:59:59.999-04:00', '2026-11-01T03:59:59.999Z'],
    ['2026-11-01', '2026-11-01T23:59:59.999-05:00', '2026-11-02T04:59:59.999Z'], // 25-hour day
  ])('end of %s has the offset in force at that moment', (expression, iso, utc) => {
    const r = read(expression, at, NY);
    expect(r.iso).toBe(iso);
    expect(r.utc).toBe(utc);
    expect(r.precision).toBe('day');
  });

  it('phrases landing on transition days get the right offset', () => {
    expect(read('tomorrow', '2026-03-07T12:00', NY).iso).toBe('2026-03-08T23:59:59.999-04:00');
    expect(read('within 1 day', '2026-10-31T23:30', NY).iso).toBe('2026-11-01T23:59:59.999-05:00');
    expect(read('end of this month', '2026-03-08T01:00', NY).utc).toBe('2026-04-01T03:59:59.999Z');
    expect(read('within 7 days', '2026-03-02T09:00', NY).iso).toBe('2026-03-09T23:59:59.999-04:00');
  });

  it('refuses 02:30 on 8 Mar 2026, which does not exist in New York', () => {
    const e = rejection(() => readDue('2026-03-08T02:30', { announcedAt: new Date('2026-03-01T17:00:00Z'), zone: NY }));
    expect(e.field).toBe('due');
    expect(e.message).toBe(
      'due "2026-03-08T02:30" names 02:30 on Sun 8 Mar 2026, a local time that does not exist in America/New_York: the clocks jump forward 1 hour that night for daylight saving time; give a time outside the gap (e.g. 03:30)',
    );
    expect(rejection(() => readDue('by 2:30 a.m. on Sunday', { announcedAt: new Date('2026-03-05T17:00:00Z'), zone: NY })).message).toContain('does not exist in America/New_York');
  });

  it('takes the earlier offset for 01:30 on 1 Nov 2026, which happens twice', () => {
    const r = read('2026-11-01T01:30', at, NY);
    expect(r.iso).toBe('2026-11-01T01:30:00.000-04:00');
    expect(r.utc).toBe('2026-11-01T05:30:00.000Z');
    expect(read('2026-11-01T00:59', at, NY).utc).toBe('2026-11-01T04:59:00.000Z');
    expect(read('2026-11-01T02:00', at, NY).utc).toBe('2026-11-01T07:00:00.000Z');
  });

  it('reads times either side of the gap', () => {
    expect(read('2026-03-08T01:59', at, NY).utc).toBe('2026-03-08T06:59:00.000Z');
    expect(read('2026-03-08T03:00', at, NY).utc).toBe('2026-03-08T07:00:00.000Z');
    expect(read('2026-03-08T03:30-04:00', at, NY).utc).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('Europe/London: clocks forward Sun 29 Mar 2026, back Sun 25 Oct 2026', () => {
  const at = '2026-03-01T12:00';
  it.each([
    ['2026-03-28', '2026-03-28T23:59:59.999+00:00', '2026-03-28T23:59:59.999Z'],
    ['2026-03-29', '2026-03-29T23:59:59.999+01:00', '2026-03-29T22:59:59.999Z'],
    ['2026-10-24', '2026-10-24T23:59:59.999+01:00', '2026-10-24T22:59:59.999Z'],
    ['2026-10-25', '2026-10-25T23:59:59.999+00:00', '2026-10-25T23:59:59.999Z'],
  ])('end of %s', (expression, iso, utc) => {
    const r = read(expression, at, LONDON);
    expect(r.iso).toBe(iso);
    expect(r.utc).toBe(utc);
  });

  it('refuses 01:30 on 29 Mar 2026 and takes BST for 01:30 on 25 Oct 2026', () => {
    expect(rejection(() => readDue('2026-03-29T01:30', { announcedAt: new Date('2026-03-01T00:00:00Z'), zone: LONDON })).message).toContain('(e.g. 02:30)');
    expect(read('2026-10-25T01:30', at, LONDON).utc).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('month ends and leap days', () => {
  it.each([
    ['2024-02-10T09:00', '2024-02-29T23:59:59.999Z'], // leap year
    ['2023-02-10T09:00', '2023-02-28T23:59:59.999Z'],
    ['2100-02-10T09:00', '2100-02-28T23:59:59.999Z'], // not a leap year (divisible by 100)
    ['2000-02-10T09:00', '2000-02-29T23:59:59.999Z'], // leap (divisible by 400)
    ['2020-04-30T23:59', '2020-04-30T23:59:59.999Z'], // 30-day month, announced on its last day
    ['2020-12-31T00:00', '2020-12-31T23:59:59.999Z'],
    ['2020-01-01T00:00', '2020-01-31T23:59:59.999Z'],
  ])('"end of this month" announced %s UTC → %s', (announced, iso) => {
    expect(read('end of this month', announced, 'UTC').iso).toBe(iso);
  });

  it('month arithmetic clamps to the last day of a shorter month', () => {
    expect(read('within 1 month', '2024-01-31T10:00', 'UTC').iso).toBe('2024-02-29T23:59:59.999Z');
    expect(read('within a month', '2023-01-31T10:00', 'UTC').iso).toBe('2023-02-28T23:59:59.999Z');
    expect(read('within 1 month', '2020-03-31T10:00', 'UTC').iso).toBe('2020-04-30T23:59:59.999Z');
    expect(read('within 3 months', '2020-11-30T10:00', 'UTC').iso).toBe('2021-02-28T23:59:59.999Z');
    expect(read('within 1 year', '2024-02-29T10:00', 'UTC').iso).toBe('2025-02-28T23:59:59.999Z');
    expect(read('end of next month', '2020-01-31T10:00', 'UTC').iso).toBe('2020-02-29T23:59:59.999Z');
    expect(read('within 30 days', '2021-02-01T10:00', 'UTC').iso).toBe('2021-03-03T23:59:59.999Z');
  });

  it('refuses 2021-02-29', () => {
    expect(rejection(() => readDue('2021-02-29', { announcedAt: new Date('2021-01-01T00:00:00Z'), zone: 'UTC' })).message).toContain('not a leap year');
  });
});

describe('zones on both sides of UTC', () => {
  it('Asia/Seoul (UTC+9)', () => {
    expect(read('2020-05-31', '2020-05-12T10:00', 'Asia/Seoul').utc).toBe('2020-05-31T14:59:59.999Z');
  });

  it('Pacific/Honolulu (UTC-10): the due moment is the next UTC day', () => {
    const r = read('end of this month', '2020-05-31T20:00', 'Pacific/Honolulu');
    expect(r.iso).toBe('2020-05-31T23:59:59.999-10:00');
    expect(r.utc).toBe('2020-06-01T09:59:59.999Z');
  });

  it('UTC', () => {
    expect(read('2020-05-31', '2020-05-12T10:00', 'UTC').iso).toBe('2020-05-31T23:59:59.999Z');
    expect(read('by 5 p.m. on Friday', '2020-05-12T10:00', 'UTC').iso).toBe('2020-05-15T17:00:00.000Z');
  });

  it('Pacific/Auckland: NZ summer time ends Sun 5 Apr 2026 and starts Sun 27 Sep 2026', () => {
    const at = '2026-03-01T12:00';
    expect(read('2026-04-04', at, AUCKLAND).iso).toBe('2026-04-04T23:59:59.999+13:00');
    expect(read('2026-04-05', at, AUCKLAND).iso).toBe('2026-04-05T23:59:59.999+12:00');
    expect(read('2026-04-05', at, AUCKLAND).utc).toBe('2026-04-05T11:59:59.999Z');
    expect(read('2026-09-27', at, AUCKLAND).iso).toBe('2026-09-27T23:59:59.999+13:00');
    expect(read('2026-09-27', at, AUCKLAND).utc).toBe('2026-09-27T10:59:59.999Z');
    expect(rejection(() => readDue('2026-09-27T02:15', { announcedAt: new Date('2026-03-01T00:00:00Z'), zone: AUCKLAND })).message).toContain('does not exist in Pacific/Auckland');
    expect(read('2026-04-05T02:30', at, AUCKLAND).iso).toBe('2026-04-05T02:30:00.000+13:00'); // the earlier of two
  });

  it('Pacific/Auckland: announced on 1 June local time, which is still 31 May in UTC', () => {
    expect(read('end of this month', '2020-06-01T08:00', AUCKLAND).iso).toBe('2020-06-30T23:59:59.999+12:00');
    expect(read('tomorrow', '2020-06-01T08:00', AUCKLAND).utc).toBe('2020-06-02T11:59:59.999Z');
  });

  it('Pacific/Kiritimati (UTC+14): the first zone into a new day', () => {
    // 2020-12-31T11:00Z is already 1 January 2021 on Kiritimati.
    const announcedAt = new Date('2020-12-31T11:00:00Z');
    const r = readDue('end of this month', { announcedAt, zone: 'Pacific/Kiritimati' });
    expect(r.due.instant.toISOString()).toBe('2021-01-31T09:59:59.999Z');
    expect(readDue('by the end of the year', { announcedAt, zone: 'Pacific/Kiritimati' }).due.instant.toISOString()).toBe('2021-12-31T09:59:59.999Z');
    expect(read('tomorrow', '2020-05-13T00:30', 'Pacific/Kiritimati').iso).toBe('2020-05-14T23:59:59.999+14:00');
  });

  it('Pacific/Kiritimati skipped 31 Dec 1994 when it crossed the date line: that day is refused', () => {
    const announcedAt = new Date('1994-12-01T00:00:00Z');
    expect(rejection(() => readDue('1994-12-31', { announcedAt, zone: 'Pacific/Kiritimati' })).message).toContain('did not exist in Pacific/Kiritimati');
    expect(rejection(() => readDue('2011-12-30', { announcedAt, zone: 'Pacific/Apia' })).message).toContain('did not exist in Pacific/Apia');
    // The month still has a last moment: the end of 30 December, local time (UTC-10 then).
    expect(readDue('1994-12', { announcedAt, zone: 'Pacific/Kiritimati' }).due.instant.toISOString()).toBe('1994-12-31T09:59:59.999Z');
  });
});
