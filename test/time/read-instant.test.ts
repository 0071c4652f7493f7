// readInstant: points in time for --announced, --due-before, --due-after, --now.
import { describe, expect, it } from 'vitest';
import { readInstant } from '../../src/time/read-due.js';
import { local, rejection } from './helpers.js';

const now = local('2020-05-12T10:00', 'Asia/Seoul');
const at = (expression: string, zone = 'Asia/Seoul') => readInstant(expression, { now, zone, field: '--announced' }).toISOString();

describe('readInstant', () => {
  it('"now" is now', () => {
    expect(at('now')).toBe(now.toISOString());
    expect(at(' NOW ')).toBe(now.toISOString());
  });

  it('an ISO date is the start of that day in the zone', () => {
    expect(at('2020-05-01')).toBe('2020-04-30T15:00:00.000Z');
    expect(at('2020-05-01', 'UTC')).toBe('2020-05-01T00:00:00.000Z');
    expect(at('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(at('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(at('2020-05', 'Asia/Seoul')).toBe('2020-04-30T15:00:00.000Z');
  });

  it('a day whose midnight fell in a DST gap starts where the gap ends', () => {
    expect(at('2026-03-08', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z'); // 00:00 CST → 01:00 CDT
    // Toronto went from 23:30 EST on 30 Mar 1919 to 00:30 EDT: the 31st began at 00:30 (04:30Z), not 01:00.
    expect(at('1919-03-31', 'America/Toronto')).toBe('1919-03-31T04:30:00.000Z');
  });

  it('an ISO date-time is that time in the zone, or the exact instant with an offset', () => {
    expect(at('2020-05-01T09:00')).toBe('2020-05-01T00:00:00.000Z');
    expect(at('2020-05-01T09:00Z')).toBe('2020-05-01T09:00:00.000Z');
    expect(at('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('a phrase is the end of the period it names, relative to now, and may lie in the past', () => {
    expect(at('end of this month')).toBe('2020-05-31T14:59:59.999Z');
    expect(at('yesterday')).toBe('2020-05-11T14:59:59.999Z');
    expect(at('7 days ago')).toBe('2020-05-05T14:59:59.999Z');
    expect(at('end of last month')).toBe('2020-04-30T14:59:59.999Z');
    expect(at('next Friday')).toBe('2020-05-15T14:59:59.999Z');
    expect(at('in June')).toBe('2020-06-30T14:59:59.999Z');
  });

  it('refuses what it cannot read, naming the field it was given', () => {
    const e = rejection(() => readInstant('blah', { now, zone: 'Asia/Seoul', field: '--due-before' }));
    expect(e.field).toBe('--due-before');
    expect(e.message).toContain('--due-before "blah" cannot be read as a date');
    expect(rejection(() => readInstant('2026-03-08T02:30', { now, zone: 'America/New_York', field: '--announced' })).message).toContain('does not exist');
    expect(rejection(() => readInstant('03/04/2020', { now, zone: 'UTC', field: '--announced' })).message).toContain('ambiguous');
    expect(rejection(() => readInstant('2020-05-01', { now, zone: 'Nowhere/Else', field: '--announced' })).field).toBe('zone');
  });
});
