// `/manage/<token>`: preferences without an account. The signed link is the key (bound to the row's link
// key, src/tokens.ts); the form still carries a CSRF token, because the page changes state on POST and
// is open in a browser with cookies. Each followed item shows its next email, from the engine's preview.
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod';
import { isAppError } from '../../errors.js';
import { previewAlerts } from '../../engine/preview-alerts.js';
import type { Subscriber } from '../../store/models.js';
import { labelFor } from '../../alerts/plan-reminders.js';
import { nextDigestAt, rhythmOf } from '../../alerts/digest-schedule.js';
import { oneLine } from '../../mail/subject.js';
import { isOpenStatus } from '../../domain/vocabulary.js';
import { clockTime } from '../../time/due-block.js';
import { loadPreferences } from '../../usecases/load-preferences.js';
import { removeSubscription } from '../../usecases/remove-subscription.js';
import { savePreferences } from '../../usecases/save-preferences.js';
import type { SubscriptionWithTarget } from '../../usecases/subscription-target.js';
import { unsubscribeAll } from '../../usecases/unsubscribe-all.js';
import { rotateLinkKey } from '../../usecases/link-keys.js';
import { findZone } from '../../time/find-zone.js';
import type { WebContext } from '../context.js';
import { reminderNames, weekdayNames, weekdays, type ReminderName } from '../../domain/vocabulary.js';
import { reminderList } from '../../subscriber/choices.js';
import { sendPage } from '../render-page.js';
import { csrfCheck, rateLimitConfig } from '../security.js';
import { feedPath, managePath, readSubscriberLink, sendLinkProblem } from '../signed-links.js';

type Params = { Params: { token: string } };

const reminderLabels: Record<ReminderName, string> = { '7d': '7 days before', '1d': '1 day before', due: 'On the due day', overdue: 'When it passes with no answer recorded' };

const formSchema = z.object({
  zone: z.string().max(200).default(''),
  delivery: z.string().max(50).default('immediate'),
  weekday: z.string().max(20).optional(),
  // One value per ticked box (a lone box arrives as a string); absent with remindersShown = none ticked.
  reminders: z.union([z.string().max(20), z.array(z.string().max(20)).max(10)]).optional(),
  remindersShown: z.string().max(5).optional(),
  action: z.enum(['save', 'unsubscribe-all', 'new-links']).default('save'),
  remove: z.string().regex(/^\d{1,15}$/, 'must be a subscription id').optional(),
});

/** How far ahead the page looks for next sends. */
const lookAheadMs = 400 * 86_400_000;

export function subscriptionLabel(s: SubscriptionWithTarget): { label: string; href: string } {
  const issue = oneLine(s.issue.title);
  if (s.deadline === null) return { label: issue, href: `/issues/${s.issue.slug}` };
  return { label: `${oneLine(s.deadline.title)} (${issue})`, href: `/issues/${s.issue.slug}#deadline-${s.deadline.id}` };
}

function milestoneText(kind: string, milestone: string): string {
  if (kind === 'reminder') {
    try {
      return labelFor(milestone);
    } catch {
      return 'Reminder';
    }
  }
  return kind === 'digest' ? 'Digest' : 'Update';
}

