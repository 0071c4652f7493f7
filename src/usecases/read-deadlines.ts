// `docket deadline list` and `deadline show`: deadlines by issue, status and due window, soonest first;
// one deadline with its whole history.
import type { Deadline, Event, TrackedIssue } from '../store/models.js';
import { checkOneOf } from '../errors.js';
import sql, { empty, join } from 'sql-template-tag';
import { instantParam, type SqlReader } from '../store/sql-reader.js';
import type { Tx } from '../store/open-store.js';
import { readInstant } from '../time/read-due.js';
import { assertZone } from '../time/zone.js';
import { deadlineStatuses, openStatuses, resolvedStatuses } from '../domain/vocabulary.js';

import { requireDeadline, requireIssueIn, type DeadlineWithIssue } from './find-records.js';

/** `open` = pending or extended, `resolved` = met, missed or withdrawn. */
export const deadlineListStatuses = ['open', 'resolved', 'all', ...deadlineStatuses] as const;

export interface DeadlineFilter {
  issue?: string;
  /** Default `open`. */
  status?: string;
  /** Expressions such as "2020-06-01" or "end of next month", read in `zone` relative to `now`. */
  dueBefore?: string;
  dueAfter?: string;
  zone?: string;
}

export async function listDeadlines(reader: SqlReader, filter: DeadlineFilter, options: { now: Date; defaultZone: string }): Promise<DeadlineWithIssue[]> {
  const status = checkOneOf(filter.status ?? 'open', deadlineListStatuses, 'status');
  const zone = assertZone(filter.zone ?? options.defaultZone, 'zone');
  const before = filter.dueBefore === undefined ? undefined : readInstant(filter.dueBefore, { now: options.now, zone, field: 'dueBefore' });
  const after = filter.dueAfter === undefined ? undefined : readInstant(filter.dueAfter, { now: options.now, zone, field: 'dueAfter' });
  const issueId = filter.issue === undefined ? undefined : (await requireIssueIn(reader, filter.issue, 'issue')).id;
  const statuses = status === 'open' ? openStatuses : status === 'resolved' ? resolvedStatuses : status === 'all' ? undefined : [status];
  // Hand-written SQL, which runs on the bare driver for the CLI: Prisma's typed findMany spent ~250 ms
  // of a cold `deadline list --json` over 10,000 rows mapping results, and loading Prisma at all about
  // half of an empty list. The rows are the same shape (checked by the list tests on both stores).
  const where = sql`WHERE 1 = 1
    ${issueId === undefined ? empty : sql`AND "issueId" = ${issueId}`}
    ${statuses === undefined ? empty : sql`AND "status" IN (${join(statuses)})`}
    ${before === undefined ? empty : sql`AND "dueAt" < ${instantParam(reader.provider, before)}`}
    ${after === undefined ? empty : sql`AND "dueAt" > ${instantParam(reader.provider, after)}`}`;
  const deadlines = await reader.rows<Deadline>(sql`SELECT * FROM "Deadline" ${where} ORDER BY "dueAt", "id"`);
  if (deadlines.length === 0) return [];
  // Issues read once each and joined here rather than repeated on every row.
  const issueRows = await reader.rows<TrackedIssue>(sql`SELECT * FROM "TrackedIssue" WHERE "id" IN (SELECT "issueId" FROM "Deadline" ${where})`);
  const issues = new Map(issueRows.map((issue) => [issue.id, issue]));
  // The rows are this call's own: given their issue in place, not copied (a spread of 10,000 rows of 22
  // columns took ~90 ms).
  for (const deadline of deadlines as DeadlineWithIssue[]) deadline.issue = issues.get(deadline.issueId)!;
  return deadlines as DeadlineWithIssue[];
}

export interface DeadlineDetail {
  deadline: DeadlineWithIssue;
  /** In the order written (ids), which replayed clocks (DOCKET_NOW) cannot reorder. */
  history: Event[];
}

export async function showDeadline(db: Tx, id: string | number): Promise<DeadlineDetail> {
  const deadline = await requireDeadline(db, id);
  const history = await db.event.findMany({ where: { deadlineId: deadline.id }, orderBy: { id: 'asc' } });
  return { deadline, history };
}
