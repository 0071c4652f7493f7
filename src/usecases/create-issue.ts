// `docket issue add`: a new tracked issue and its `issue.created` event, in one transaction.
import type { TrackedIssue } from '../store/models.js';
import { checkList, checkOffsets, checkSlug, checkSources, checkText, conflict, isUniqueViolation } from './check-input.js';
import { recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface IssueInput {
  slug: string;
  title: string;
  summary?: string;
  parties?: string[];
  tags?: string[];
  sources?: string[];
  /** Reminder offsets for this issue's deadlines ("7d,1d,0d"); omitted = the installation's. */
  offsets?: string | string[];
}

export const issueLimits = { title: 300, summary: 5000, party: 200, tag: 100 } as const;

export async function createIssue(ctx: WriteContext, input: IssueInput): Promise<TrackedIssue> {
  const slug = checkSlug(input.slug);
  const title = checkText(input.title, 'title', { max: issueLimits.title, required: true });
  const summary = checkText(input.summary ?? '', 'summary', { max: issueLimits.summary });
  const parties = checkList(input.parties ?? [], 'parties', { max: issueLimits.party });
  const tags = checkList(input.tags ?? [], 'tags', { max: issueLimits.tag });
  const sources = checkSources(input.sources ?? []);
  const offsets = input.offsets === undefined ? null : checkOffsets(input.offsets);
  const duplicate = () => conflict(`issue "${slug}" already exists (change it with \`docket issue update ${slug}\`)`, 'slug', slug);

  try {
    return await ctx.db.$transaction(async (tx) => {
      if (await tx.trackedIssue.findUnique({ where: { slug }, select: { id: true } })) throw duplicate();
      const issue = await tx.trackedIssue.create({
        data: {
          slug,
          title,
          summary,
          partiesJson: JSON.stringify(parties),
          tagsJson: JSON.stringify(tags),
          sourcesJson: JSON.stringify(sources),
          offsetsJson: offsets === null ? null : JSON.stringify(offsets),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        },
      });
      await recordEvent(tx, { issueId: issue.id, kind: 'issue.created', actor: ctx.actor, at: ctx.now, data: { slug, title } });
      return issue;
    });
  } catch (error) {
    // Two admins adding the same slug at once: the unique index decides, and the loser hears why.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
