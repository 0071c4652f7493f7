// Every reminder a subscriber is owed for one deadline, and when. Pure: the same deadline, zone and
// policy always give the same plan, whatever the clock says, so the outbox can re-plan at will.

import { DateTime } from 'luxon';
import { invalid } from '../errors.js';
import { type CivilDate, addDays, civil, civilDateAt, instantAt } from '../time/civil.js';
import type { DueMoment } from '../time/due-moment.js';
import { storable } from '../time/instant-range.js';
import { assertZone } from '../time/zone.js';
import { morningOf, nextMorning } from './morning.js';
import { defaultMinLeadMinutes, type Offset, parseOverdueEvery, readOffset, type ReminderPolicy, validatePolicy } from './reminder-policy.js';

/** 'before:P7D' | 'before:P1D' | 'due' | 'overdue:1' … Stable: part of a unique key in the database. */
export type Milestone = string;

export interface PlannedReminder {
  milestone: Milestone;
  sendAt: Date;
  /** Offset label for subjects: 'Due in 7 days', 'Due in 1 day', 'Due today', 'Overdue', 'Still overdue'. */
  label: string;
}

export function milestoneFor(offset: string): Milestone {
  return offset === 'P0D' ? 'due' : `before:${offset}`;
}

export function isOverdueMilestone(milestone: Milestone): boolean {
  return milestone.startsWith('overdue:');
}

export function planReminders(input: { due: DueMoment; subscriberZone: string; policy: ReminderPolicy }): PlannedReminder[] {
  // Both zones as src/time spells them, so luxon is only ever given a name it knows.
  const due = { ...input.due, zone: assertZone(input.due.zone, 'deadline zone') };
  const subscriberZone = assertZone(input.subscriberZone, 'subscriber zone');
  if (!(due.instant instanceof Date) || Number.isNaN(due.instant.getTime())) throw invalid('due', due.instant, 'is not a valid instant');
  const policy = validatePolicy(input.policy);
  const offsets = policy.offsets.map((text) => ({ text, offset: readOffset(text)! }));

  const planned: PlannedReminder[] = [];
  if (due.precision === 'instant') {
    for (const { text, offset } of offsets) planned.push(reminder(text, offset, beforeInstant(due, subscriberZone, policy, offset)));
  } else {
    const shift = guardShift(due, subscriberZone, policy);
    for (const { text, offset } of offsets) {
      const date = addDays(calendarDay(due, offset), -shift);
      planned.push(reminder(text, offset, morningOf(subscriberZone, date, policy.morningHour, policy.morningMinute ?? 0)));
    }
  }
  // A policy allows overdue repeats up to 52 × 366 days after the due date: for a deadline late in year
  // 9998 some would fall after 9999, which no store can hold, and none could ever come due.
  planned.push(...overdue(due, subscriberZone, policy).filter((reminder) => storable(reminder.sendAt)));
  // Ties (two offsets landing on one morning) keep policy order: longer offsets first, then overdue.
  return planned.map((p, index) => ({ p, index })).sort((a, b) => a.p.sendAt.getTime() - b.p.sendAt.getTime() || a.index - b.index).map(({ p }) => p);
}

function reminder(text: string, offset: Offset, sendAt: Date): PlannedReminder {
  return { milestone: milestoneFor(text), sendAt, label: beforeLabel(offset) };
}

/**
 * Day/month precision: the calendar day a reminder belongs to is counted in the deadline's own zone
 * ("1 day before 31 May in Seoul" is 30 May). An hour offset picks the day that (due − hours) falls on.
 */
function calendarDay(due: DueMoment, offset: Offset): CivilDate {
  const shifted = due.instant.getTime() - offset.hours * 3_600_000;
  return addDays(civilDateAt(shifted, due.zone), -offset.days);
}

/**
 * The guard: far west of the deadline's zone, the morning of the due day can come after the deadline
 * has already ended (31 May 23:59 in Seoul is 31 May 04:59 in Honolulu). Then the whole schedule moves
 * back by whole days until the due-day morning is before the deadline. Moving everything, not only the
 * late reminder, keeps one reminder per morning, and gives Honolulu the same instants as Kiritimati
 * (same clock, other side of the date line).
 */
