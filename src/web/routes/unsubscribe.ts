// `/unsubscribe/<token>`: GET shows a page with one button (mail scanners follow links and must not
// unsubscribe anyone); POST unsubscribes from everything. The POST is also the RFC 8058 one-click target
// that mail providers call with `List-Unsubscribe=One-Click`, as form-urlencoded or multipart: no CSRF
// token (they have none; the signed URL is the proof), any body accepted and ignored, 200 on success.
// The link must still be bound to the row it names (src/tokens.ts); a used link says "already done".
import type { FastifyInstance } from 'fastify';
import { unsubscribeAll } from '../../usecases/unsubscribe-all.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { rateLimitConfig } from '../security.js';
import { managePath, readSubscriberLink, sendLinkProblem } from '../signed-links.js';

type Params = { Params: { token: string } };

export async function registerUnsubscribe(app: FastifyInstance, ctx: WebContext): Promise<void> {
  // Encapsulated so the catch-all body parser applies to these routes only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body));

    scope.get<Params>('/unsubscribe/:token', async (request, reply) => {
      const link = await readSubscriberLink(ctx, 'unsubscribe', request.params.token);
      reply.header('cache-control', 'no-store');
      // A deleted subscriber is unsubscribed already.
      if ('problem' in link && link.problem === 'gone') return sendPage(reply, 'unsubscribed', { title: 'Already unsubscribed', noindex: true, email: null, already: true });
      if ('problem' in link) return sendLinkProblem(reply, 'unsubscribe', link.problem);
      const following = await ctx.store.db.subscription.count({ where: { subscriberId: link.subscriber.id } });
      if (following === 0) {
        return sendPage(reply, 'unsubscribed', { title: 'Already unsubscribed', noindex: true, email: link.subscriber.email, already: true, manageUrl: managePath(ctx, link.subscriber) });
      }
      return sendPage(reply, 'unsubscribe', {
        title: 'Unsubscribe',
        noindex: true,
        email: link.subscriber.email,
        following,
        token: request.params.token,
        manageUrl: managePath(ctx, link.subscriber),
      });
    });

    scope.post<Params>('/unsubscribe/:token', { config: rateLimitConfig(ctx.options.linkLimit) }, async (request, reply) => {
      const link = await readSubscriberLink(ctx, 'unsubscribe', request.params.token);
      reply.header('cache-control', 'no-store');
      // A deleted subscriber is unsubscribed already: same answer, so the link always "works".
      if ('problem' in link && link.problem === 'gone') return sendPage(reply, 'unsubscribed', { title: 'You are unsubscribed', noindex: true, email: null });
      if ('problem' in link) return sendLinkProblem(reply, 'unsubscribe', link.problem);
      const { removed } = await unsubscribeAll(ctx.store.db, link.subscriber.id);
      request.log.info({ subscriber: link.subscriber.id, removed }, 'unsubscribed');
      return sendPage(reply, 'unsubscribed', { title: 'You are unsubscribed', noindex: true, email: link.subscriber.email, already: removed === 0 });
    });
  });
}
