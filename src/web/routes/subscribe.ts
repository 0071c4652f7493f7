// Subscribe form POST: double opt-in. Only a confirmation email is queued; the answer is the same "check
// your inbox" page whether the address is new, unconfirmed, already subscribed or over its daily limit,
// so the form cannot be used to learn who follows what. Input mistakes re-show the form with the message.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { isAppError, notFound } from '../../errors.js';
import { oneLine } from '../../mail/subject.js';
import { requestSubscription } from '../../usecases/public-subscribe.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { issueSnapshot } from '../snapshots.js';
import { sendIssuePage } from './issue-page.js';

const formSchema = z.object({
  email: z.string().max(1000).default(''),
  zone: z.string().max(200).default(''),
  delivery: z.string().max(50).default('immediate'),
  scope: z.string().max(50).default('issue'),
});

const formFields = new Set(['email', 'zone', 'delivery', 'scope']);

export function registerSubscribe(app: FastifyInstance, ctx: WebContext): void {
  app.post<{ Params: { slug: string } }>(
    '/issues/:slug/subscribe',
    { config: rateLimitConfig(ctx.options.subscribeLimit), preValidation: csrfCheck(app) },
    async (request, reply) => {
      const snapshot = await issueSnapshot(ctx, request.params.slug);
      if (snapshot === null) throw notFound('issue', request.params.slug);
      const form = formSchema.parse(request.body ?? {});
      let outcome;
      try {
        outcome = await requestSubscription(
          ctx.store.db,
          { ...form, issue: snapshot.value.issue.slug },
          { now: ctx.clock.now(), perAddress: ctx.options.confirmationsPerAddress },
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'validation' && error.field !== undefined && formFields.has(error.field)) {
          const state = { ...form, zoneAutofill: false, error: error.message };
          return sendIssuePage(reply, ctx, snapshot.value, state, 400);
        }
        throw error;
      }
      request.log.info({ issue: snapshot.value.issue.slug, queued: outcome.queued, reason: outcome.queued ? undefined : outcome.reason }, 'subscription requested');
      if (outcome.queued) ctx.wakeScheduler();
      const deadline = snapshot.value.deadlines.find((d) => `deadline:${d.id}` === form.scope);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'check-inbox', {
        title: 'Check your inbox',
        noindex: true,
        email: form.email.trim().toLowerCase(),
        what: oneLine(deadline ? deadline.title : snapshot.value.issue.title),
        slug: snapshot.value.issue.slug,
      });
    },
  );
}
