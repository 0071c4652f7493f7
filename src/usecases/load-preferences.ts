// The manage page's view of a subscriber: their settings and every subscription with what it follows.
import type { Subscriber } from '../store/models.js';
import type { Tx } from '../store/open-store.js';
import { withTarget, type SubscriptionWithTarget } from './subscription-target.js';

export async function loadPreferences(db: Tx, subscriberId: number): Promise<{ subscriber: Subscriber; subscriptions: SubscriptionWithTarget[] } | null> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: { subscriptions: { include: withTarget, orderBy: [{ issueId: 'asc' }, { scope: 'asc' }] } },
  });
  if (!subscriber) return null;
  const { subscriptions, ...rest } = subscriber;
  return { subscriber: rest, subscriptions };
}
