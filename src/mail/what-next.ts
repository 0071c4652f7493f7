// The short "what this means / what next" line under the due block, so a reader on a phone knows
// whether to act without reading the issue. Words only; no dates (the block above has them).
import type { AlertContent } from './alert-view.js';

export function whatNext(c: AlertContent): string {
  if (c.kind === 'reminder') {
    if (c.milestone === 'due') return 'Today is the last day. If no answer is recorded, Docket tells you it is overdue.';
    if (c.milestone.startsWith('overdue')) return 'The moment has passed and no answer is recorded. Docket reminds you again while it stays open, and tells you when it is met, extended or dropped.';
    return 'Docket reminds you again closer to the date, and at once if it is extended, met or dropped.';
  }
  switch (c.event) {
    case 'deadline.created':
      return 'A new date to watch. Your reminders for it are timed for your zone.';
    case 'deadline.extended':
      return 'The date moved. Your reminders now follow the new date; the calendar entry updates when you open the attached invite.';
    case 'deadline.resolved':
      return c.deadline?.status === 'withdrawn' ? 'The demand was dropped. No more reminders for this deadline.' : 'An outcome is recorded. No more reminders for this deadline.';
    case 'issue.note':
      return 'An update on the issue; no date changed.';
  }
}
