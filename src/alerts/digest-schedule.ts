// When daily-digest subscribers get their email, and which alerts each digest collects. The digest goes
// out at the morning hour in the subscriber's zone, the same hour single reminders use.

import { addDays, assertMorning, assertZone, lastMorning, morningOf, nextMorning } from './local-time.js';

/**
 * The first morning-hour instant in `zone` strictly after `after`. DST-safe: a morning hour that does
 * not exist that day (02:30 when New York springs forward) goes at the next minute that does (03:00
 * EDT); one that happens twice (01:30 when DST ends) goes at the first, and only once.
 */
export function nextDigestAt(input: { zone: string; morningHour: number; morningMinute?: number; after: Date }): Date {
  const minute = input.morningMinute ?? 0;
  assertZone(input.zone, 'zone');
  assertMorning(input.morningHour, minute, 'digest');
  return nextMorning(input.zone, input.morningHour, minute, input.after).at;
}

/**
 * The digest period that has most recently closed at `at`: `to` is the last morning-hour instant at or
 * before `at`, `from` the one the local day before. The digest sent at `to` collects the alerts with
 * from < sendAt <= to, so a reminder planned for 09:00 rides in the 09:00 digest, not the next day's.
 * Across a DST change the period is 23 or 25 hours long.
 */
export function digestWindow(input: { zone: string; morningHour: number; morningMinute?: number; at: Date }): { from: Date; to: Date } {
  const minute = input.morningMinute ?? 0;
  assertZone(input.zone, 'zone');
  assertMorning(input.morningHour, minute, 'digest');
  const to = lastMorning(input.zone, input.morningHour, minute, input.at);
  return { from: morningOf(input.zone, addDays(to.date, -1), input.morningHour, minute), to: to.at };
}
