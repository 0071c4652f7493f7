// `docket issue list` and `issue show`: what is tracked, how many deadlines are still open, and the
// issue's history.
import type { Deadline, Event, TrackedIssue } from '../store/models.js';
import { checkOneOf } from '../errors.js';
import type { Tx } from '../store/open-store.js';

import { requireIssue, type DeadlineWithIssue } from './find-records.js';
import { openStatuses } from '../domain/vocabulary.js';

export const issueListStatuses = ['open', 'closed', 'all'] as const;

export interface IssueSummary {
  issue: TrackedIssue;
  openDeadlines: number;
  /** The soonest open deadline, if any. */
  nextDue: Deadline | null;
  subscriptions: number;
}

export async function listIssues(db: Tx, filter: { status?: string } = {}): Promise<IssueSummary[]> {
  const status = checkOneOf(filter.status ?? 'open', issueListStatuses, 'status');
  const issues = await db.trackedIssue.findMany({
    where: status === 'all' ? {} : { status },
    orderBy: { slug: 'asc' },
    include: {
      deadlines: { where: { status: { in: [...openStatuses] } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] },
      _count: { select: { subscriptions: true } },
    },
  });
  return issues.map(({ deadlines, _count, ...issue }) => ({
    issue,
    openDeadlines: deadlines.length,
    nextDue: deadlines[0] ?? null,
    subscriptions: _count.subscriptions,
  }));
}

export interface IssueDetail {
  issue: TrackedIssue;
  deadlines: DeadlineWithIssue[];
  /** The issue's own events and its deadlines', in the order written (ids), which replayed clocks cannot reorder. */
  history: Event[];
  subscriptions: number;
}

export async function showIssue(db: Tx, slug: string): Promise<IssueDetail> {
  const issue = await requireIssue(db, slug);
  const [deadlines, history, subscriptions] = await Promise.all([
    db.deadline.findMany({ where: { issueId: issue.id }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], include: { issue: true } }),
    db.event.findMany({ where: { issueId: issue.id }, orderBy: { id: 'asc' } }),
    db.subscription.count({ where: { issueId: issue.id } }),
  ]);
  return { issue, deadlines, history, subscriptions };
}
