// The admin API's issues, deadlines, notes and alert log: the same use cases as the CLI. The guard,
// rate limit and write context they share are in admin-scope.ts.
import * as z from 'zod';
import { addIssueNote } from '../../usecases/add-issue-note.js';
import { createDeadline } from '../../usecases/create-deadline.js';
import { createIssue } from '../../usecases/create-issue.js';
import { extendDeadline } from '../../usecases/extend-deadline.js';
import { deadlineJson, eventJson, issueJson } from '../../usecases/json-views.js';
import { resolveDeadline } from '../../usecases/resolve-deadline.js';
import { deadlineBody, extendBody, issueBody, noteBody, resolveBody } from '../api-bodies.js';
import { viaApi } from '../api-errors.js';
import { alertStatuses } from '../../domain/vocabulary.js';
import type { AdminRoutes } from './admin-scope.js';

const alertsQuery = z.strictObject({
  status: z.enum(alertStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Issues, deadlines, notes and the alert log. */
export const adminRoutes: AdminRoutes = ({ admin, ctx, routeOptions, write, changed }) => {
  admin.post('/api/issues', routeOptions, async (request, reply) => {
    const body = issueBody.parse(request.body);
    const issue = await viaApi(() => createIssue(write(), body));
    changed();
    return reply.code(201).header('location', `/api/issues/${issue.slug}`).send(issueJson(issue));
  });

  admin.post('/api/deadlines', routeOptions, async (request, reply) => {
    const body = deadlineBody.parse(request.body);
    const deadline = await viaApi(() => createDeadline(write(), body, { defaultZone: ctx.config.defaultZone }));
    changed();
    return reply.code(201).send(deadlineJson(deadline));
  });

  admin.post<{ Params: { id: string } }>('/api/deadlines/:id/extend', routeOptions, async (request) => {
    const body = extendBody.parse(request.body);
    const deadline = await viaApi(() => extendDeadline(write(), request.params.id, body));
    changed();
    return deadlineJson(deadline);
  });

  admin.post<{ Params: { id: string } }>('/api/deadlines/:id/resolve', routeOptions, async (request) => {
    const body = resolveBody.parse(request.body);
    const deadline = await viaApi(() => resolveDeadline(write(), request.params.id, body));
    changed();
    return deadlineJson(deadline);
  });

  admin.post<{ Params: { slug: string } }>('/api/issues/:slug/notes', routeOptions, async (request, reply) => {
    const body = noteBody.parse(request.body);
    const event = await viaApi(() => addIssueNote(write(), request.params.slug, body.text));
    changed();
    return reply.code(201).send(eventJson(event));
  });

  admin.get('/api/alerts', routeOptions, async (request) => {
    const query = alertsQuery.parse(request.query);
    const rows = await ctx.store.db.alert.findMany({
      where: query.status ? { status: query.status } : {},
      include: { subscriber: { select: { email: true } }, deadline: { select: { title: true } } },
      orderBy: [{ sendAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
    });
    // The shape of `docket alerts list --json`.
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      status: row.status,
      kind: row.kind,
      milestone: row.milestone,
      to: row.subscriber.email,
      deadlineId: row.deadlineId,
      deadline: row.deadline?.title ?? null,
      sendAt: row.sendAt.toISOString(),
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      late: row.lateSince !== null,
      messageId: row.messageId,
      lastError: row.lastError,
    }));
  });
};
