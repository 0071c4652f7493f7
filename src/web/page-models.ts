// Rows → what the page templates show. Pure: the same snapshot and `now` give the same page data, so the
// snapshot can be cached while countdowns stay current.
import type { Deadline } from '../generated/sqlite/client.js';
import { oneLine } from '../mail/subject.js';
import type { Precision } from '../time/due-moment.js';
import { formatDueShort } from '../time/format.js';
import { parseList } from '../usecases/json-views.js';
import { dueDisplay, type DueDisplay } from './due-display.js';
import { describeEvent, sourceLinks, type EventText } from './event-text.js';
import { isOpenDeadline, type IssueSnapshot, type OpenIssue } from './public-data.js';

export interface DeadlineModel {
  id: number;
  anchor: string;
  title: string;
  demandedBy: string;
  demandedOf: string;
  status: string;
  statusLabel: string;
  open: boolean;
  due: DueDisplay;
  /** 'Met — was due Sun 31 May, end of day, Seoul time' for resolved ones; the countdown line otherwise. */
  line: string;
  expression: string;
  announced: string;
  resolutionNote: string | null;
  sources: Array<{ text: string; href: string | null }>;
  history: EventText[];
}

const statusLabels: Record<string, string> = { pending: 'Pending', extended: 'Extended', met: 'Met', missed: 'Missed', withdrawn: 'Withdrawn' };

export function deadlineModel(deadline: Deadline, now: Date, history: EventText[] = []): DeadlineModel {
  const due = dueDisplay({ instant: deadline.dueAt, zone: deadline.zone, precision: deadline.precision as Precision }, now);
  const open = isOpenDeadline(deadline);
  const statusLabel = statusLabels[deadline.status] ?? deadline.status;
  return {
    id: deadline.id,
    anchor: `deadline-${deadline.id}`,
    title: oneLine(deadline.title),
    demandedBy: deadline.demandedBy,
    demandedOf: deadline.demandedOf,
    status: deadline.status,
    statusLabel,
    open,
    due,
    line: open ? due.line : `${statusLabel} — was due ${due.text}`,
    expression: deadline.expression,
    announced: formatDueShort({ instant: deadline.announcedAt, zone: deadline.zone, precision: 'day' }),
    resolutionNote: deadline.resolutionNote,
    sources: sourceLinks(deadline.sourcesJson),
    history,
  };
}

export function issueHeader(issue: IssueSnapshot['issue']) {
  return {
    slug: issue.slug,
    title: oneLine(issue.title),
    summary: issue.summary,
    status: issue.status,
    open: issue.status === 'open',
    parties: parseList(issue.partiesJson),
    tags: parseList(issue.tagsJson),
    sources: sourceLinks(issue.sourcesJson),
  };
}

export function homeModel(issues: OpenIssue[], now: Date) {
  const rows = issues.map(({ issue, deadlines }) => {
    const open = deadlines.filter(isOpenDeadline);
    return { ...issueHeader(issue), openCount: open.length, next: open[0] ? deadlineModel(open[0], now) : null, nextAt: open[0]?.dueAt.getTime() ?? Number.POSITIVE_INFINITY };
  });
  // Soonest next deadline first; issues with nothing pending last, by title.
  rows.sort((a, b) => a.nextAt - b.nextAt || a.title.localeCompare(b.title));
  return rows;
}

/** `zone`: for issue-level events (notes), the zone of the issue's first deadline or the installation's. */
export function issueModel(snapshot: IssueSnapshot, now: Date, defaultZone: string) {
  const { issue } = snapshot;
  const issueZone = snapshot.deadlines[0]?.zone ?? defaultZone;
  const byId = new Map(snapshot.deadlines.map((d) => [d.id, d]));
  const histories = new Map<number, EventText[]>();
  const issueHistory: EventText[] = [];
  for (const event of snapshot.events) {
    const deadline = event.deadlineId === null ? null : (byId.get(event.deadlineId) ?? null);
    if (deadline) {
      const list = histories.get(deadline.id) ?? [];
      list.push(describeEvent(event, { issue, deadline, zone: deadline.zone }));
      histories.set(deadline.id, list);
    } else if (event.kind !== 'issue.created') {
      issueHistory.push(describeEvent(event, { issue, deadline: null, zone: issueZone }));
    }
  }
  const deadlines = snapshot.deadlines.map((d) => deadlineModel(d, now, histories.get(d.id) ?? []));
  // Open ones first (soonest first), then the resolved ones, most recent due date first.
  const open = deadlines.filter((d) => d.open);
  const closed = deadlines.filter((d) => !d.open).reverse();
  return { issue: issueHeader(issue), open, closed, history: issueHistory.reverse() };
}
