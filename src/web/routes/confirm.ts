// `/confirm/<token>`: GET only shows what would be confirmed and a button, because mail scanners and link
// previews fetch links; the POST (a person pressing the button) confirms. Confirming twice is harmless.
import type { FastifyInstance } from 'fastify';
import { oneLine } from '../../mail/subject.js';
import { confirmSubscription, findConfirmationTarget, type ConfirmationTarget } from '../../usecases/public-subscribe.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { managePath, readLink, sendGone, sendLinkProblem } from '../signed-links.js';

type Params = { Params: { token: string } };
const gone = 'This subscription request is for an issue or deadline that has since been removed, or for an address that was deleted.';

function describe(target: ConfirmationTarget) {
  return {
    email: target.subscriber.email,
    what: oneLine(target.deadline ? target.deadline.title : target.issue.title),
    issueTitle: target.deadline ? oneLine(target.issue.title) : null,
    slug: target.issue.slug,
  };
}

export function registerConfirm(app: FastifyInstance, ctx: WebContext): void {
  app.get<Params>('/confirm/:token', async (request, reply) => {
    const claims = readLink(ctx, 'confirm', request.params.token);
    if ('problem' in claims) return sendLinkProblem(reply, 'confirm', claims.problem);
    const target = await findConfirmationTarget(ctx.store.db, claims);
    if (target === null) return sendGone(reply, gone);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, 'confirm', {
      title: 'Confirm your subscription',
      noindex: true,
      ...describe(target),
      delivery: target.subscriber.delivery,
      zone: target.subscriber.zone,
      token: request.params.token,
      csrf: reply.generateCsrf(),
    });
  });

  app.post<Params>('/confirm/:token', { config: rateLimitConfig(ctx.options.linkLimit), preValidation: csrfCheck(app) }, async (request, reply) => {
    const claims = readLink(ctx, 'confirm', request.params.token);
    if ('problem' in claims) return sendLinkProblem(reply, 'confirm', claims.problem);
    const confirmed = await confirmSubscription(ctx.store.db, claims, ctx.clock.now());
    if (confirmed === null) return sendGone(reply, gone);
    request.log.info({ subscriber: confirmed.subscriber.id, scope: confirmed.scope, created: confirmed.created }, 'subscription confirmed');
    // Reminders for the new follower are planned by the next tick; ask for it now.
    ctx.wakeScheduler();
    reply.header('cache-control', 'no-store');
    return sendPage(reply, 'confirmed', {
      title: 'You are subscribed',
      noindex: true,
      ...describe(confirmed),
      manageUrl: managePath(ctx, confirmed.subscriber.id),
    });
  });
}
