// `/unsubscribe/<token>`: GET shows a page with one button (mail scanners follow links and must not
// unsubscribe anyone); POST unsubscribes from everything. The POST is also the RFC 8058 one-click target
// that mail providers call with `List-Unsubscribe=One-Click`, as form-urlencoded or multipart: no CSRF
// token (they have none; the signed URL is the proof), any body accepted and ignored, 200 on success.
import type { FastifyInstance } from 'fastify';
import { unsubscribeAll } from '../../usecases/public-subscribe.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { rateLimitConfig } from '../security.js';
import { managePath, readLink, sendLinkProblem } from '../signed-links.js';

type Params = { Params: { token: string } };

export async function registerUnsubscribe(app: FastifyInstance, ctx: WebContext): Promise<void> {
  // Encapsulated so the catch-all body parser applies to these routes only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body));

    scope.get<Params>('/unsubscribe/:token', async (request, reply) => {
      const claims = readLink(ctx, 'unsubscribe', request.params.token);
      if ('problem' in claims) return sendLinkProblem(reply, 'unsubscribe', claims.problem);
      const subscriber = await ctx.store.db.subscriber.findUnique({ where: { id: claims.subscriberId }, select: { email: true } });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'unsubscribe', {
        title: 'Unsubscribe',
        noindex: true,
        email: subscriber?.email ?? null,
        token: request.params.token,
        manageUrl: subscriber ? managePath(ctx, claims.subscriberId) : null,
      });
    });

    scope.post<Params>('/unsubscribe/:token', { config: rateLimitConfig(ctx.options.linkLimit) }, async (request, reply) => {
      const claims = readLink(ctx, 'unsubscribe', request.params.token);
      if ('problem' in claims) return sendLinkProblem(reply, 'unsubscribe', claims.problem);
      const subscriber = await ctx.store.db.subscriber.findUnique({ where: { id: claims.subscriberId }, select: { email: true } });
      // A deleted subscriber is unsubscribed already: same answer, so the link always "works".
      const { removed } = subscriber ? await unsubscribeAll(ctx.store.db, claims.subscriberId) : { removed: 0 };
      request.log.info({ subscriber: claims.subscriberId, removed }, 'unsubscribed');
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'unsubscribed', { title: 'You are unsubscribed', noindex: true, email: subscriber?.email ?? null });
    });
  });
}
