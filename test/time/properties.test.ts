// Properties that hold for any announcement instant in a spread of zones, DST or not, either side of UTC.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeDue } from '../../src/time/describe-due.js';
import { precisions } from '../../src/time/due-moment.js';
import { readDue } from '../../src/time/read-due.js';

const zones = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/London',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'Pacific/Kiritimati',
  'UTC',
  'Australia/Lord_Howe', // half-hour DST
  'Asia/Kolkata', // half-hour offset
  'Asia/Kathmandu', // quarter-hour offset
  'America/Sao_Paulo', // DST changes at midnight until 2019
  'America/Santiago', // DST changes at 24:00
  'America/St_Johns',
] as const;

const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const zone = fc.constantFrom(...zones);

describe('properties', () => {
  it('"end of this month" is the last millisecond of the announcement month, local time', () => {
    fc.assert(
      fc.property(instant, zone, (announcedAt, z) => {
        const { due } = readDue('end of this month', { announcedAt, zone: z });
        const announced = DateTime.fromJSDate(announcedAt, { zone: z });
        const local = DateTime.fromJSDate(due.instant, { zone: z });
        expect(due.precision).toBe('day');
        expect(due.zone).toBe(z);
        expect(due.instant.getTime()).toBeGreaterThanOrEqual(announcedAt.getTime());
        expect([local.year, local.month, local.day]).toEqual([announced.year, announced.month, announced.daysInMonth]);
        expect([local.hour, local.minute, local.second, local.millisecond]).toEqual([23, 59, 59, 999]);
        expect(due.instant.getTime() + 1).toBe(announced.endOf('month').plus({ milliseconds: 1 }).toMillis());
      }),
      { numRuns: 500 },
    );
  });

  it('"within N days" lands N calendar days after the announcement date, at 23:59:59.999 local', () => {
    fc.assert(
      fc.property(instant, zone, fc.integer({ min: 1, max: 400 }), (announcedAt, z, n) => {
        const { due } = readDue(`within ${n} days`, { announcedAt, zone: z });
        const announced = DateTime.fromJSDate(announcedAt, { zone: z });
        const local = DateTime.fromJSDate(due.instant, { zone: z });
        const expected = DateTime.utc(announced.year, announced.month, announced.day).plus({ days: n });
        expect(due.precision).toBe('day');
        expect([local.year, local.month, local.day]).toEqual([expected.year, expected.month, expected.day]);
        expect([local.hour, local.minute, local.second, local.millisecond]).toEqual([23, 59, 59, 999]);
        expect(due.instant.getTime()).toBeGreaterThan(announcedAt.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('a due moment is never before the announcement, whatever phrase is read', () => {
    const phrases = ['next Friday', 'by Friday', 'by 5 p.m. on Friday', 'end of May', 'June 15', 'mid-June', 'in June', 'tomorrow', 'by 9am', 'the 31st', 'end of the year', 'within 3 months'];
    fc.assert(
      fc.property(instant, zone, fc.constantFrom(...phrases), (announcedAt, z, phrase) => {
        const { due } = readDue(phrase, { announcedAt, zone: z });
        expect(due.instant.getTime()).toBeGreaterThanOrEqual(announcedAt.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('describeDue never throws', () => {
    const anyDate = fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)));
    const anyZone = fc.oneof(zone, fc.string());
    fc.assert(
      fc.property(anyDate, anyZone, fc.constantFrom(...precisions), anyDate, fc.string(), (at, z, precision, ref, label) => {
        const text = describeDue({ instant: at, zone: z, precision }, { at: ref, label });
        expect(typeof text).toBe('string');
        expect(text.startsWith('Due')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('robustness', () => {
  const words = ['by', 'the', 'end', 'of', 'next', 'this', 'mid-', 'within', 'in', 'days', 'weeks', 'month', 'year', 'June', 'Feb', '29', '31', '15th', 'Friday', 'at', '5', 'p.m.', '17:00', '24:00', 'utc', 'before', 'tomorrow', 'ago', 'midnight', 'noon', '2020-02-30', '2021-02', '2026-03-08T02:30', 'Q4', 'thirty-one', 'a', ',', '.', '0', '99999', '/'];
  const phrase = fc.array(fc.constantFrom(...words), { maxLength: 7 }).map((parts) => parts.join(' '));

  it('readDue either reads an expression or refuses it with a validation error', () => {
    fc.assert(
      fc.property(fc.oneof(phrase, fc.string({ maxLength: 40 })), instant, zone, (expression, announcedAt, z) => {
        try {
          const { due } = readDue(expression, { announcedAt, zone: z });
          expect(Number.isNaN(due.instant.getTime())).toBe(false);
          expect(due.instant.getTime()).toBeGreaterThanOrEqual(announcedAt.getTime());
        } catch (error) {
          expect((error as { code?: string }).code).toBe('validation');
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a very long input quickly', () => {
    const started = performance.now();
    for (const expression of ['by '.repeat(5000) + 'Friday', 'x '.repeat(5000) + '5pm', '1'.repeat(10000)]) {
      try {
        readDue(expression, { announcedAt: new Date('2020-05-12T01:00:00Z'), zone: 'UTC' });
      } catch {
        // refusal is fine; hanging is not
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
