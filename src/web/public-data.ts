// The reads behind public pages and feeds, and the fingerprints that say when they must be read again.
// Every change a use case makes writes an Event row, so the highest event id and the event count (plus
// counts and maxima of the rows themselves) move whenever anything shown here changes, whatever the
// clock says: the fingerprint does not depend on updatedAt being monotonic.
import type { Deadline, Event, TrackedIssue } from '../store/models.js';
import type { Tx } from '../store/open-store.js';
import { isOpenStatus } from '../domain/vocabulary.js';

const slugPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Slugs are checked before any query: a malformed one is simply not found. */
export function isSlug(value: string): boolean {
  return slugPattern.test(value);
}

export async function issueFingerprint(db: Tx, slug: string): Promise<string | null> {
  const row = await db.trackedIssue.findUnique({
    where: { slug },
    select: {
      id: true,
      status: true,
      updatedAt: true,
      _count: { select: { deadlines: true, events: true } },
      events: { select: { id: true }, orderBy: { id: 'desc' }, take: 1 },
      deadlines: { select: { updatedAt: true }, orderBy: { updatedAt: 'desc' }, take: 1 },
    },
  });
  if (!row) return null;
  return ['i', row.id, row.status, row.updatedAt.getTime(), row._count.deadlines, row._count.events, row.events[0]?.id ?? 0, row.deadlines[0]?.updatedAt.getTime() ?? 0].join(':');
}

export async function siteFingerprint(db: Tx): Promise<string> {
  const [issues, deadlines, events] = await Promise.all([
    db.trackedIssue.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.deadline.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.event.aggregate({ _count: { _all: true }, _max: { id: true } }),
  ]);
  return [
    's',
    issues._count._all,
    issues._max.updatedAt?.getTime() ?? 0,
    deadlines._count._all,
    deadlines._max.updatedAt?.getTime() ?? 0,
    events._count._all,
    events._max.id ?? 0,
  ].join(':');
}

export interface IssueSnapshot {
  issue: TrackedIssue;
  /** Soonest first. */
  deadlines: Deadline[];
  /** Oldest first: the issue's own events and its deadlines'. */
  events: Event[];
}

export async function loadIssueSnapshot(db: Tx, slug: string): Promise<IssueSnapshot | null> {
  const issue = await db.trackedIssue.findUnique({
    where: { slug },
    include: {
      deadlines: { orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!issue) return null;
  const { deadlines, events, ...row } = issue;
  return { issue: row, deadlines, events };
}

export interface OpenIssue {
  issue: TrackedIssue;
  /** All its deadlines, soonest first (resolved ones too: calendars show them as met/missed/cancelled). */
  deadlines: Deadline[];
}

export async function loadOpenIssues(db: Tx): Promise<OpenIssue[]> {
  const issues = await db.trackedIssue.findMany({
    where: { status: 'open' },
    include: { deadlines: { orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] } },
    orderBy: { slug: 'asc' },
  });
  return issues.map(({ deadlines, ...issue }) => ({ issue, deadlines }));
}

export function isOpenDeadline(deadline: Pick<Deadline, 'status'>): boolean {
  return isOpenStatus(deadline.status);
}

/** The kinds that are news in a feed; edits (issue.updated, deadline.updated) are not. */
export const feedEventKinds = ['issue.created', 'issue.note', 'issue.closed', 'issue.reopened', 'deadline.created', 'deadline.extended', 'deadline.resolved'] as const;

export type FeedEvent = Event & { issue: TrackedIssue; deadline: Deadline | null };

export async function loadFeedEvents(db: Tx, where: { issueId?: number }, limit: number): Promise<FeedEvent[]> {
  return db.event.findMany({
    where: { ...where, kind: { in: [...feedEventKinds] } },
    include: { issue: true, deadline: true },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
