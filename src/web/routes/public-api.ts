// Public, read-only JSON: the same shapes `docket … --json` prints (src/usecases/json-views.ts), minus
// the admins' names (events' `actor`), plus links to the page and feeds.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { Deadline, Event, TrackedIssue } from '../../store/models.js';
import { deadlineJson, eventJson, issueJson } from '../../usecases/json-views.js';
import { readerOver } from '../../store/sql-reader.js';
import { listDeadlines } from '../../usecases/read-deadlines.js';
import { listIssues, showIssue } from '../../usecases/read-issues.js';
import { viaApi } from '../api-errors.js';
import type { WebContext } from '../context.js';
import { issueVersion, siteVersion } from '../snapshots.js';

const json = 'application/json; charset=utf-8';

const text = z.string().max(200);
// Strict: a misspelt parameter (dueBefor) is an error, not silently ignored.
const issuesQuery = z.strictObject({ status: text.optional() });
const deadlinesQuery = z.strictObject({ issue: text.optional(), status: text.optional(), dueBefore: text.optional(), dueAfter: text.optional(), zone: text.optional() });

export function issueLinks(ctx: WebContext, slug: string) {
  const base = `${ctx.baseUrl}/issues/${slug}`;
  return { page: base, calendar: `${base}.ics`, atom: `${base}.atom`, api: `${ctx.baseUrl}/api/issues/${slug}` };
}

export function publicEventJson(event: Event, zone?: string) {
  const { actor: _actor, ...rest } = eventJson(event, zone);
  return rest;
}

export function publicDeadlineJson(deadline: Deadline, issue: TrackedIssue) {
  return deadlineJson({ ...deadline, issue });
}

export function registerPublicApi(app: FastifyInstance, ctx: WebContext): void {
  // Issue listings and details do not depend on the clock: cached per data version like the pages.
  app.get('/api/issues', async (request, reply) => {
    const query = issuesQuery.parse(request.query);
    const fingerprint = await siteVersion(ctx);
    const body = await ctx.cache.value(`api:issues:${query.status ?? 'open'}`, fingerprint, async () => {
      const issues = await viaApi(() => listIssues(ctx.store.db, query));
      return JSON.stringify(
        issues.map(({ issue, openDeadlines, nextDue }) => ({
          ...issueJson(issue),
          openDeadlines,
          nextDue: nextDue === null ? null : publicDeadlineJson(nextDue, issue),
          links: issueLinks(ctx, issue.slug),
        })),
      );
    });
    return reply.type(json).send(body);
  });

  app.get<{ Params: { slug: string } }>('/api/issues/:slug', async (request, reply) => {
    const slug = request.params.slug;
    const fingerprint = (await issueVersion(ctx, slug)) ?? 'none';
    const body = await ctx.cache.value(`api:issue:${slug}`, fingerprint, async () => {
      const detail = await viaApi(() => showIssue(ctx.store.db, slug));
      const zones = new Map(detail.deadlines.map((d) => [d.id, d.zone]));
      return JSON.stringify({
        ...issueJson(detail.issue),
        deadlines: detail.deadlines.map((d) => deadlineJson(d)),
        history: detail.history.map((event) => publicEventJson(event, event.deadlineId === null ? 'UTC' : zones.get(event.deadlineId))),
        links: issueLinks(ctx, detail.issue.slug),
      });
    });
    return reply.type(json).send(body);
  });

  app.get('/api/deadlines', async (request) => {
    const query = deadlinesQuery.parse(request.query);
    const deadlines = await viaApi(() => listDeadlines(readerOver(ctx.store.db), query, { now: ctx.clock.now(), defaultZone: ctx.config.defaultZone }));
    return deadlines.map((d) => deadlineJson(d));
  });
}
