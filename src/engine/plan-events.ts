// Events that subscribers hear about (new deadline, extension, resolution, issue note) become one alert
// per follower. An event is claimed with a compare-and-set on fannedOutAt, so two ticks never fan out
// the same event twice; the alert keys would stop a duplicate anyway.
import type { Tx } from '../store/open-store.js';
import { followersOf } from './followers.js';
import { insertAlerts, type NewAlert } from './insert-alerts.js';

export async function planEvents(db: Tx, now: Date, batchSize: number): Promise<number> {
  const events = await db.event.findMany({
    where: { notify: true, fannedOutAt: null },
    orderBy: { id: 'asc' },
    take: batchSize,
    select: { id: true, issueId: true, deadlineId: true, kind: true, at: true },
  });
  let created = 0;
  for (const event of events) {
    const claimed = await db.event.updateMany({ where: { id: event.id, fannedOutAt: null }, data: { fannedOutAt: now } });
    if (claimed.count === 0) continue;
    created += await insertAlerts(db, await eventAlerts(db, event), now);
  }
  return created;
}

/** One alert per follower who was already following when the event happened (read-only). */
export async function eventAlerts(db: Tx, event: { id: number; issueId: number; deadlineId: number | null; kind: string; at: Date }): Promise<NewAlert[]> {
  const followers = await followersOf(db, { issueId: event.issueId, deadlineId: event.deadlineId });
  return (
    followers
      // Someone who subscribes later is not sent the news from before they arrived.
      .filter((follower) => follower.since <= event.at)
      .map((follower) => ({
        key: `e:${follower.subscriberId}:${event.id}`,
        subscriberId: follower.subscriberId,
        deadlineId: event.deadlineId,
        eventId: event.id,
        kind: 'event' as const,
        milestone: event.kind,
        sendAt: event.at,
      }))
  );
}
