// Digest subscribers get their alerts bundled: at their morning hour (every day for `daily`, on their
// weekday for `weekly`), everything that came due for them up to then goes into one digest alert, and the items are marked `digested` in the
// same transaction (so an item is in exactly one digest, and nothing falls between two).
import { digestWindow, rhythmOf } from '../alerts/digest-schedule.js';
import { digestDeliveries } from '../domain/vocabulary.js';
import type { Db } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';
import { insertAlerts } from './insert-alerts.js';
import { ownTimeKinds } from './alert-kinds.js';
import { choicesFromStore, reminderChosen, turnedOff } from '../alerts/reminder-choices.js';

export function digestKey(subscriberId: number, windowTo: Date): string {
  return `d:${subscriberId}:${windowTo.getTime()}`;
}

export async function makeDigests(db: Db, now: Date, settings: EngineSettings, previousTick: Date | null = null): Promise<number> {
  let made = 0;
  // Page through the waiting subscribers by id. A subscriber whose digest for this morning is done can
  // still hold items that came due since (they wait for the next one); re-reading only the first page
  // would let a batch of those keep everyone after them from today's digest.
  for (let after = 0; ; ) {
    const waiting = await db.alert.findMany({
      where: { status: 'scheduled', kind: { notIn: [...ownTimeKinds] }, sendAt: { lte: now }, subscriber: { delivery: { in: [...digestDeliveries] } }, subscriberId: { gt: after } },
      select: { subscriberId: true },
      distinct: ['subscriberId'],
      orderBy: { subscriberId: 'asc' },
      take: settings.batchSize,
    });
    for (const { subscriberId } of waiting) {
      if (await digestFor(db, subscriberId, now, settings, previousTick)) made += 1;
    }
    if (waiting.length < settings.batchSize) return made;
    after = waiting.at(-1)!.subscriberId;
  }
}

/** Makes the latest digest for one subscriber, unless it is made already or there is nothing for it. */
async function digestFor(db: Db, subscriberId: number, now: Date, settings: EngineSettings, previousTick: Date | null): Promise<boolean> {
  const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { zone: true, delivery: true, weekday: true, lastDigestAt: true, remindersJson: true } });
  const rhythm = subscriber && rhythmOf(subscriber, { morningHour: settings.policy.morningHour });
  if (!subscriber || !rhythm) return false;
  const window = digestWindow({ ...rhythm, at: now });
  // The latest is done, or its slot came before the subscriber chose this rhythm (it waits for the next).
  if (subscriber.lastDigestAt && subscriber.lastDigestAt >= window.to) return false;
  const key = digestKey(subscriberId, window.to);
  return db.$transaction(async (tx) => {
    const items = await tx.alert.findMany({
      where: { subscriberId, status: 'scheduled', kind: { notIn: [...ownTimeKinds] }, sendAt: { lte: window.to } },
      select: { id: true, kind: true, milestone: true },
    });
    // Reminders the subscriber has turned off by now are dropped here, not carried in a digest.
    const chosen = choicesFromStore(subscriber.remindersJson);
    const dropped = items.filter((item) => item.kind === 'reminder' && !reminderChosen(chosen, item.milestone));
    if (dropped.length > 0) {
      await tx.alert.updateMany({ where: { id: { in: dropped.map((item) => item.id) }, status: 'scheduled' }, data: { status: 'skipped', lastError: turnedOff, updatedAt: now } });
    }
    const kept = items.filter((item) => !dropped.includes(item));
    if (kept.length === 0) return false;
    // The digest is late only when Docket missed its own slot (no tick between the slot and now).
    const late = now.getTime() - window.to.getTime() > settings.lateAfterMs && (previousTick === null || previousTick < window.to);
    const created = await insertAlerts(tx, [{ key, subscriberId, deadlineId: null, eventId: null, kind: 'digest', milestone: 'digest', sendAt: window.to, lateSince: late ? window.to : null }], now);
    if (created === 0) return false; // another instance made it
    await tx.alert.updateMany({ where: { id: { in: kept.map((item) => item.id) }, status: 'scheduled' }, data: { status: 'digested', digestKey: key, updatedAt: now } });
    await tx.subscriber.update({ where: { id: subscriberId }, data: { lastDigestAt: window.to } });
    return true;
  });
}
