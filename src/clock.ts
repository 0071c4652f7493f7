// The one place Docket reads the wall clock. Everything else is handed a Clock (or a `now`), so tests and
// replays of past cases (DOCKET_NOW=2020-05-12T09:00:00+09:00) see one coherent time.
import { DateTime } from 'luxon';
import { invalid } from './errors.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A clock that starts at `start` and runs on at `rate` × real time (rate 1 = normal speed). */
export function offsetClock(start: Date, rate = 1, real: () => number = Date.now): Clock {
  const realStart = real();
  return { now: () => new Date(start.getTime() + (real() - realStart) * rate) };
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const rate = env.DOCKET_CLOCK_RATE === undefined || env.DOCKET_CLOCK_RATE === '' ? 1 : Number(env.DOCKET_CLOCK_RATE);
  if (!Number.isFinite(rate) || rate <= 0) throw invalid('DOCKET_CLOCK_RATE', env.DOCKET_CLOCK_RATE, 'must be a positive number');
  if (env.DOCKET_NOW === undefined || env.DOCKET_NOW === '') return systemClock;
  return offsetClock(parseInstant(env.DOCKET_NOW, 'DOCKET_NOW'), rate);
}

/** ISO 8601 instant with an offset or Z (a bare date/time would be ambiguous about its zone). */
export function parseInstant(value: string, field: string): Date {
  const parsed = DateTime.fromISO(value.trim(), { setZone: true });
  if (!parsed.isValid || !/T.*(Z|[+-]\d\d(:?\d\d)?)$/i.test(value.trim())) {
    throw invalid(field, value, 'is not an ISO 8601 instant with an offset (e.g. 2020-05-12T09:00:00+09:00 or 2020-05-12T00:00:00Z)');
  }
  return parsed.toJSDate();
}
