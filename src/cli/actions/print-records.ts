// Human output for issues, deadlines and history. Scripts use --json (src/usecases/json-views.ts); these
// are for reading, so dates are written out ("Sun 31 May 2020") in the deadline's own zone.
import type { Event, TrackedIssue } from '../../store/models.js';
import { leftPhrase, timeLeft } from '../../time/countdown.js';
import { describeDue } from '../../time/describe-due.js';
import { isOpenStatus } from '../../domain/vocabulary.js';
import { statusWord } from '../../time/due-block.js';
import { formatDueShort, formatInZone } from '../../time/format.js';
import type { DeadlineWithIssue } from '../../usecases/find-records.js';
import { dueMomentOf, eventJson, issueJson, parseList } from '../../usecases/json-views.js';
import type { Output } from '../output.js';

export function dueShort(deadline: { dueAt: Date; zone: string; precision: string }): string {
  const due = dueMomentOf(deadline);
  return due.precision === 'day' ? `${formatDueShort(due)} (end of day)` : formatDueShort(due);
}

export function deadlineRows(deadlines: DeadlineWithIssue[], now: Date): string[][] {
  return deadlines.map((d) => [
    String(d.id),
    d.issue.slug,
    dueShort(d),
    d.zone,
    // The shared vocabulary: an open deadline past its moment is "overdue", never "pending".
    statusWord(d.status, d.dueAt, now).key,
    isOpenStatus(d.status) ? leftPhrase(timeLeft(now, d.dueAt, d.zone)) : '',
    d.title,
  ]);
}

export const deadlineHead = ['id', 'issue', 'due', 'zone', 'status', 'when', 'title'];

export function printDeadline(out: Output, deadline: DeadlineWithIssue, now: Date): void {
  const due = dueMomentOf(deadline);
  out.heading(`Deadline ${deadline.id}: ${deadline.title}`);
  out.line(`  issue:      ${deadline.issue.slug}`);
  out.line(`  status:     ${statusWord(deadline.status, deadline.dueAt, now).key}${deadline.resolutionNote ? ` — ${deadline.resolutionNote}` : ''}`);
  out.line(`  due:        ${describeDue(due, { at: now, label: 'from now' }).replace(/^Due /, '')}`);
  out.line(`  wording:    "${deadline.expression}"`);
  out.line(`  announced:  ${formatInZone(deadline.announcedAt, deadline.zone)}`);
  if (deadline.demandedBy || deadline.demandedOf) out.line(`  demand:     ${[deadline.demandedBy || '?', deadline.demandedOf || '?'].join(' → ')}`);
  for (const source of parseList(deadline.sourcesJson)) out.line(`  source:     ${source}`);
  if (deadline.offsetsJson !== null) out.line(`  reminders:  ${offsetsText(parseList(deadline.offsetsJson))}`);
  out.line(`  revision:   ${deadline.revision}`);
}

export function printIssue(out: Output, issue: TrackedIssue): void {
  const view = issueJson(issue);
  out.heading(`${view.slug}: ${view.title}`);
  out.line(`  status:     ${view.status}`);
  if (view.summary) out.line(`  summary:    ${view.summary}`);
  if (view.parties.length) out.line(`  parties:    ${view.parties.join(', ')}`);
  if (view.tags.length) out.line(`  tags:       ${view.tags.join(', ')}`);
  for (const source of view.sources) out.line(`  source:     ${source}`);
  if (view.offsets !== null) out.line(`  reminders:  ${offsetsText(view.offsets)}`);
}

export function printHistory(out: Output, events: Event[], zone: string): void {
  if (events.length === 0) return;
  out.line();
  out.heading('History');
  out.table(
    ['at', 'event', 'by', 'details'],
    events.map((event) => [formatInZone(event.at, zone), event.kind, event.actor, eventDetails(event)]),
  );
}

function offsetsText(offsets: string[]): string {
  return offsets.length === 0 ? 'none before the due moment' : offsets.join(', ');
}

interface DueData {
  dueAt?: string;
  zone?: string;
  precision?: string;
  expression?: string;
}

/** One line saying what an event did, from its data. */
export function eventDetails(event: Event): string {
  const data = eventJson(event).data;
  const due = (value: unknown): string => {
    const d = value as DueData | undefined;
    if (!d?.dueAt || !d.zone) return '?';
    return `${dueShort({ dueAt: new Date(d.dueAt), zone: d.zone, precision: d.precision ?? 'instant' })} ${d.zone}`;
  };
  const note = typeof data.note === 'string' && data.note ? `: ${data.note}` : '';
  switch (event.kind) {
    case 'issue.created':
      return `tracking "${String(data.title ?? '')}"`;
    case 'deadline.created':
      return `"${String(data.title ?? '')}", due ${due(data.due)}`;
    case 'deadline.extended':
      return `${due(data.from)} → ${due(data.to)}${data.via === 'update' ? ' (corrected)' : ''}${note}`;
    case 'deadline.resolved':
      return `${String(data.status ?? '')}${note}`;
    case 'issue.updated':
    case 'deadline.updated': {
      const changes = (data.changes ?? {}) as Record<string, unknown>;
      return `changed ${Object.keys(changes).join(', ')}`;
    }
    default:
      return note.replace(/^: /, '');
  }
}
