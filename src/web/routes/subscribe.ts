// Subscribe form POST: double opt-in. Only a confirmation email is queued; the answer is the same "check
// your inbox" page whether the address is new, unconfirmed, already subscribed or over its daily limit,
// so the form cannot be used to learn who follows what. Mistakes re-show the form with every problem
// listed at its top (linked to the fields, focused), and the zone field resolves city and country names.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { isAppError, notFound } from '../../errors.js';
import { oneLine } from '../../mail/subject.js';
import { isOpenStatus } from '../../domain/vocabulary.js';
import { requestSubscription } from '../../usecases/request-subscription.js';
import type { WebContext } from '../context.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { issueSnapshot } from '../snapshots.js';
import { checkSubscribeForm } from '../subscribe-form.js';
import { nextDeadlineSchedule } from '../subscriber-schedule.js';
import { sendIssuePage } from './issue-page.js';

const formSchema = z.object({
  email: z.string().max(1000).default(''),
  zone: z.string().max(200).default(''),
  zonePick: z.string().max(200).optional(),
  delivery: z.string().max(50).default('immediate'),
  scope: z.string().max(50).default('issue'),
});

export function registerSubscribe(app: FastifyInstance, ctx: WebContext): void {
  app.post<{ Params: { slug: string } }>(
    '/issues/:slug/subscribe',
    { config: rateLimitConfig(ctx.options.subscribeLimit), preValidation: csrfCheck(app) },
    async (request, reply) => {
      const snapshot = await issueSnapshot(ctx, request.params.slug);
      if (snapshot === null) throw notFound('issue', request.params.slug);
      const form = formSchema.parse(request.body ?? {});
      const { issue, deadlines } = snapshot.value;
      const scopes = ['issue', ...deadlines.filter((d) => isOpenStatus(d.status)).map((d) => `deadline:${d.id}`)];
      const checked = checkSubscribeForm(form, scopes);
      const reshow = (errors = checked.errors) =>
        sendIssuePage(reply, ctx, snapshot.value, { ...checked.value, zoneAutofill: false, errors, zoneChoices: checked.zoneChoices }, 400);
      if (checked.errors.length > 0) return reshow();
      const now = ctx.clock.now();
      let outcome;
      try {
        outcome = await requestSubscription(
          ctx.store.db,
          { ...checked.value, issue: issue.slug },
          { now, perAddress: ctx.options.confirmationsPerAddress },
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'validation' && error.field !== undefined) {
          const field = (['email', 'zone', 'delivery', 'scope'] as const).find((f) => f === error.field);
          if (field) return reshow([{ field, target: field === 'email' || field === 'zone' ? `subscribe-${field}` : field === 'delivery' ? 'delivery-immediate' : 'scope-issue', label: field, message: error.message }]);
        }
        throw error;
      }
      request.log.info({ issue: issue.slug, queued: outcome.queued, reason: outcome.queued ? undefined : outcome.reason }, 'subscription requested');
      if (outcome.queued) ctx.wakeScheduler();
      const deadline = deadlines.find((d) => `deadline:${d.id}` === checked.value.scope);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'check-inbox', {
        title: 'Check your inbox',
        noindex: true,
        email: checked.value.email,
        zone: checked.value.zone,
        delivery: checked.value.delivery,
        what: oneLine(deadline ? deadline.title : issue.title),
        slug: issue.slug,
        schedule: await nextDeadlineSchedule(ctx, { issueId: issue.id, deadlineId: deadline?.id ?? null }, checked.value.zone, now),
      });
    },
  );
}
