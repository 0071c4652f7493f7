// `docket subscriber list`: everyone, with what they follow.
import type { Subscriber, Subscription, TrackedIssue } from '../store/models.js';
import type { Tx } from '../store/open-store.js';

export type SubscriberWithSubscriptions = Subscriber & { subscriptions: Array<Subscription & { issue: TrackedIssue }> };

export async function listSubscribers(db: Tx): Promise<SubscriberWithSubscriptions[]> {
  return db.subscriber.findMany({
    // Channels follow through subscriber rows of their own; `docket channel list` shows them.
    where: { kind: 'email' },
    orderBy: { email: 'asc' },
    include: { subscriptions: { include: { issue: true }, orderBy: { id: 'asc' } } },
  });
}
