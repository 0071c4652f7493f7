// Who follows a deadline: confirmed subscribers of its issue, or of that one deadline.
import type { Tx } from '../store/open-store.js';

export interface Follower {
  subscriberId: number;
  zone: string;
  delivery: string;
  /** When they started following (the earliest of their matching subscriptions). */
  since: Date;
}

export async function followersOf(tx: Tx, target: { issueId: number; deadlineId: number | null }): Promise<Follower[]> {
  const subscriptions = await tx.subscription.findMany({
    where: following(target),
    select: { createdAt: true, subscriber: { select: { id: true, zone: true, delivery: true } } },
  });
  const bySubscriber = new Map<number, Follower>();
  for (const { createdAt, subscriber } of subscriptions) {
    const current = bySubscriber.get(subscriber.id);
    if (!current || createdAt < current.since) {
      bySubscriber.set(subscriber.id, { subscriberId: subscriber.id, zone: subscriber.zone, delivery: subscriber.delivery, since: createdAt });
    }
  }
  return [...bySubscriber.values()];
}

/** The same test as `following`, over subscriptions already loaded (the sender loads a batch's at once). */
export function followsAmong(subscriptions: ReadonlyArray<{ issueId: number; deadlineId: number | null }>, target: { issueId: number; deadlineId: number | null }): boolean {
  return subscriptions.some((s) => s.issueId === target.issueId && (s.deadlineId === null || (target.deadlineId !== null && s.deadlineId === target.deadlineId)));
}

/** Confirmed subscriptions to the issue as a whole, or to this one deadline of it. */
function following(target: { issueId: number; deadlineId: number | null }) {
  return {
    issueId: target.issueId,
    OR: target.deadlineId === null ? [{ deadlineId: null }] : [{ deadlineId: null }, { deadlineId: target.deadlineId }],
    subscriber: { confirmedAt: { not: null } },
  };
}
