// When digest subscribers get their email, and which alerts each digest collects. A daily digest goes
// out every morning, a weekly one on the subscriber's weekday; both at the morning hour in the
// subscriber's zone, the same hour single reminders use.

import { invalid } from '../errors.js';
import { weekdays, type Weekday } from '../domain/vocabulary.js';
import { addDays } from '../time/civil.js';
import { assertZone } from '../time/zone.js';
import { assertMorning, lastMorning, lastWeekdayMorning, morningOf, nextMorning, nextWeekdayMorning } from './morning.js';

/** Which digest: every morning (no weekday), or once a week on `weekday`. */
export interface DigestRhythm {
  zone: string;
  morningHour: number;
  morningMinute?: number;
  /** Weekly digests only. */
  weekday?: Weekday;
}

/** ISO weekday (1 = Monday) of a weekday name. */
export function isoWeekdayOf(weekday: Weekday): number {
  const index = weekdays.indexOf(weekday);
  if (index < 0) throw invalid('weekday', weekday, `must be one of ${weekdays.join(', ')}`);
  return index + 1;
}

/** The rhythm's zone (as src/time spells it) and minute, once both are checked. */
function checked(input: DigestRhythm): { zone: string; minute: number } {
  const minute = input.morningMinute ?? 0;
  const zone = assertZone(input.zone, 'zone');
  assertMorning(input.morningHour, minute, 'digest');
  return { zone, minute };
}

/**
 * The first digest instant in `zone` strictly after `after`. DST-safe: a morning hour that does
 * not exist that day (02:30 when New York springs forward) goes at the next minute that does (03:00
 * EDT); one that happens twice (01:30 when DST ends) goes at the first, and only once.
 */
export function nextDigestAt(input: DigestRhythm & { after: Date }): Date {
  const { zone, minute } = checked(input);
  if (input.weekday !== undefined) return nextWeekdayMorning(zone, isoWeekdayOf(input.weekday), input.morningHour, minute, input.after).at;
  return nextMorning(zone, input.morningHour, minute, input.after).at;
}

/**
 * The digest period that has most recently closed at `at`: `to` is the last digest instant at or
 * before `at`, `from` the one before it (the local day before, or the same weekday a week before). The
 * digest sent at `to` collects the alerts with from < sendAt <= to, so a reminder planned for 09:00 rides
 * in the 09:00 digest, not the next one. Across a DST change the period is an hour shorter or longer.
 */
export function digestWindow(input: DigestRhythm & { at: Date }): { from: Date; to: Date } {
  const { zone, minute } = checked(input);
  if (input.weekday !== undefined) {
    const to = lastWeekdayMorning(zone, isoWeekdayOf(input.weekday), input.morningHour, minute, input.at);
    return { from: morningOf(zone, addDays(to.date, -7), input.morningHour, minute), to: to.at };
  }
  const to = lastMorning(zone, input.morningHour, minute, input.at);
  return { from: morningOf(zone, addDays(to.date, -1), input.morningHour, minute), to: to.at };
}

/** The rhythm of a subscriber's digests, from their stored delivery and weekday; null when they get no digest. */
export function rhythmOf(subscriber: { zone: string; delivery: string; weekday: string }, morning: { morningHour: number; morningMinute?: number }): DigestRhythm | null {
  if (subscriber.delivery === 'daily') return { zone: subscriber.zone, ...morning };
  if (subscriber.delivery === 'weekly') {
    const weekday = (weekdays as readonly string[]).includes(subscriber.weekday) ? (subscriber.weekday as Weekday) : 'mon';
    return { zone: subscriber.zone, ...morning, weekday };
  }
  return null;
}
