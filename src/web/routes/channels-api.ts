// Admin API for channels: the CLI's `docket channel add | list | remove | test`, behind the same bearer
// guard as the rest of the admin API (admin-scope.ts). A webhook's secret is in the 201 answer
// only; URLs are answered as host and hash, as everywhere else.
import { addChannel, channelJson, listChannels, removeChannel } from '../../channels/manage-channels.js';
import { channelForLog } from '../../channels/send-to-channel.js';
import { testChannel } from '../../channels/test-channel.js';
import { channelBody } from '../api-bodies.js';
import { viaApi } from '../api-errors.js';
import type { AdminRoutes } from './admin-scope.js';

export const channelRoutes: AdminRoutes = ({ admin, ctx, routeOptions, write }) => {
  const json = (channel: Parameters<typeof channelJson>[0]) => channelJson(channel, channelForLog);

  admin.post('/api/channels', routeOptions, async (request, reply) => {
    const body = channelBody.parse(request.body);
    const events = Array.isArray(body.events) ? body.events.join(',') : body.events;
    const reminders = Array.isArray(body.reminders) ? (body.reminders.length === 0 ? 'none' : body.reminders.join(',')) : body.reminders;
    const channel = await viaApi(() => addChannel(write(), { ...body, events, reminders }, { defaultZone: ctx.config.defaultZone }));
    return reply.code(201).header('location', `/api/channels/${channel.name}`).send({ ...json(channel), secret: channel.secret });
  });

  admin.get('/api/channels', routeOptions, async () => (await listChannels(ctx.store.db)).map(json));

  admin.delete<{ Params: { name: string } }>('/api/channels/:name', routeOptions, async (request) => {
    const channel = await viaApi(() => removeChannel(write(), request.params.name));
    return { ...json(channel), removed: true };
  });

  admin.post<{ Params: { name: string } }>('/api/channels/:name/test', routeOptions, async (request) =>
    viaApi(() => testChannel(ctx.store.db, request.params.name, { now: ctx.clock.now(), baseUrl: ctx.config.web.baseUrl, timeoutMs: ctx.config.scheduler.channelTimeoutMs })),
  );
};
