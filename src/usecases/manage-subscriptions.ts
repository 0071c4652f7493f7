// `docket subscribe` / `unsubscribe`: a subscriber follows a whole issue (scope "issue") or one of its
// deadlines (scope "deadline:<id>"). Both are idempotent, so scripts can re-run them: the second
// subscribe reports "already subscribed" and the second unsubscribe "was not subscribed".
import { invalid } from '../errors.js';
import type { Subscriber, Subscription, TrackedIssue } from '../store/models.js';
import { replanDeadlines, replanIssue } from '../store/replan.js';
import type { Tx } from '../store/open-store.js';
import { isUniqueViolation } from './check-input.js';
import { requireDeadline, requireIssue, requireSubscriber } from './find-records.js';
import type { WriteContext } from './write-context.js';
import { requireChannel } from '../channels/manage-channels.js';

export interface SubscriptionInput {
  /** A subscriber's address, or … */
  email?: string;
  /** … a channel's name (its follower row subscribes). */
  channel?: string;
  /** The issue's slug. */
  issue: string;
  /** One deadline of that issue instead of the whole issue. */
  deadline?: string | number;
}

export interface SubscriptionTarget {
  subscriber: Subscriber;
  issue: TrackedIssue;
  deadlineId: number | null;
  scope: string;
}

export async function subscribe(ctx: WriteContext, input: SubscriptionInput): Promise<SubscriptionTarget & { subscription: Subscription; created: boolean }> {
  const attempt = () =>
    ctx.db.$transaction(async (tx) => {
      const target = await findTarget(tx, input);
      const key = { subscriberId: target.subscriber.id, issueId: target.issue.id, scope: target.scope };
      const existing = await tx.subscription.findUnique({ where: { subscriberId_issueId_scope: key } });
      if (existing) return { ...target, subscription: existing, created: false };
      const subscription = await tx.subscription.create({ data: { ...key, deadlineId: target.deadlineId, createdAt: ctx.now } });
      await replanTarget(tx, target);
      return { ...target, subscription, created: true };
    });
  try {
    return await attempt();
  } catch (error) {
    // Someone subscribed the same address at the same moment: theirs stands, and so the answer is "already".
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export async function unsubscribe(ctx: WriteContext, input: SubscriptionInput): Promise<SubscriptionTarget & { removed: boolean }> {
  return ctx.db.$transaction(async (tx) => {
    const target = await findTarget(tx, input);
    const removed = await tx.subscription.deleteMany({ where: { subscriberId: target.subscriber.id, issueId: target.issue.id, scope: target.scope } });
    // Re-plan what the subscription covered, so the engine drops reminders no longer owed.
    if (removed.count > 0) await replanTarget(tx, target);
    return { ...target, removed: removed.count > 0 };
  });
}

async function findTarget(tx: Tx, input: SubscriptionInput): Promise<SubscriptionTarget> {
  const subscriber = input.channel !== undefined ? await channelFollower(tx, input.channel) : await requireSubscriber(tx, input.email ?? '');
  const issue = await requireIssue(tx, input.issue, 'issueSlug');
  if (input.deadline === undefined) return { subscriber, issue, deadlineId: null, scope: 'issue' };
  const deadline = await requireDeadline(tx, input.deadline, 'deadline');
  if (deadline.issueId !== issue.id) {
    throw invalid('deadline', input.deadline, `belongs to issue "${deadline.issue.slug}", not "${issue.slug}"`);
  }
  return { subscriber, issue, deadlineId: deadline.id, scope: `deadline:${deadline.id}` };
}

async function channelFollower(tx: Tx, name: string): Promise<Subscriber> {
  const channel = await requireChannel(tx, name, 'channel');
  return tx.subscriber.findUniqueOrThrow({ where: { id: channel.subscriberId } });
}

async function replanTarget(tx: Tx, target: SubscriptionTarget): Promise<void> {
  if (target.deadlineId === null) await replanIssue(tx, target.issue.id);
  else await replanDeadlines(tx, [target.deadlineId]);
}
