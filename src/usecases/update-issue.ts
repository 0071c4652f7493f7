// `docket issue update`: changes the fields given and records what changed (from → to). Lists given are
// replaced as a whole. New reminder offsets re-plan the issue's open deadlines.
import { AppError } from '../errors.js';
import type { TrackedIssue } from '../store/models.js';
import { replanIssue } from '../store/replan.js';
import { checkList, checkOffsets, checkSources, checkText } from './check-input.js';
import { issueLimits } from './create-issue.js';
import { requireIssue } from './find-records.js';
import { issueJson } from './json-views.js';
import { diffFields, recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface IssueChanges {
  title?: string;
  summary?: string;
  parties?: string[];
  tags?: string[];
  sources?: string[];
  /** "default" returns to the installation's offsets. */
  offsets?: string | string[];
}

export interface IssueUpdate {
  issue: TrackedIssue;
  /** Only the fields whose value differs; empty when the update changed nothing (and no event was written). */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export async function updateIssue(ctx: WriteContext, slug: string, input: IssueChanges): Promise<IssueUpdate> {
  const wanted: Record<string, unknown> = {};
  if (input.title !== undefined) wanted.title = checkText(input.title, 'title', { max: issueLimits.title, required: true });
  if (input.summary !== undefined) wanted.summary = checkText(input.summary, 'summary', { max: issueLimits.summary });
  if (input.parties !== undefined) wanted.parties = checkList(input.parties, 'parties', { max: issueLimits.party });
  if (input.tags !== undefined) wanted.tags = checkList(input.tags, 'tags', { max: issueLimits.tag });
  if (input.sources !== undefined) wanted.sources = checkSources(input.sources);
  if (input.offsets !== undefined) wanted.offsets = checkOffsets(input.offsets);
  if (Object.keys(wanted).length === 0) {
    throw new AppError('usage', 'nothing to update: give at least one of --title, --summary, --party, --tag, --source, --offsets');
  }

  return ctx.db.$transaction(async (tx) => {
    const issue = await requireIssue(tx, slug);
    const changes = diffFields(issueJson(issue) as unknown as Record<string, unknown>, wanted);
    if (Object.keys(changes).length === 0) return { issue, changes };
    const value = <T>(field: string): T => changes[field]!.to as T;
    const updated = await tx.trackedIssue.update({
      where: { id: issue.id },
      data: {
        ...('title' in changes && { title: value<string>('title') }),
        ...('summary' in changes && { summary: value<string>('summary') }),
        ...('parties' in changes && { partiesJson: JSON.stringify(value('parties')) }),
        ...('tags' in changes && { tagsJson: JSON.stringify(value('tags')) }),
        ...('sources' in changes && { sourcesJson: JSON.stringify(value('sources')) }),
        ...('offsets' in changes && { offsetsJson: value<string[] | null>('offsets') === null ? null : JSON.stringify(value('offsets')) }),
        updatedAt: ctx.now,
      },
    });
    await recordEvent(tx, { issueId: issue.id, kind: 'issue.updated', actor: ctx.actor, at: ctx.now, data: { changes } });
    if ('offsets' in changes) await replanIssue(tx, issue.id);
    return { issue: updated, changes };
  });
}
