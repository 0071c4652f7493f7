// Leaving one subscription from the manage page.
import type { Db } from '../store/open-store.js';
import { replanDeadlines, replanIssue } from '../store/replan.js';
import { withTarget, type SubscriptionWithTarget } from './subscription-target.js';

/** One subscription, from the manage page. Returns what was removed, or null if it was already gone. */
export async function removeSubscription(db: Db, subscriberId: number, subscriptionId: number): Promise<SubscriptionWithTarget | null> {
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findFirst({ where: { id: subscriptionId, subscriberId }, include: withTarget });
    if (!subscription) return null;
    await tx.subscription.delete({ where: { id: subscription.id } });
    // Re-plan what it covered, so reminders no longer owed are retired by the next tick.
    if (subscription.deadlineId === null) await replanIssue(tx, subscription.issueId);
    else await replanDeadlines(tx, [subscription.deadlineId]);
    return subscription;
  });
}
