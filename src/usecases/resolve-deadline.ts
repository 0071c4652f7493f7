// `docket deadline resolve`: the demand was met, missed or withdrawn. Reminders stop (the deadline is
// re-planned and no longer open) and subscribers are told. Resolving twice is a conflict: the second
// admin should see what the first one recorded rather than overwrite it silently.
import type { WriteContext } from './write-context.js';
import { checkOneOf } from '../errors.js';
import { replanDeadlines } from '../store/replan.js';
import { resolvedStatuses } from '../domain/vocabulary.js';
import { checkText, conflict } from './check-input.js';
import { deadlineLimits } from './create-deadline.js';
import { requireDeadline, type DeadlineWithIssue } from './find-records.js';
import { recordEvent } from './record-event.js';

export interface ResolveInput {
  status: string;
  note?: string;
}

export async function resolveDeadline(ctx: WriteContext, id: string | number, input: ResolveInput): Promise<DeadlineWithIssue> {
  const status = checkOneOf(input.status, resolvedStatuses, 'status');
  const note = input.note === undefined ? null : checkText(input.note, 'note', { max: deadlineLimits.note }) || null;
  return ctx.db.$transaction(async (tx) => {
    const deadline = await requireDeadline(tx, id);
    if (deadline.status !== 'pending' && deadline.status !== 'extended') {
      throw conflict(
        `deadline ${deadline.id} is already ${deadline.status}${deadline.resolutionNote ? ` ("${deadline.resolutionNote}")` : ''}; it cannot be resolved again`,
        'id',
        deadline.id,
      );
    }
    const updated = await tx.deadline.update({
      where: { id: deadline.id },
      // Calendar apps apply a cancellation only with a higher SEQUENCE (the revision), so withdrawing bumps it.
      data: { status, resolutionNote: note, updatedAt: ctx.now, ...(status === 'withdrawn' ? { revision: { increment: 1 } } : {}) },
      include: { issue: true },
    });
    await recordEvent(tx, { issueId: deadline.issueId, deadlineId: deadline.id, kind: 'deadline.resolved', actor: ctx.actor, at: ctx.now, data: { status, note } });
    await replanDeadlines(tx, [deadline.id]);
    return updated;
  });
}
