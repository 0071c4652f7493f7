// `/manage/<token>`: preferences without an account. The signed link is the key; the form still carries
// a CSRF token, because the page changes state on POST and is open in a browser with cookies.
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod';
import { isAppError } from '../../errors.js';
import { oneLine } from '../../mail/subject.js';
import { loadPreferences, removeSubscription, savePreferences, unsubscribeAll, type SubscriptionWithTarget } from '../../usecases/public-subscribe.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { readLink, sendGone, sendLinkProblem } from '../signed-links.js';

type Params = { Params: { token: string } };

const formSchema = z.object({
  zone: z.string().max(200).default(''),
  delivery: z.string().max(50).default('immediate'),
  action: z.enum(['save', 'unsubscribe-all']).default('save'),
  remove: z.string().regex(/^\d{1,15}$/, 'must be a subscription id').optional(),
});

const gone = 'This address is no longer subscribed to anything here.';

export function subscriptionLabel(s: SubscriptionWithTarget): { label: string; href: string } {
  const issue = oneLine(s.issue.title);
  if (s.deadline === null) return { label: issue, href: `/issues/${s.issue.slug}` };
  return { label: `${oneLine(s.deadline.title)} (${issue})`, href: `/issues/${s.issue.slug}#deadline-${s.deadline.id}` };
}

async function sendManagePage(
  reply: FastifyReply,
  ctx: WebContext,
  subscriberId: number,
  token: string,
  extra: { notice?: string; error?: string; zone?: string; delivery?: string } = {},
  status = 200,
): Promise<FastifyReply> {
  const prefs = await loadPreferences(ctx.store.db, subscriberId);
  if (prefs === null) return sendGone(reply, gone);
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    'manage',
    {
      title: 'Your subscriptions',
      noindex: true,
      email: prefs.subscriber.email,
      confirmed: prefs.subscriber.confirmedAt !== null,
      zone: extra.zone ?? prefs.subscriber.zone,
      delivery: extra.delivery ?? prefs.subscriber.delivery,
      subscriptions: prefs.subscriptions.map((s) => ({ id: s.id, ...subscriptionLabel(s) })),
      notice: extra.notice ?? null,
      error: extra.error ?? null,
      token,
      csrf: reply.generateCsrf(),
    },
    status,
  );
}

export function registerManage(app: FastifyInstance, ctx: WebContext): void {
  app.get<Params>('/manage/:token', async (request, reply) => {
    const claims = readLink(ctx, 'manage', request.params.token);
    if ('problem' in claims) return sendLinkProblem(reply, 'manage', claims.problem);
    return sendManagePage(reply, ctx, claims.subscriberId, request.params.token);
  });

  app.post<Params>('/manage/:token', { config: rateLimitConfig(ctx.options.linkLimit), preValidation: csrfCheck(app) }, async (request, reply) => {
    const claims = readLink(ctx, 'manage', request.params.token);
    if ('problem' in claims) return sendLinkProblem(reply, 'manage', claims.problem);
    const token = request.params.token;
    const form = formSchema.parse(request.body ?? {});
    const db = ctx.store.db;
    if (form.remove !== undefined) {
      const removed = await removeSubscription(db, claims.subscriberId, Number(form.remove));
      const notice = removed ? `Unsubscribed from ${subscriptionLabel(removed).label}.` : 'That subscription was already gone.';
      return sendManagePage(reply, ctx, claims.subscriberId, token, { notice });
    }
    if (form.action === 'unsubscribe-all') {
      const prefs = await loadPreferences(db, claims.subscriberId);
      if (prefs === null) return sendGone(reply, gone);
      await unsubscribeAll(db, claims.subscriberId);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'unsubscribed', { title: 'You are unsubscribed', noindex: true, email: prefs.subscriber.email });
    }
    try {
      await savePreferences(db, claims.subscriberId, form, ctx.clock.now());
    } catch (error) {
      if (isAppError(error) && error.code === 'validation') {
        return sendManagePage(reply, ctx, claims.subscriberId, token, { error: error.message, zone: form.zone, delivery: form.delivery }, 400);
      }
      if (isAppError(error) && error.code === 'not_found') return sendGone(reply, gone);
      throw error;
    }
    return sendManagePage(reply, ctx, claims.subscriberId, token, { notice: 'Your preferences are saved.' });
  });
}
