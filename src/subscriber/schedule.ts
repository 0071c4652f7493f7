// "What you will get": the reminders a subscriber in `zone` would receive for a deadline, with times in
// their own zone, from the same planning code the engine uses (src/alerts/plan-reminders.ts). Shown on
// the subscribe pages and in the confirmation and welcome emails, so nobody is surprised by what arrives.
import { planReminders } from '../alerts/plan-reminders.js';
import { allReminders, reminderChosen, type ReminderChoices } from '../alerts/reminder-choices.js';
import { resolvePolicy, type ReminderPolicy } from '../alerts/reminder-policy.js';
import { clockTime } from '../time/due-block.js';
import type { DueMoment } from '../time/due-moment.js';

export interface ScheduleLine {
  sendAt: Date;
  /** 'Sun 24 May, 09:00 EDT' in the subscriber's zone */
  when: string;
  /** 'Due in 7 days', 'Due today', 'Overdue, if no answer is recorded' */
  what: string;
}

export interface ScheduleDeadline {
  due: DueMoment;
  /** JSON offset lists as stored on the issue and the deadline (null = the installation's default). */
  issueOffsets: string[] | null;
  deadlineOffsets: string[] | null;
}

/**
 * Reminders still to come after `now`; at most the first overdue one (the later ones only repeat it).
 * Only those the follower chose (all unless given).
 */
export function reminderSchedule(deadline: ScheduleDeadline, zone: string, policy: ReminderPolicy, now: Date, choices: ReminderChoices = allReminders): ScheduleLine[] {
  let planned;
  try {
    planned = planReminders({ due: deadline.due, subscriberZone: zone, policy: resolvePolicy(policy, deadline.issueOffsets, deadline.deadlineOffsets) });
  } catch {
    return [];
  }
  const lines: ScheduleLine[] = [];
  for (const p of planned) {
    if (p.sendAt.getTime() < now.getTime() || !reminderChosen(choices, p.milestone)) continue;
    const overdue = p.milestone.startsWith('overdue:');
    if (overdue && lines.some((l) => l.what.startsWith('Overdue'))) continue;
    lines.push({ sendAt: p.sendAt, when: clockTime(p.sendAt, zone, now), what: overdue ? 'Overdue, if no answer is recorded by then' : p.label });
  }
  return lines;
}

/** 'reminders 7 days and 1 day before, on the due day at 09:00 your time, and weekly while overdue' */
export function scheduleSummary(policy: ReminderPolicy): string {
  const hour = `${String(policy.morningHour).padStart(2, '0')}:${String(policy.morningMinute ?? 0).padStart(2, '0')}`;
  const before = policy.offsets.filter((o) => o !== 'P0D').map((o) => o.replace(/^P(?:T)?/, '').replace(/(\d+)D/, (_m, d) => `${d} day${d === '1' ? '' : 's'}`).replace(/(\d+)H/, (_m, h) => `${h} h`));
  const parts: string[] = [];
  if (before.length > 0) parts.push(`reminders ${before.join(' and ')} before`);
  if (policy.offsets.includes('P0D')) parts.push('one on the due day');
  if (policy.overdueMax > 0) parts.push('an alert if it passes with no answer recorded');
  return `${parts.join(', ')}; day reminders arrive at ${hour} in your time zone. Also: a note whenever a deadline is added, extended, met or dropped.`;
}
