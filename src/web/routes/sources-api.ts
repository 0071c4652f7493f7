// The admin API for watched sources and their inbox, behind the admin token: the same use cases and JSON
// as `docket source … --json` and `docket inbox … --json`.
import * as z from 'zod';
import { addSource, listSources, removeSource, sourceJson } from '../../usecases/manage-sources.js';
import { acceptInboxItem, dismissInboxItem, inboxJson, listInbox } from '../../usecases/review-inbox.js';
import { deadlineJson } from '../../usecases/json-views.js';
import { acceptBody, dismissBody, sourceBody } from '../api-bodies.js';
import { viaApi } from '../api-errors.js';
import type { AdminRoutes } from './admin-scope.js';

const inboxQuery = z.strictObject({ status: z.string().max(20).optional() });

export const sourceRoutes: AdminRoutes = ({ admin, ctx, routeOptions, write, changed }) => {
  admin.get('/api/sources', routeOptions, async () => (await listSources(ctx.store.db)).map(sourceJson));
  admin.post('/api/sources', routeOptions, async (request, reply) => {
    const { keywords, ...body } = sourceBody.parse(request.body);
    const source = await viaApi(() => addSource(write(), { ...body, ...(keywords !== undefined ? { keywords: Array.isArray(keywords) ? keywords.join(',') : keywords } : {}) }));
    return reply.code(201).header('location', `/api/sources/${source.id}`).send(sourceJson(source));
  });
  admin.delete<{ Params: { id: string } }>('/api/sources/:id', routeOptions, async (request, reply) => {
    await viaApi(() => removeSource(ctx.store.db, request.params.id));
    return reply.code(204).send();
  });

  admin.get('/api/inbox', routeOptions, async (request) => {
    const query = inboxQuery.parse(request.query);
    return (await viaApi(() => listInbox(ctx.store.db, query))).map(inboxJson);
  });
  admin.post<{ Params: { id: string } }>('/api/inbox/:id/accept', routeOptions, async (request, reply) => {
    const { demandedBy, demandedOf, ...body } = acceptBody.parse(request.body ?? {});
    const { deadline } = await viaApi(() => acceptInboxItem(write(), request.params.id, { ...body, ...(demandedBy !== undefined ? { by: demandedBy } : {}), ...(demandedOf !== undefined ? { to: demandedOf } : {}) }, { defaultZone: ctx.config.defaultZone }));
    changed();
    return reply.code(201).send(deadlineJson(deadline));
  });
  admin.post<{ Params: { id: string } }>('/api/inbox/:id/dismiss', routeOptions, async (request) => {
    const body = dismissBody.parse(request.body ?? {});
    return inboxJson(await viaApi(() => dismissInboxItem(write(), request.params.id, body.reason)));
  });
};
