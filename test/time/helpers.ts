// Small helpers for the deadline tests: read an expression announced at a given local time, and report
// the result as the ISO string in the deadline's zone, which is what the expectations are written in.
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { AppError } from '../../src/errors.js';
import { isoInZone } from '../../src/time/format.js';
import { readDue } from '../../src/time/read-due.js';

/** '2020-05-12T10:00' in `zone` → Date. */
export function local(text: string, zone: string): Date {
  const dt = DateTime.fromISO(text, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${text}`);
  return dt.toJSDate();
}

export function read(expression: string, announced: string, zone = 'Asia/Seoul') {
  const r = readDue(expression, { announcedAt: local(announced, zone), zone });
  return { iso: isoInZone(r.due.instant, r.due.zone), precision: r.due.precision, reading: r.reading, utc: r.due.instant.toISOString(), zone: r.due.zone };
}

/** Runs `fn`, expects a validation AppError, and returns it. */
export function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('validation');
    return e;
  }
  throw new Error('expected a validation error, got none');
}
