// Welcome alerts: written when a person confirms a subscription (src/usecases/confirm-subscription.ts) and
// sent at once whatever their delivery mode. Read here at send time, so the email shows the issue as it
// stands then, and says nothing if the person has left again in between.
import type { ReminderPolicy } from '../alerts/reminder-policy.js';
import type { RenderContext, RenderedEmail } from '../mail/email-parts.js';
import { renderWelcome } from '../mail/render-welcome.js';
import type { Tx } from '../store/open-store.js';
import { reminderSchedule } from '../subscriber/schedule.js';
import { choicesFromStore } from '../alerts/reminder-choices.js';
import { isOpenStatus } from '../domain/vocabulary.js';
import { parseList } from '../usecases/json-views.js';
import { deadlineView, issueView } from './alert-views.js';
import { parseConfirmScope } from './confirm-alerts.js';

export async function loadWelcomeEmail(
  db: Tx,
  alert: { key: string; milestone: string; subscriberId: number },
  ctx: RenderContext & { policy: ReminderPolicy },
): Promise<{ to: string; email: RenderedEmail } | { skip: string }> {
  const scope = parseConfirmScope(alert.milestone.startsWith('welcome:') ? alert.milestone.slice('welcome:'.length) : undefined);
  if (scope === null) return { skip: `not a welcome milestone: ${alert.milestone}` };
  const subscriber = await db.subscriber.findUnique({
    where: { id: alert.subscriberId },
    select: { id: true, email: true, zone: true, delivery: true, weekday: true, confirmedAt: true, linkKey: true, remindersJson: true },
  });
  if (!subscriber) return { skip: 'subscriber is gone' };
  if (subscriber.confirmedAt === null) return { skip: 'subscriber is not confirmed' };
  const subscription = await db.subscription.findFirst({
    where: { subscriberId: subscriber.id, ...(scope.kind === 'issue' ? { issueId: scope.id, scope: 'issue' } : { deadlineId: scope.id }) },
    include: { issue: true },
  });
  if (!subscription) return { skip: 'no longer follows this' };

  const deadlines = await db.deadline.findMany({
    where: scope.kind === 'issue' ? { issueId: subscription.issueId } : { id: scope.id },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  const open = deadlines.filter((d) => isOpenStatus(d.status));
  // The next one to come first; open deadlines already past (overdue, no answer) after those.
  const upcoming = [...open.filter((d) => d.dueAt >= ctx.now), ...open.filter((d) => d.dueAt < ctx.now)];
  const next = upcoming[0];
  const views = upcoming.map(deadlineView);
  const schedule =
    next === undefined
      ? []
      : reminderSchedule(
          {
            due: views[0]!.due,
            issueOffsets: subscription.issue.offsetsJson === null ? null : parseList(subscription.issue.offsetsJson),
            deadlineOffsets: next.offsetsJson === null ? null : parseList(next.offsetsJson),
          },
          subscriber.zone,
          ctx.policy,
          ctx.now,
          choicesFromStore(subscriber.remindersJson),
        );
  const email = renderWelcome(
    {
      alertKey: alert.key,
      subscriber,
      issue: issueView(subscription.issue),
      deadline: scope.kind === 'deadline' ? (deadlines[0] === undefined ? null : deadlineView(deadlines[0])) : null,
      open: views,
      settled: deadlines.length - open.length,
      schedule,
    },
    ctx,
  );
  return { to: subscriber.email, email };
}
