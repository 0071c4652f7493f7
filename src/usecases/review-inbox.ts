// `docket inbox list | show | accept | dismiss` and the admin API's /api/inbox: the candidates Docket found
// in watched feeds. Accept makes the deadline (with the item's URL as its source, and the issue when asked
// to); dismiss keeps the row with its reason, and its key keeps the candidate from ever coming back.
import { DateTime } from 'luxon';
import { AppError, checkOneOf, invalid, notFound } from '../errors.js';
import type { InboxItem } from '../store/models.js';
import { inboxStatuses, type InboxStatus } from '../domain/vocabulary.js';
import type { Db } from '../store/open-store.js';
import { isoInZone } from '../time/format.js';
import { readDue } from '../time/read-due.js';
import { checkText, conflict } from './check-input.js';
import { planDeadline, saveDeadline } from './create-deadline.js';
import { createIssue } from './create-issue.js';
import type { DeadlineWithIssue } from './find-records.js';
import type { WriteContext } from './write-context.js';

export async function listInbox(db: Db, options: { status?: string } = {}): Promise<InboxItem[]> {
  const status: InboxStatus = options.status === undefined ? 'new' : checkOneOf(options.status, inboxStatuses, 'status');
  return db.inboxItem.findMany({ where: { status }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

export async function requireInboxItem(db: Db, value: string | number): Promise<InboxItem> {
  const text = String(value).trim().replace(/^#/, '');
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw invalid('id', value, 'is not an inbox id (a whole number, as shown by `docket inbox list`)');
  const item = await db.inboxItem.findUnique({ where: { id } });
  if (!item) throw notFound('inbox item', value);
  return item;
}

export interface AcceptInput {
  issue?: string;
  /** Creates the issue when it does not exist yet. */
  issueTitle?: string;
  title?: string;
  due?: string;
  zone?: string;
  by?: string;
  to?: string;
  sources?: string[];
  offsets?: string;
}

export async function acceptInboxItem(ctx: WriteContext, value: string | number, input: AcceptInput, options: { defaultZone: string }): Promise<{ item: InboxItem; deadline: DeadlineWithIssue }> {
  const item = await requireInboxItem(ctx.db, value);
  if (item.status !== 'new') throw conflict(`inbox item ${item.id} is ${item.status}${item.deadlineId ? ` (deadline ${item.deadlineId})` : ''}; only new items can be accepted`, 'id', item.id);
  const slug = input.issue ?? item.issueSlug;
  if (!slug) throw new AppError('usage', `inbox item ${item.id} has no issue; name one with --issue SLUG`, { field: 'issue' });
  if (input.issueTitle !== undefined && !(await ctx.db.trackedIssue.findUnique({ where: { slug } }))) {
    await createIssue(ctx, { slug, title: input.issueTitle, sources: [] });
  }
  const zone = input.zone ?? item.zone;
  const announced = isoInZone(item.announcedAt, zone);
  const draft = await planDeadline(
    ctx.db,
    {
      issue: slug,
      title: input.title ?? item.title,
      due: input.due ?? dueWords(item, zone),
      announced,
      zone,
      demandedBy: input.by ?? item.demandedBy,
      demandedOf: input.to ?? item.demandedOf,
      sources: [...(item.itemUrl ? [item.itemUrl] : []), ...(input.sources ?? [])],
      offsets: input.offsets,
      evidence: item.evidence,
    },
    { now: ctx.now, defaultZone: options.defaultZone },
  );
  // Claimed before the deadline is written: a second accept of the same item (another admin, a retry)
  // finds it taken and stops, so one candidate never becomes two deadlines.
  const claimed = await ctx.db.inboxItem.updateMany({ where: { id: item.id, status: 'new' }, data: { status: 'accepted', updatedAt: ctx.now } });
  if (claimed.count === 0) throw conflict(`inbox item ${item.id} was just accepted or dismissed elsewhere`, 'id', item.id);
  try {
    const deadline = await saveDeadline(ctx, draft);
    const updated = await ctx.db.inboxItem.update({ where: { id: item.id }, data: { deadlineId: deadline.id, issueSlug: deadline.issue.slug, updatedAt: ctx.now } });
    return { item: updated, deadline };
  } catch (error) {
    await ctx.db.inboxItem.update({ where: { id: item.id }, data: { status: 'new', updatedAt: ctx.now } });
    throw error;
  }
}

/** The words as found when they still read to the same moment; else the moment itself, which always does. */
function dueWords(item: InboxItem, zone: string): string {
  try {
    if (zone === item.zone && readDue(item.expression, { announcedAt: item.announcedAt, zone }).due.instant.getTime() === item.dueAt.getTime()) return item.expression;
  } catch {
    // The reader matched the phrase inside a longer span; the instant below stands in.
  }
  const local = DateTime.fromJSDate(item.dueAt, { zone: item.zone });
  if (item.precision === 'day') return local.toISODate()!;
  if (item.precision === 'month') return local.toFormat('yyyy-MM');
  return local.toISO({ suppressMilliseconds: true })!;
}

export async function dismissInboxItem(ctx: WriteContext, value: string | number, reason?: string): Promise<InboxItem> {
  const item = await requireInboxItem(ctx.db, value);
  const why = reason === undefined ? null : checkText(reason, 'reason', { max: 1000 });
  if (item.status === 'accepted') throw conflict(`inbox item ${item.id} was accepted as deadline ${item.deadlineId}; change that deadline instead`, 'id', item.id);
  return ctx.db.inboxItem.update({ where: { id: item.id }, data: { status: 'dismissed', reason: why, updatedAt: ctx.now } });
}

export interface InboxJson {
  id: number;
  status: string;
  source: number | null;
  item: { title: string; url: string; publishedAt: string | null };
  title: string;
  dueAt: string;
  zone: string;
  precision: string;
  expression: string;
  reading: string;
  announcedAt: string;
  demandedBy: string;
  demandedOf: string;
  evidence: string;
  confidence: number;
  issue: string | null;
  deadline: number | null;
  reason: string | null;
  foundAt: string;
}

export function inboxJson(item: InboxItem): InboxJson {
  return {
    id: item.id,
    status: item.status,
    source: item.sourceId,
    item: { title: item.itemTitle, url: item.itemUrl, publishedAt: item.publishedAt ? isoInZone(item.publishedAt, item.zone) : null },
    title: item.title,
    dueAt: isoInZone(item.dueAt, item.zone),
    zone: item.zone,
    precision: item.precision,
    expression: item.expression,
    reading: item.reading,
    announcedAt: isoInZone(item.announcedAt, item.zone),
    demandedBy: item.demandedBy,
    demandedOf: item.demandedOf,
    evidence: item.evidence,
    confidence: item.confidence,
    issue: item.issueSlug,
    deadline: item.deadlineId,
    reason: item.reason,
    foundAt: isoInZone(item.createdAt, 'UTC'),
  };
}
