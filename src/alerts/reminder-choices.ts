// Which reminders a follower chose. Four can be turned off one by one (7 days before, 1 day before, the
// due day, overdue); the choice is a set of those names. Pure and follower-neutral: subscribers use it
// now, channels can pass their own set later. Read at send time, so a change reaches every reminder not
// yet sent, and turning one back on brings back those still ahead (their rows are made when they fall due).
import { invalid } from '../errors.js';
import { reminderNames, type ReminderName } from '../domain/vocabulary.js';
import type { Milestone } from './plan-reminders.js';

export type ReminderChoices = ReadonlySet<ReminderName>;

/** Why a reminder was not sent, as the alert row records it. */
export const turnedOff = 'the subscriber turned this reminder off';

/** Everything on: what a follower gets until they choose otherwise. */
export const allReminders: ReminderChoices = new Set(reminderNames);

/** The name that turns a milestone on and off; null for one no name covers (an offset such as 3 days set on an issue). */
export function reminderNameOf(milestone: Milestone): ReminderName | null {
  if (milestone === 'due' || milestone === 'before:P0D') return 'due';
  if (milestone === 'before:P7D') return '7d';
  if (milestone === 'before:P1D') return '1d';
  if (milestone.startsWith('overdue:')) return 'overdue';
  return null;
}

/** Whether a reminder milestone goes out under these choices. Milestones no name covers always do. */
export function reminderChosen(choices: ReminderChoices, milestone: Milestone): boolean {
  const name = reminderNameOf(milestone);
  return name === null || choices.has(name);
}

/**
 * Reads `--reminders`: a comma list of names, `all` for every one, `none` for no reminders at all (the
 * notices about new, extended and resolved deadlines still come). Order and repeats do not matter.
 */
export function parseReminderChoices(text: string, field: string): ReminderChoices {
  const parts = String(text).split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  if (parts.length === 0) throw invalid(field, text, `is empty: give some of ${reminderNames.join(', ')}, or "all" or "none"`);
  if (parts.length === 1 && parts[0] === 'all') return allReminders;
  if (parts.length === 1 && parts[0] === 'none') return new Set();
  const chosen = new Set<ReminderName>();
  for (const part of parts) {
    if (!(reminderNames as readonly string[]).includes(part)) {
      throw invalid(field, text, `has "${part}", which is not a reminder: use ${reminderNames.join(', ')} (comma-separated), "all" or "none"`);
    }
    chosen.add(part as ReminderName);
  }
  return chosen;
}

/** The stored form: null when everything is on (so reminders added to the vocabulary later are on too). */
export function storedChoices(choices: ReminderChoices): string | null {
  if (reminderNames.every((name) => choices.has(name))) return null;
  return JSON.stringify(reminderNames.filter((name) => choices.has(name)));
}

/** Reads the stored form back; anything unreadable counts as everything on (never silently drop reminders). */
export function choicesFromStore(json: string | null | undefined): ReminderChoices {
  if (json === null || json === undefined) return allReminders;
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return allReminders;
    return new Set(list.filter((name): name is ReminderName => (reminderNames as readonly unknown[]).includes(name)));
  } catch {
    return allReminders;
  }
}

/** In vocabulary order, for output: ['7d', 'due']. */
export function choiceList(choices: ReminderChoices): ReminderName[] {
  return reminderNames.filter((name) => choices.has(name));
}
