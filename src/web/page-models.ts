// Rows → what the page templates show. Pure: the same snapshot and `now` give the same page data, so the
// snapshot can be cached while countdowns stay current.
import type { Deadline } from '../store/models.js';
import { oneLine } from '../mail/subject.js';
import { whoPhrase } from '../mail/template-data.js';
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
  /** 'South Korea demands this of Japan', 'Demanded by EU', or null: never a phrase with a gap. */
  who: string | null;
  status: string;
  statusLabel: string;
  open: boolean;
  due: DueDisplay;
  /** 'Met — was due Sun 31 May, end of day, Seoul time' for resolved ones; the countdown line otherwise. */
  line: string;
  stage: DueDisplay['stage'];
  expression: string;
  announced: string;
  resolutionNote: string | null;
  sources: Array<{ text: string; href: string | null }>;
  history: EventText[];
  /** 'Add to Google Calendar' / 'Outlook' links for this one deadline (open ones only). */
  addTo: { google: string; outlook: string } | null;
}

/** One event at the due moment (30 minutes, so calendars show it as a block rather than a point). */
function addToCalendar(deadline: Deadline): { google: string; outlook: string } {
  const start = deadline.dueAt;
  const end = new Date(start.getTime() + 30 * 60_000);
  const compact = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const title = `Due: ${oneLine(deadline.title)}`;
  const details = `“${deadline.expression}” (${deadline.zone})`;
  return {
    google: `https://calendar.google.com/calendar/render?action=TEMPLATE&text=${encodeURIComponent(title)}&dates=${compact(start)}/${compact(end)}&details=${encodeURIComponent(details)}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject=${encodeURIComponent(title)}&startdt=${encodeURIComponent(start.toISOString())}&enddt=${encodeURIComponent(end.toISOString())}&body=${encodeURIComponent(details)}`,
  };
}

export function deadlineModel(deadline: Deadline, now: Date, history: EventText[] = []): DeadlineModel {
  const due = dueDisplay({ instant: deadline.dueAt, zone: deadline.zone, precision: deadline.precision as Precision }, deadline.status, now);
  const open = isOpenDeadline(deadline);
  // One vocabulary (src/time/due-block.ts): open and past its moment reads "Overdue".
  const statusLabel = due.statusLabel;
  return {
    id: deadline.id,
    anchor: `deadline-${deadline.id}`,
    title: oneLine(deadline.title),
    demandedBy: deadline.demandedBy,
    demandedOf: deadline.demandedOf,
    who: whoPhrase(deadline.demandedBy, deadline.demandedOf),
    status: due.status,
    statusLabel,
    stage: due.stage,
    open,
    due,
    line: open ? `${due.left} — ${due.issuerLong}` : `${statusLabel} — was due ${due.issuerLong}`,
    expression: deadline.expression,
    announced: formatDueShort({ instant: deadline.announcedAt, zone: deadline.zone, precision: 'day' }),
    resolutionNote: deadline.resolutionNote,
    sources: sourceLinks(deadline.sourcesJson),
    history,
    addTo: open ? addToCalendar(deadline) : null,
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
    const overdue = open.filter((d) => d.dueAt.getTime() < now.getTime()).length;
    // The next one still ahead leads the card; an overdue one only when nothing is ahead.
    const next = open.find((d) => d.dueAt.getTime() >= now.getTime()) ?? open[0];
    return {
      ...issueHeader(issue),
      openCount: open.length,
      counts: countsText(open.length - overdue, overdue),
      next: next ? deadlineModel(next, now) : null,
      nextAt: next?.dueAt.getTime() ?? Number.POSITIVE_INFINITY,
    };
  });
  // Soonest next deadline first; issues with nothing pending last, by title.
  rows.sort((a, b) => a.nextAt - b.nextAt || a.title.localeCompare(b.title));
  return rows;
}

/** '2 upcoming deadlines · 1 overdue', '1 overdue deadline', 'No open deadlines'. */
export function countsText(upcoming: number, overdue: number): string {
  const n = (count: number, word: string) => `${count} ${word} deadline${count === 1 ? '' : 's'}`;
  if (upcoming === 0 && overdue === 0) return 'No open deadlines';
  if (overdue === 0) return n(upcoming, 'upcoming');
  if (upcoming === 0) return n(overdue, 'overdue');
  return `${n(upcoming, 'upcoming')} · ${overdue} overdue`;
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