async function sendManagePage(
  reply: FastifyReply,
  ctx: WebContext,
  subscriber: Subscriber,
  token: string,
  extra: { notice?: string; error?: string; zone?: string; delivery?: string; weekday?: string; reminders?: readonly string[] } = {},
  status = 200,
): Promise<FastifyReply> {
  const prefs = await loadPreferences(ctx.store.db, subscriber.id);
  if (prefs === null) return sendLinkProblem(reply, 'manage', 'gone');
  const now = ctx.clock.now();
  const zone = prefs.subscriber.zone;
  // The engine's own preview, so the page says exactly what the scheduler will do.
  const preview = (await previewAlerts(ctx.store.db, { from: now, to: new Date(now.getTime() + lookAheadMs) }, ctx.settings)).filter(
    (item) => item.email === prefs.subscriber.email,
  );
  const nextFor = (deadlineId: number) => {
    const item = preview.find((p) => p.deadlineId === deadlineId);
    if (!item) return null;
    // A digest reader gets it in the first digest at or after its moment: that is the email to name.
    const rhythm = rhythmOf(prefs.subscriber, { morningHour: ctx.settings.policy.morningHour });
    const what = milestoneText(item.kind, item.milestone);
    if (rhythm === null || item.kind === 'digest') return { when: clockTime(item.sendAt, zone, now), what };
    const digestAt = nextDigestAt({ ...rhythm, after: new Date(item.sendAt.getTime() - 1) });
    return { when: clockTime(digestAt, zone, now), what: `${what}, in your ${prefs.subscriber.delivery} digest` };
  };
  const openDeadlines = await ctx.store.db.deadline.findMany({
    where: { issueId: { in: prefs.subscriptions.map((s) => s.issueId) } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    select: { id: true, issueId: true, title: true, status: true },
  });
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    'manage',
    {
      title: 'Your subscriptions',
      noindex: true,
      email: prefs.subscriber.email,
      confirmed: prefs.subscriber.confirmedAt !== null,
      zone: extra.zone ?? zone,
      delivery: extra.delivery ?? prefs.subscriber.delivery,
      weekday: extra.weekday ?? prefs.subscriber.weekday,
      weekdays: weekdays.map((value) => ({ value, label: weekdayNames[value] })),
      reminders: reminderNames.map((value) => ({ value, label: reminderLabels[value], checked: (extra.reminders ?? reminderList(prefs.subscriber.remindersJson)).includes(value) })),
      subscriptions: prefs.subscriptions.map((s) => {
        const deadlines = (s.deadline === null ? openDeadlines.filter((d) => d.issueId === s.issueId) : openDeadlines.filter((d) => d.id === s.deadline!.id)).filter((d) =>
          isOpenStatus(d.status),
        );
        return { id: s.id, ...subscriptionLabel(s), deadlines: deadlines.map((d) => ({ id: d.id, title: oneLine(d.title), next: nextFor(d.id) })) };
      }),
      feedUrl: `${ctx.baseUrl}${feedPath(ctx, prefs.subscriber)}`,
      webcalUrl: `${ctx.baseUrl}${feedPath(ctx, prefs.subscriber)}`.replace(/^https?:/, 'webcal:'),
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
    const link = await readSubscriberLink(ctx, 'manage', request.params.token);
    if ('problem' in link) return sendLinkProblem(reply, 'manage', link.problem);
    return sendManagePage(reply, ctx, link.subscriber, request.params.token);
  });

  app.post<Params>('/manage/:token', { config: rateLimitConfig(ctx.options.linkLimit), preValidation: csrfCheck(app) }, async (request, reply) => {
    const link = await readSubscriberLink(ctx, 'manage', request.params.token);
    if ('problem' in link) return sendLinkProblem(reply, 'manage', link.problem);
    const { subscriber } = link;
    const token = request.params.token;
    const form = formSchema.parse(request.body ?? {});
    const db = ctx.store.db;
    if (form.remove !== undefined) {
      const removed = await removeSubscription(db, subscriber.id, Number(form.remove));
      const notice = removed ? `Unsubscribed from ${subscriptionLabel(removed).label}.` : 'Already done: that subscription was gone.';
      return sendManagePage(reply, ctx, subscriber, token, { notice });
    }
    if (form.action === 'unsubscribe-all') {
      const { removed } = await unsubscribeAll(db, subscriber.id);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 'unsubscribed', { title: 'You are unsubscribed', noindex: true, email: subscriber.email, already: removed === 0 });
    }
    if (form.action === 'new-links') {
      // Revokes this page's link too: answer with the new one.
      const rotated = await rotateLinkKey(db, subscriber.id, ctx.clock.now());
      const next = managePath(ctx, rotated);
      return sendManagePage(reply, ctx, rotated, next.slice('/manage/'.length), {
        notice: 'New links made: the old calendar address and the old address of this page no longer work. Bookmark this page again.',
      });
    }
    // The same zone finder as the subscribe form: "tokyo" or "Japan" is taken as Asia/Tokyo.
    const found = findZone(form.zone);
    const zone = found.kind === 'found' ? found.zone : form.zone;
    const reminders = form.remindersShown === undefined ? undefined : form.reminders === undefined ? [] : [form.reminders].flat();
    try {
      await savePreferences(db, subscriber.id, { zone, delivery: form.delivery, weekday: form.weekday, reminders }, ctx.clock.now());
    } catch (error) {
      if (isAppError(error) && error.code === 'validation') {
        return sendManagePage(reply, ctx, subscriber, token, { error: error.message, zone: form.zone, delivery: form.delivery, weekday: form.weekday, reminders }, 400);
      }
      if (isAppError(error) && error.code === 'not_found') return sendLinkProblem(reply, 'manage', 'gone');
      throw error;
    }
    return sendManagePage(reply, ctx, subscriber, token, { notice: 'Your preferences are saved. They apply to every reminder not yet sent.' });
  });
}
