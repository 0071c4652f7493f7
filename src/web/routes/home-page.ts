// `/`: the open issues, soonest next deadline first, each with its countdown.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { cachedPage, fillPage } from '../page-cache.js';
import { homeModel } from '../page-models.js';
import { openIssues } from '../snapshots.js';

export function registerHomePage(app: FastifyInstance, ctx: WebContext): void {
  app.get('/', async (_request, reply) => {
    const { value, fingerprint } = await openIssues(ctx);
    const now = ctx.clock.now();
    const page = await cachedPage(ctx, 'home', fingerprint, now, () => ({
      template: 'home',
      data: {
        title: 'Tracked issues',
        description: 'Government demands and their deadlines, with reminders by email and calendar.',
        feeds: [
          { title: 'All updates (Atom)', href: '/feed.atom', type: 'application/atom+xml' },
          { title: 'All deadlines (iCalendar)', href: '/calendar.ics', type: 'text/calendar' },
        ],
        issues: homeModel(value, now),
      },
    }));
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    return reply.send(fillPage(page, () => ''));
  });
}
