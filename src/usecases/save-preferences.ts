// Saving the manage page's zone, delivery, weekday and reminders.
import { bookmark, checkChoices } from '../subscriber/choices.js';
import { AppError } from '../errors.js';
import type { Subscriber } from '../store/models.js';
import type { Db, Tx } from '../store/open-store.js';
import { replanSubscriber } from '../store/replan.js';
import { assertZone } from '../time/zone.js';

/**
 * Zone, delivery, weekday and reminders from the manage page. Zone and delivery decide when reminders go
 * out, so what they follow is re-planned; reminder choices are read as each reminder is sent.
 */
export async function savePreferences(db: Db, subscriberId: number, input: { zone: string; delivery: string; weekday?: string; reminders?: readonly string[] }, now: Date): Promise<Subscriber> {
  const zone = assertZone(input.zone, 'zone');
  const choices = checkChoices({ delivery: input.delivery, weekday: input.weekday, reminders: input.reminders });
  const delivery = choices.delivery!;
  return db.$transaction(async (tx) => {
    const subscriber = await requireSubscriberById(tx, subscriberId);
    const weekday = choices.weekday ?? subscriber.weekday;
    const remindersJson = choices.remindersJson === undefined ? subscriber.remindersJson : choices.remindersJson;
    const replan = subscriber.zone !== zone || subscriber.delivery !== delivery;
    if (!replan && subscriber.weekday === weekday && subscriber.remindersJson === remindersJson) return subscriber;
    const updated = await tx.subscriber.update({ where: { id: subscriber.id }, data: { zone, delivery, weekday, remindersJson, ...bookmark(subscriber, { delivery, weekday }, now), updatedAt: now } });
    if (replan) await replanSubscriber(tx, subscriber.id);
    return updated;
  });
}

async function requireSubscriberById(tx: Tx, id: number): Promise<Subscriber> {
  const subscriber = await tx.subscriber.findUnique({ where: { id } });
  if (!subscriber) throw new AppError('not_found', 'this subscription no longer exists', { field: 'subscriber', value: id });
  return subscriber;
}
