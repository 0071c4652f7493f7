// Atom feeds: `/issues/<slug>.atom` (one issue) and `/feed.atom` (everything): one entry per event that
// is news (new deadline, extension, resolution, note, issue opened/closed), newest first, with ids that
// never change (tag URIs on the event id). The `feed` package writes titles and content as type="html"
// CDATA, so every piece of user text is HTML-escaped here first; control characters that XML 1.0
// cannot carry are dropped.
import type { FastifyInstance } from 'fastify';
import { Feed } from 'feed';
import { DateTime } from 'luxon';
import { notFound } from '../../errors.js';
import { oneLine } from '../../mail/subject.js';
import { formatWithZone, precisionNote } from '../../mail/dates.js';
import { cachedBody, sendCached, type CachedBody } from '../cached-body.js';
import type { WebContext } from '../context.js';
import { describeEvent, eventData, storedDue } from '../event-text.js';
import { loadFeedEvents, type FeedEvent } from '../public-data.js';
import { issueVersion, siteVersion } from '../snapshots.js';

const contentType = 'application/atom+xml; charset=utf-8';
const cacheControl = 'public, max-age=60';
/** Entries in the site-wide feed; an issue's own feed carries its whole news history up to this too. */
const maxEntries = 500;

/** XML 1.0 allows tab, LF, CR and most of Unicode; anything else (other C0 controls, U+FFFE/F) is dropped. */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function entryId(ctx: WebContext, event: { id: number; at: Date }): string {
  // RFC 4151 tag URI: the authority is the installation's host, dated by the event, named by its id.
  const day = DateTime.fromJSDate(event.at, { zone: 'utc' }).toISODate();
  return `tag:${ctx.host},${day}:docket:event:${event.id}`;
}

// What the event said when it happened (its own data, not the deadline's current state), so an entry's
// content does not change under its id when the deadline changes later.
function entryContent(event: FeedEvent, note: string | null): string {
  const parts: string[] = [];
  const data = eventData(event);
  const d = event.deadline;
  const due = (value: unknown, label: string) => {
    const moment = storedDue(value);
    if (moment) parts.push(`${label}: ${formatWithZone(moment.instant, moment.zone)}, ${precisionNote(moment)}`);
  };
  if (d && (d.demandedBy || d.demandedOf)) parts.push(`${d.demandedBy || 'Unrecorded'} demands of ${d.demandedOf || 'an unrecorded party'}: ${oneLine(d.title)}`);
  if (event.kind === 'deadline.created') due(data.due, 'Due');
  if (event.kind === 'deadline.extended') {
    due(data.from, 'Was due');
    due(data.to, 'Now due');
  }
  if (event.kind === 'issue.created' && event.issue.summary) parts.push(event.issue.summary);
  if (note) parts.push(note);
  parts.push(`Issue: ${oneLine(event.issue.title)}`);
  return parts.map((part) => `<p>${escapeHtml(part)}</p>`).join('');
}

export function buildAtom(ctx: WebContext, meta: { title: string; path: string; pagePath: string; updated: Date }, events: FeedEvent[]): string {
  const feed = new Feed({
    title: xmlSafe(meta.title),
    id: `${ctx.baseUrl}${meta.path}`,
    link: `${ctx.baseUrl}${meta.pagePath}`,
    feed: `${ctx.baseUrl}${meta.path}`,
    description: 'Government demands and their deadlines, tracked by Docket',
    updated: events[0]?.at ?? meta.updated,
    generator: 'Docket',
    author: { name: 'Docket' },
  });
  for (const event of events) {
    const text = describeEvent(event, { issue: event.issue, deadline: event.deadline, zone: event.deadline?.zone ?? 'UTC' });
    const anchor = event.deadlineId === null ? '' : `#deadline-${event.deadlineId}`;
    feed.addItem({
      title: escapeHtml(text.headline),
      id: entryId(ctx, event),
      link: `${ctx.baseUrl}/issues/${event.issue.slug}${anchor}`,
      date: event.at,
      published: event.at,
      content: entryContent(event, text.note),
    });
  }
  return feed.atom1();
}

export function registerAtomFeeds(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Params: { slug: string } }>('/issues/:slug.atom', async (request, reply) => {
    const slug = request.params.slug;
    const fingerprint = await issueVersion(ctx, slug);
    if (fingerprint === null) throw notFound('issue', slug);
    const cached = await ctx.cache.value<CachedBody | null>(`atom:${slug}`, fingerprint, async () => {
      const issue = await ctx.store.db.trackedIssue.findUnique({ where: { slug } });
      if (!issue) return null;
      const events = await loadFeedEvents(ctx.store.db, { issueId: issue.id }, maxEntries);
      return cachedBody(buildAtom(ctx, { title: `Docket: ${oneLine(issue.title)}`, path: `/issues/${slug}.atom`, pagePath: `/issues/${slug}`, updated: issue.updatedAt }, events));
    });
    if (cached === null) throw notFound('issue', slug);
    return sendCached(request, reply, cached, { type: contentType, cacheControl });
  });

  app.get('/feed.atom', async (request, reply) => {
    const fingerprint = await siteVersion(ctx);
    const cached = await ctx.cache.value<CachedBody>('atom:all', fingerprint, async () => {
      const events = await loadFeedEvents(ctx.store.db, {}, maxEntries);
      return cachedBody(buildAtom(ctx, { title: 'Docket: all tracked issues', path: '/feed.atom', pagePath: '/', updated: new Date(0) }, events));
    });
    return sendCached(request, reply, cached, { type: contentType, cacheControl });
  });
}
