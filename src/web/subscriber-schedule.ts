// The schedule a subscriber would get for an issue's (or one deadline's) next open deadline, in their
// zone: for the check-inbox, confirm and confirmed pages.
import type { Deadline } from '../store/models.js';
import { reminderSchedule, type ScheduleLine } from '../subscriber/schedule.js';
import type { Precision } from '../time/due-moment.js';
import { dueBlock, type DueBlock } from '../time/due-block.js';
import { isOpenStatus } from '../domain/vocabulary.js';
import { parseList } from '../usecases/json-views.js';
import type { WebContext } from './context.js';

export interface NextDeadlineSchedule {
  title: string;
  due: DueBlock;
  lines: ScheduleLine[];
}

export async function nextDeadlineSchedule(
  ctx: WebContext,
  target: { issueId: number; deadlineId: number | null },
  zone: string,
  now: Date,
): Promise<NextDeadlineSchedule | null> {
  const db = ctx.store.db;
  const candidates: Array<Deadline & { issue: { offsetsJson: string | null } }> = await db.deadline.findMany({
    where: target.deadlineId === null ? { issueId: target.issueId } : { id: target.deadlineId },
    include: { issue: { select: { offsetsJson: true } } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  const open = candidates.filter((d) => isOpenStatus(d.status));
  const next = open.find((d) => d.dueAt.getTime() >= now.getTime()) ?? open[0];
  if (!next) return null;
  const due = { instant: next.dueAt, zone: next.zone, precision: next.precision as Precision };
  const lines = reminderSchedule(
    { due, issueOffsets: next.issue.offsetsJson === null ? null : parseList(next.issue.offsetsJson), deadlineOffsets: next.offsetsJson === null ? null : parseList(next.offsetsJson) },
    zone,
    ctx.settings.policy,
    now,
  );
  return { title: next.title, due: dueBlock(due, next.status, now, zone), lines };
}
