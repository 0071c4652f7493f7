// Subject lines: what happened and when, readable in an inbox list. The same one-line summary labels
// each item in the daily digest.

import type { DueMoment } from '../time/due-moment.js';
import type { AlertContent, AlertView, DeadlineView } from './alert-view.js';
import { formatDueForSubject, humanDuration } from './dates.js';

const maxSubjectLength = 200;
const noteWords = 60; // characters of a note shown after "Update on …:"

/**
 * One line of user text: control characters (CR/LF included) and line separators become spaces, so
 * nothing can leak into a header; bidi overrides go too, so a title cannot display reversed.
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
}

export function subjectFor(view: AlertView): string {
  return subjectLine(summaryFor(view));
}

/** Any text as a subject: one line, cut at 200 characters at a word boundary. */
export function subjectLine(text: string): string {
  return clip(oneLine(text), maxSubjectLength);
}

/** The subject without the length cap (for digests, where each item has its own line). */
export function summaryFor(view: AlertView): string {
  const c = view.content;
  return c.kind === 'reminder' ? reminderSummary(c.milestone, c.deadline) : eventSummary(c, view.issue.title);
}

/** The opening words of a reminder: 'Due in 7 days', 'Due today', 'Overdue, no answer recorded'. */
export function milestoneHeadline(milestone: string): string {
  if (milestone === 'due') return 'Due today';
  // 'overdue:1' is the first overdue email; later ones (overdue:2..4) say it is still open.
  if (milestone.startsWith('overdue')) return /^overdue:1?$/.test(milestone) ? 'Overdue, no answer recorded' : 'Still overdue, no answer recorded';
  if (milestone.startsWith('before:')) {
    const span = humanDuration(milestone.slice('before:'.length));
    if (span !== null) return `Due in ${span}`;
  }
  return 'Reminder';
}

function reminderSummary(milestone: string, deadline: DeadlineView): string {
  const title = oneLine(deadline.title);
  const when = formatDueForSubject(deadline.due);
  if (milestone.startsWith('overdue')) return `${milestoneHeadline(milestone)}: ${title} — was due ${when}`;
  return `${milestoneHeadline(milestone)}: ${title} — ${when}`;
}

function eventSummary(c: Extract<AlertContent, { kind: 'event' }>, issueTitle: string): string {
  const d = c.deadline;
  const title = d === null ? oneLine(issueTitle) : oneLine(d.title);
  switch (c.event) {
    case 'deadline.created':
      return d === null ? `New deadline on ${title}` : `New deadline: ${title} — due ${formatDueForSubject(d.due)}`;
    case 'deadline.extended': {
      const to: DueMoment | undefined = c.to ?? d?.due;
      if (to === undefined) return `Extended: ${title}`;
      return c.from === undefined
        ? `Extended: ${title} — now ${formatDueForSubject(to)}`
        : `Extended: ${title} — ${formatDueForSubject(c.from)} → ${formatDueForSubject(to)}`;
    }
    case 'deadline.resolved': {
      const label = d === null ? 'Resolved' : resolvedLabel(d.status);
      return `${label}: ${title}`;
    }
    case 'issue.note':
      return c.note ? `Update on ${oneLine(issueTitle)}: ${clip(oneLine(c.note), noteWords)}` : `Update on ${oneLine(issueTitle)}`;
  }
}

/** The words before the title: 'Due in 7 days', 'New deadline', 'Extended', 'Met', 'Update'. */
export function headlineFor(c: AlertContent): string {
  if (c.kind === 'reminder') return milestoneHeadline(c.milestone);
  switch (c.event) {
    case 'deadline.created':
      return 'New deadline';
    case 'deadline.extended':
      return 'Extended';
    case 'deadline.resolved':
      return c.deadline === null ? 'Resolved' : resolvedLabel(c.deadline.status);
    case 'issue.note':
      return 'Update';
  }
}

export function resolvedLabel(status: DeadlineView['status']): string {
  return { met: 'Met', missed: 'Missed', withdrawn: 'Withdrawn', pending: 'Resolved', extended: 'Resolved' }[status];
}

/** Cut at a word boundary and mark the cut, so a subject never ends mid-word. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
