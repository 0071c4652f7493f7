// Looking up what a command names, with a not-found error that quotes what was typed.
import { didYouMean } from '../did-you-mean.js';
import { AppError } from '../errors.js';
import type { Deadline, Subscriber, TrackedIssue } from '../store/models.js';
import sql from 'sql-template-tag';
import type { Tx } from '../store/open-store.js';
import type { SqlReader } from '../store/sql-reader.js';
import { checkEmail, checkId, checkSlug } from './check-input.js';

export type DeadlineWithIssue = Deadline & { issue: TrackedIssue };

export async function requireIssue(db: Tx, slug: string, field = 'slug'): Promise<TrackedIssue> {
  const issue = await db.trackedIssue.findUnique({ where: { slug: checkSlug(slug, field) } });
  if (!issue) throw await noIssue(db, slug, field);
  return issue;
}

/** "no issue "jk2"; did you mean "jk"? …", naming the closest slugs in the store. */
export async function noIssue(db: Tx, slug: string, field: string): Promise<AppError> {
  return noIssueAmong(slug, (await db.trackedIssue.findMany({ select: { slug: true } })).map((row) => row.slug), field);
}

/** The same lookup for read-only commands, through a reader (no Prisma client). */
export async function requireIssueIn(reader: SqlReader, slug: string, field = 'slug'): Promise<TrackedIssue> {
  const [issue] = await reader.rows<TrackedIssue>(sql`SELECT * FROM "TrackedIssue" WHERE "slug" = ${checkSlug(slug, field)}`);
  if (issue) return issue;
  const slugs = (await reader.rows<{ slug: string }>(sql`SELECT "slug" FROM "TrackedIssue"`)).map((row) => row.slug);
  throw noIssueAmong(slug, slugs, field);
}

function noIssueAmong(slug: string, slugs: string[], field: string): AppError {
  return new AppError('not_found', `no issue "${slug}"${didYouMean(slug, slugs)} (see \`docket issue list --status all\`)`, { field, value: slug });
}

export async function requireDeadline(db: Tx, id: string | number, field = 'id'): Promise<DeadlineWithIssue> {
  const deadline = await db.deadline.findUnique({ where: { id: checkId(id, field) }, include: { issue: true } });
  if (!deadline) throw new AppError('not_found', `no deadline ${String(id).trim()} (see \`docket deadline list --status all\`)`, { field, value: id });
  return deadline;
}

export async function requireSubscriber(db: Tx, email: string, field = 'email'): Promise<Subscriber> {
  const subscriber = await db.subscriber.findUnique({ where: { email: checkEmail(email, field) } });
  if (!subscriber) throw new AppError('not_found', `no subscriber "${email}" (add one with \`docket subscriber add\`)`, { field, value: email });
  return subscriber;
}
