// `docket issue note`: a status update on an issue ("Japan declined to comment on each point"). It is
// news, not a resolution: subscribers are told (notify), and no deadline changes.
import type { Event } from '../store/models.js';
import { checkText } from './check-input.js';
import { requireIssue } from './find-records.js';
import { recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export async function addIssueNote(ctx: WriteContext, slug: string, text: string): Promise<Event> {
  const note = checkText(text, 'text', { max: 5000, required: true });
  return ctx.db.$transaction(async (tx) => {
    const issue = await requireIssue(tx, slug);
    await tx.trackedIssue.update({ where: { id: issue.id }, data: { updatedAt: ctx.now } });
    return recordEvent(tx, { issueId: issue.id, kind: 'issue.note', actor: ctx.actor, at: ctx.now, data: { note } });
  });
}
