// A subscriber's choices beyond their zone: how alerts come (each at once, a daily or a weekly digest),
// the weekday of a weekly digest, and which reminders they get. Checked here once for the CLI and the
// manage page, each error naming its field by its neutral name (`weekday`; the CLI says `--weekday`).

import { choiceList, choicesFromStore, parseReminderChoices, storedChoices } from '../alerts/reminder-choices.js';
import { checkOneOf } from '../errors.js';
import { deliveries, digestDeliveries, weekdayNames, weekdays, type Delivery, type ReminderName, type Weekday } from '../domain/vocabulary.js';

export interface ChoiceInput {
  delivery?: string;
  weekday?: string;
  /** '1d,due', 'all', 'none' (CLI) — or the names ticked on the manage page. */
  reminders?: string | readonly string[];
}

/** The store columns the input sets; only those given. Throws a validation error naming the field. */
export function checkChoices(input: ChoiceInput): { delivery?: Delivery; weekday?: Weekday; remindersJson?: string | null } {
  const out: { delivery?: Delivery; weekday?: Weekday; remindersJson?: string | null } = {};
  if (input.delivery !== undefined) out.delivery = checkOneOf(input.delivery, deliveries, 'delivery');
  if (input.weekday !== undefined) out.weekday = checkOneOf(weekdayName(input.weekday), weekdays, 'weekday');
  if (input.reminders !== undefined) {
    const text = typeof input.reminders === 'string' ? input.reminders : input.reminders.length === 0 ? 'none' : input.reminders.join(',');
    out.remindersJson = storedChoices(parseReminderChoices(text, 'reminders'));
  }
  return out;
}

/** "Monday", "mon", "Fri" name their day; anything else is left for checkOneOf to refuse as given. */
function weekdayName(value: string): string {
  const lowered = String(value).trim().toLowerCase();
  const day = weekdays.find((short) => lowered.length >= 3 && weekdayNames[short].toLowerCase().startsWith(lowered));
  return day ?? value;
}

/**
 * A new delivery or weekday starts from the next slot of the new rhythm: slots that passed before the
 * change are not sent late (bumping the digest bookmark to `now` makes the digest maker skip them).
 * What waited keeps waiting for that next digest, or goes at once when the new delivery is immediate.
 */
export function digestBookmark(before: { delivery: string; weekday: string; lastDigestAt: Date | null }, after: { delivery: string; weekday: string }, now: Date): Date | null | undefined {
  const rhythmChanged = before.delivery !== after.delivery || (after.delivery === 'weekly' && before.weekday !== after.weekday);
  if (!rhythmChanged || !(digestDeliveries as readonly string[]).includes(after.delivery)) return undefined;
  return before.lastDigestAt && before.lastDigestAt > now ? before.lastDigestAt : now;
}

/** The digest bookmark to store with a new delivery or weekday, if it moves (see digestBookmark). */
export function bookmark(before: { delivery: string; weekday: string; lastDigestAt: Date | null }, after: { delivery: string; weekday: string }, now: Date): { lastDigestAt?: Date | null } {
  const moved = digestBookmark(before, after, now);
  return moved === undefined ? {} : { lastDigestAt: moved };
}

/** For output: ['7d', '1d', 'due', 'overdue'] when all are on. */
export function reminderList(remindersJson: string | null): ReminderName[] {
  return choiceList(choicesFromStore(remindersJson));
}
