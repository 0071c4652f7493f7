// `docket issue close` / `reopen`. A closed issue keeps its history and subscribers; its open deadlines
// are marked for re-planning so the alert engine can stop (or resume) their reminders.
import type { TrackedIssue } from '../store/models.js';
import { replanIssue } from '../store/replan.js';
import type { IssueStatus } from '../domain/vocabulary.js';
import { checkText, conflict } from './check-input.js';
import { requireIssue } from './find-records.js';
import { recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export function closeIssue(ctx: WriteContext, slug: string, note?: string): Promise<TrackedIssue> {
  return setIssueStatus(ctx, slug, 'closed', note);
}

export function reopenIssue(ctx: WriteContext, slug: string, note?: string): Promise<TrackedIssue> {
  return setIssueStatus(ctx, slug, 'open', note);
}

async function setIssueStatus(ctx: WriteContext, slug: string, status: IssueStatus, note?: string): Promise<TrackedIssue> {
  const text = note === undefined ? undefined : checkText(note, 'note', { max: 5000 });
  return ctx.db.$transaction(async (tx) => {
    const issue = await requireIssue(tx, slug);
    if (issue.status === status) throw conflict(`issue "${issue.slug}" is already ${status}`, 'slug', slug);
    const updated = await tx.trackedIssue.update({ where: { id: issue.id }, data: { status, updatedAt: ctx.now } });
    await recordEvent(tx, {
      issueId: issue.id,
      kind: status === 'closed' ? 'issue.closed' : 'issue.reopened',
      actor: ctx.actor,
      at: ctx.now,
      data: text ? { note: text } : {},
    });
    await replanIssue(tx, issue.id);
    return updated;
  });
}
