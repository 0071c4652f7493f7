// iCalendar subscriptions: `/issues/<slug>.ics` (one issue) and `/calendar.ics` (every open issue). One
// VEVENT per deadline through the same addDeadlineEvent as email attachments, so UIDs agree everywhere
// and an extension updates the event in place (SEQUENCE = revision). VALARMs follow the reminder offsets
// that apply to each deadline. Bodies are built once per data version; ETag/If-None-Match gives 304s.
import type { FastifyInstance } from 'fastify';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { resolvePolicy } from '../../alerts/reminder-policy.js';
import { addDeadlineEvent } from '../../calendar/deadline-event.js';
import { deadlineView, issueView } from '../../engine/alert-views.js';
import { notFound } from '../../errors.js';
import type { Deadline, TrackedIssue } from '../../store/models.js';
import { oneLine } from '../../mail/subject.js';
import { parseList } from '../../usecases/json-views.js';
import { cachedBody, sendCached, type CachedBody } from '../cached-body.js';
import type { WebContext } from '../context.js';
import { issueSnapshot, openIssues } from '../snapshots.js';

const contentType = 'text/calendar; charset=utf-8';
// Calendar apps poll on their own schedule; a minute of shared caching absorbs bursts without hiding news.
const cacheControl = 'public, max-age=60';

export function buildCalendar(ctx: WebContext, name: string, entries: Array<{ issue: TrackedIssue; deadlines: Deadline[] }>): string {
  const cal = ical({
    prodId: { company: 'Docket', product: 'Docket', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name,
    url: ctx.baseUrl,
    // Hint for clients that honour it (REFRESH-INTERVAL / X-PUBLISHED-TTL): look again hourly.
    ttl: 3600,
  });
  const policy = ctx.settings.policy;
  for (const { issue, deadlines } of entries) {
    const view = issueView(issue);
    const issueOffsets = issue.offsetsJson === null ? null : parseList(issue.offsetsJson);
    for (const deadline of deadlines) {
      const deadlineOffsets = deadline.offsetsJson === null ? null : parseList(deadline.offsetsJson);
      addDeadlineEvent(cal, view, deadlineView(deadline), {
        host: ctx.host,
        issueUrl: `${ctx.baseUrl}/issues/${issue.slug}#deadline-${deadline.id}`,
        alarmOffsets: resolvePolicy(policy, issueOffsets, deadlineOffsets).offsets,
        // The last change, not the request time: the same data gives byte-identical output (and ETag).
        stamp: deadline.updatedAt,
      });
    }
  }
  return cal.toString();
}

export function registerCalendarFeeds(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Params: { slug: string } }>('/issues/:slug.ics', async (request, reply) => {
    const snapshot = await issueSnapshot(ctx, request.params.slug);
    if (snapshot === null) throw notFound('issue', request.params.slug);
    const { issue, deadlines } = snapshot.value;
    const cached = await ctx.cache.value<CachedBody>(`ics:${issue.slug}`, snapshot.fingerprint, () =>
      cachedBody(buildCalendar(ctx, `Docket: ${oneLine(issue.title)}`, [{ issue, deadlines }])),
    );
    return sendCached(request, reply, cached, { type: contentType, cacheControl, disposition: `inline; filename="${issue.slug}.ics"` });
  });

  app.get('/calendar.ics', async (request, reply) => {
    const { value, fingerprint } = await openIssues(ctx);
    const cached = await ctx.cache.value<CachedBody>('ics:all', fingerprint, () => cachedBody(buildCalendar(ctx, 'Docket: all open issues', value)));
    return sendCached(request, reply, cached, { type: contentType, cacheControl, disposition: 'inline; filename="docket.ics"' });
  });
}
