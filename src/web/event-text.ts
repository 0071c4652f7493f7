// One history event in words, shared by the issue page's history and the Atom feeds: a headline
// ("Extended: Sun 31 May 2020 → Tue 30 Jun 2020") and an optional note. Event data is read defensively:
// rows from older versions or hand edits may lack fields, and a history line must never take a page down.
import type { Deadline, Event, TrackedIssue } from '../store/models.js';
import { resolvedLabel, oneLine } from '../mail/subject.js';
import type { DeadlineStatus } from '../domain/vocabulary.js';
import type { DueMoment, Precision } from '../time/due-moment.js';
import { formatDueShort, formatInZone, isoInZone } from '../time/format.js';
import { parseList } from '../usecases/json-views.js';

export interface EventText {
  id: number;
  kind: string;
  /** 'Extended: Sun 31 May 2020 → Tue 30 Jun 2020' */
  headline: string;
  note: string | null;
  /** When it was recorded, in the zone it is shown in: 'Tue 12 May 2020, 18:38 UTC+9'. */
  at: string;
  atIso: string;
  deadlineId: number | null;
}

interface StoredDue {
  dueAt?: unknown;
  zone?: unknown;
  precision?: unknown;
  expression?: unknown;
}

export function eventData(event: Pick<Event, 'dataJson'>): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(event.dataJson);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function storedDue(value: unknown): DueMoment | null {
  const v = value as StoredDue | null | undefined;
  if (typeof v?.dueAt !== 'string' || typeof v.zone !== 'string' || typeof v.precision !== 'string') return null;
  const instant = new Date(v.dueAt);
  if (Number.isNaN(instant.getTime())) return null;
  return { instant, zone: v.zone, precision: v.precision as Precision };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** `zone`: how to write the event's time (the deadline's zone for deadline events). */
export function describeEvent(event: Event, context: { issue: TrackedIssue; deadline: Deadline | null; zone: string }): EventText {
  const data = eventData(event);
  const deadlineTitle = context.deadline ? oneLine(context.deadline.title) : text(data.title) ?? 'a deadline';
  const issueTitle = oneLine(context.issue.title);
  const base = { id: event.id, kind: event.kind, at: formatInZone(event.at, context.zone), atIso: isoInZone(event.at, context.zone), deadlineId: event.deadlineId };
  const note = text(data.note);
  switch (event.kind) {
    case 'issue.created':
      return { ...base, headline: `Now tracking: ${issueTitle}`, note: null };
    case 'issue.note':
      return { ...base, headline: `Update on ${issueTitle}`, note };
    case 'issue.closed':
      return { ...base, headline: `Issue closed: ${issueTitle}`, note };
    case 'issue.reopened':
      return { ...base, headline: `Issue reopened: ${issueTitle}`, note };
    case 'issue.updated':
      return { ...base, headline: `Details updated${changedFields(data)}`, note: null };
    case 'deadline.created': {
      const due = storedDue(data.due) ?? (context.deadline ? { instant: context.deadline.dueAt, zone: context.deadline.zone, precision: context.deadline.precision as Precision } : null);
      const wording = text((data.due as StoredDue | undefined)?.expression);
      return { ...base, headline: `New deadline: ${deadlineTitle}${due ? ` — due ${formatDueShort(due)}` : ''}`, note: wording ? `As worded: “${wording}”` : null };
    }
    case 'deadline.extended': {
      const from = storedDue(data.from);
      const to = storedDue(data.to);
      const label = data.via === 'update' ? 'Date corrected' : 'Extended';
      const change = from && to ? `${formatDueShort(from)} → ${formatDueShort(to)}` : to ? `now ${formatDueShort(to)}` : '';
      return { ...base, headline: `${label}: ${deadlineTitle}${change ? ` — ${change}` : ''}`, note };
    }
    case 'deadline.resolved': {
      const status = text(data.status) ?? context.deadline?.status ?? 'resolved';
      return { ...base, headline: `${resolvedLabel(status as DeadlineStatus) ?? 'Resolved'}: ${deadlineTitle}`, note };
    }
    case 'deadline.updated':
      return { ...base, headline: `Details updated: ${deadlineTitle}${changedFields(data)}`, note: null };
    default:
      return { ...base, headline: event.kind, note: null };
  }
}

function changedFields(data: Record<string, unknown>): string {
  const changes = data.changes;
  if (typeof changes !== 'object' || changes === null) return '';
  const fields = Object.keys(changes);
  return fields.length === 0 ? '' : ` (${fields.join(', ')})`;
}

/** http(s) sources become links; anything else stays text. */
export function sourceLinks(json: string): Array<{ text: string; href: string | null }> {
  return parseList(json).map((source) => ({ text: source, href: /^https?:\/\//i.test(source.trim()) ? source.trim() : null }));
}
