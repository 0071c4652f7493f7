// `/my/<token>.ics`: one subscriber's calendar, with only the deadlines they follow (whole issues and
// single deadlines). The address is secret and bound to the row's link key, so "Make new links" on the
// manage page (or `docket subscriber rotate-links`) revokes it.
import type { FastifyInstance } from 'fastify';
import type { Deadline, TrackedIssue } from '../../store/models.js';
import type { WebContext } from '../context.js';
import { readSubscriberLink, sendLinkProblem } from '../signed-links.js';
import { buildCalendar } from './calendar-feeds.js';

export function registerPersonalFeed(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Params: { token: string } }>('/my/:token.ics', async (request, reply) => {
    const link = await readSubscriberLink(ctx, 'feed', request.params.token);
    if ('problem' in link) return sendLinkProblem(reply, 'feed', link.problem);
    const subscriptions = await ctx.store.db.subscription.findMany({
      where: { subscriberId: link.subscriber.id },
      include: { issue: { include: { deadlines: { orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] } } } },
      orderBy: { id: 'asc' },
    });
    const byIssue = new Map<number, { issue: TrackedIssue; deadlines: Map<number, Deadline> }>();
    for (const s of subscriptions) {
      const { deadlines, ...issue } = s.issue;
      const entry = byIssue.get(issue.id) ?? { issue, deadlines: new Map<number, Deadline>() };
      for (const d of deadlines) if (s.deadlineId === null || s.deadlineId === d.id) entry.deadlines.set(d.id, d);
      byIssue.set(issue.id, entry);
    }
    const entries = [...byIssue.values()].map((e) => ({ issue: e.issue, deadlines: [...e.deadlines.values()] }));
    reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="docket-mine.ics"').send(buildCalendar(ctx, 'Docket: what I follow', entries));
  });
}
