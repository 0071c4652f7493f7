// The instants Docket accepts from people: years 1000–9998 (UTC). The stores hold four-digit years only
// (ISO 8601 needs six-digit signed years outside 0000–9999, which Prisma cannot convert: `--now
// -000001-01-01T00:00:00Z` ended in "Could not convert argument value" and exit 1), and the engine plans
// alerts up to a year after a deadline (overdue repeats), which must stay storable too: a deadline due
// 9999-12-31 made every later `docket tick` fail. No government deadline needs more.
import { invalid } from '../errors.js';

const earliest = Date.parse('1000-01-01T00:00:00.000Z');
const end = Date.parse('9999-01-01T00:00:00.000Z');

/** The last instant Docket accepts: windows that would run past it stop there. */
export const latestInstant = new Date(end - 1);

export const outOfRangeProblem = 'is outside the years 1000–9998 (UTC) that Docket accepts';

export function inAcceptedRange(instant: Date): boolean {
  const ms = instant.getTime();
  return ms >= earliest && ms < end;
}

/** Returns `instant`, or throws a validation error naming `field` and `value` when it is out of range. */
export function checkInstantRange(instant: Date, field: string, value: unknown): Date {
  if (!inAcceptedRange(instant)) throw invalid(field, value, outOfRangeProblem);
  return instant;
}

/** Whether the stores can hold `instant` at all (four-digit years). Planned alerts beyond it are dropped. */
export function storable(instant: Date): boolean {
  const ms = instant.getTime();
  return ms >= Date.parse('0000-01-01T00:00:00.000Z') && ms <= Date.parse('9999-12-31T23:59:59.999Z');
}
