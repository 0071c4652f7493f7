// Daily-digest subscribers get their alerts bundled: at their morning hour, everything that came due
// for them up to that morning goes into one digest alert, and the items are marked `digested` in the
// same transaction (so an item is in exactly one digest, and nothing falls between two).
import { digestWindow } from '../alerts/digest-schedule.js';
import type { Db } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';
import { insertAlerts } from './insert-alerts.js';

export function digestKey(subscriberId: number, windowTo: Date): string {
  return `d:${subscriberId}:${windowTo.getTime()}`;
}

export async function makeDigests(db: Db, now: Date, settings: EngineSettings): Promise<number> {
  const waiting = await db.alert.findMany({
    where: { status: 'scheduled', kind: { not: 'digest' }, sendAt: { lte: now }, subscriber: { delivery: 'daily' } },
    select: { subscriberId: true },
    distinct: ['subscriberId'],
    take: settings.batchSize,
  });
  let made = 0;
  for (const { subscriberId } of waiting) {
    const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { zone: true, lastDigestAt: true } });
    if (!subscriber) continue;
    const window = digestWindow({ zone: subscriber.zone, morningHour: settings.policy.morningHour, at: now });
    if (subscriber.lastDigestAt && subscriber.lastDigestAt >= window.to) continue; // this morning's is done
    const key = digestKey(subscriberId, window.to);
    const done = await db.$transaction(async (tx) => {
      const items = await tx.alert.findMany({
        where: { subscriberId, status: 'scheduled', kind: { not: 'digest' }, sendAt: { lte: window.to } },
        select: { id: true },
      });
      if (items.length === 0) return false;
      const created = await insertAlerts(tx, [{ key, subscriberId, deadlineId: null, eventId: null, kind: 'digest', milestone: 'digest', sendAt: window.to }], now);
      if (created === 0) return false; // another instance made it
      await tx.alert.updateMany({ where: { id: { in: items.map((item) => item.id) }, status: 'scheduled' }, data: { status: 'digested', digestKey: key, updatedAt: now } });
      await tx.subscriber.update({ where: { id: subscriberId }, data: { lastDigestAt: window.to } });
      return true;
    });
    if (done) made += 1;
  }
  return made;
}
