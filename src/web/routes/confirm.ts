// `/confirm/<token>`: GET only shows what would be confirmed and a button, because mail scanners and link
// previews fetch links; the POST (a person pressing the button) confirms. Confirming twice is harmless,
// and a link used before says "already done". Both pages show what will arrive, in the reader's zone.
import type { FastifyInstance } from 'fastify';
import { oneLine } from '../../mail/subject.js';
import { confirmSubscription } from '../../usecases/confirm-subscription.js';
import { findConfirmationTarget, type ConfirmationTarget } from '../../usecases/find-confirmation-target.js';
import { requestedSettings } from '../../usecases/read-requested-settings.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { managePath, readLink, sendGone, sendLinkProblem } from '../signed-links.js';
import { nextDeadlineSchedule } from '../subscriber-schedule.js';

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
    const db = ctx.store.db;
    const target = await findConfirmationTarget(db, claims);
    if (target === null) return sendGone(reply, gone);
    reply.header('cache-control', 'no-store');
    const now = ctx.clock.now();
    const existing = await db.subscription.findUnique({
      where: { subscriberId_issueId_scope: { subscriberId: target.subscriber.id, issueId: target.issue.id, scope: target.scope } },
      select: { id: true },
    });
    if (existing && target.subscriber.confirmedAt !== null) return sendConfirmed(reply, ctx, target, true);
    const asked = (await requestedSettings(db, claims)) ?? { zone: target.subscriber.zone, delivery: target.subscriber.delivery };
    return sendPage(reply, 'confirm', {
      title: 'Confirm your subscription',
      noindex: true,
      ...describe(target),
      delivery: asked.delivery,
      zone: asked.zone,
      schedule: await nextDeadlineSchedule(ctx, { issueId: target.issue.id, deadlineId: target.deadline?.id ?? null }, asked.zone, now),
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
    return sendConfirmed(reply, ctx, confirmed, !confirmed.created);
  });
}

async function sendConfirmed(reply: import('fastify').FastifyReply, ctx: WebContext, target: ConfirmationTarget, already: boolean) {
  const zone = target.subscriber.zone;
  return sendPage(reply, 'confirmed', {
    title: already ? 'Already subscribed' : 'You are subscribed',
    noindex: true,
    already,
    ...describe(target),
    zone,
    delivery: target.subscriber.delivery,
    schedule: await nextDeadlineSchedule(ctx, { issueId: target.issue.id, deadlineId: target.deadline?.id ?? null }, zone, ctx.clock.now()),
    manageUrl: managePath(ctx, target.subscriber),
  });
}