function guardShift(due: DueMoment, zone: string, policy: ReminderPolicy): number {
  const dueDate = civilDateAt(due.instant, due.zone);
  let shift = 0;
  // Zones span 26 hours, so 2 days always suffices; the bound only stops a runaway loop.
  const morning = (back: number) => morningOf(zone, addDays(dueDate, -back), policy.morningHour, policy.morningMinute ?? 0);
  while (shift < 3 && morning(shift).getTime() >= due.instant.getTime()) shift += 1;
  return shift;
}

/**
 * Instant precision: days are calendar days in the deadline's zone (a week before a 17:00 Brussels vote
 * is 17:00 Brussels time even across a DST change), hours are elapsed hours. 'P0D' goes at the morning
 * hour of the due instant's day in the subscriber's zone when that leaves at least the minimum lead
 * (DOCKET_MIN_LEAD, default 2 h) before the deadline; otherwise at the latest earlier morning that does
 * (the day before): "by 5 p.m. on Friday" in Seoul is 04:00 in New York, so New York hears on Thursday
 * morning, not at the deadline itself. The same spirit as the guard for day deadlines.
 */
function beforeInstant(due: DueMoment, zone: string, policy: ReminderPolicy, offset: Offset): Date {
  const dueMs = due.instant.getTime();
  if (offset.days === 0 && offset.hours === 0) {
    const latest = dueMs - (policy.minLeadMinutes ?? defaultMinLeadMinutes) * 60_000;
    let date = civilDateAt(due.instant, zone);
    // Zones span 26 hours and the lead is at most a day, so three steps back always suffice.
    for (let back = 0; back < 3; back += 1) {
      const morning = morningOf(zone, date, policy.morningHour, policy.morningMinute ?? 0);
      if (morning.getTime() <= latest) return morning;
      date = addDays(date, -1);
    }
    return morningOf(zone, date, policy.morningHour, policy.morningMinute ?? 0);
  }
  let sendMs = dueMs - offset.hours * 3_600_000;
  if (offset.days > 0) {
    const local = DateTime.fromMillis(sendMs, { zone: due.zone });
    const date = addDays(civil(local), -offset.days);
    sendMs = instantAt(date, { hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond }, due.zone).getTime();
  }
  // A wall time lost in a day-long gap (Samoa, 30 Dec 2011) can resolve to the due instant itself.
  return new Date(sendMs < dueMs ? sendMs : dueMs - (offset.days * 24 + offset.hours) * 3_600_000);
}

/**
 * Overdue 1 is the first morning in the subscriber's zone strictly after the due instant; the rest
 * follow every `overdueEvery` days on the local calendar, so 09:00 stays 09:00 across DST.
 */
function overdue(due: DueMoment, zone: string, policy: ReminderPolicy): PlannedReminder[] {
  if (policy.overdueMax === 0) return [];
  const every = parseOverdueEvery(policy.overdueEvery, 'reminder policy overdueEvery');
  const minute = policy.morningMinute ?? 0;
  const first = nextMorning(zone, policy.morningHour, minute, due.instant);
  return Array.from({ length: policy.overdueMax }, (_, i) => ({
    milestone: `overdue:${i + 1}`,
    sendAt: i === 0 ? first.at : morningOf(zone, addDays(first.date, i * every), policy.morningHour, minute),
    label: i === 0 ? 'Overdue' : 'Still overdue',
  }));
}

export function beforeLabel({ days, hours }: Offset): string {
  if (days === 0 && hours === 0) return 'Due today';
  if (days === 1 && hours === 0) return 'Due in 1 day';
  const parts = [days > 0 ? plural(days, 'day') : '', hours > 0 ? plural(hours, 'hour') : ''].filter(Boolean);
  return `Due in ${parts.join(' ')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** For callers that hold a milestone string but not the offset (e.g. re-rendering a stored alert). */
export function labelFor(milestone: Milestone): string {
  if (milestone === 'due') return 'Due today';
  if (milestone === 'overdue:1') return 'Overdue';
  if (isOverdueMilestone(milestone)) return 'Still overdue';
  const offset = milestone.startsWith('before:') ? readOffset(milestone.slice('before:'.length)) : null;
  if (!offset) throw invalid('milestone', milestone, 'is not a reminder milestone');
  return beforeLabel(offset);
}
