// `docket subscriber add | update | remove`. An admin adding someone vouches for the address, so the
// subscriber is confirmed at once (people who sign up on the web confirm by email instead). Zone and
// delivery decide when reminders go out, so changing them re-plans what the subscriber follows; which
// reminders they chose is read when each is sent.
import { AppError, checkOneOf } from '../errors.js';
import type { Subscriber } from '../store/models.js';
import { replanSubscriber } from '../store/replan.js';
import { assertZone } from '../time/zone.js';
import { deliveries } from '../domain/vocabulary.js';
import { bookmark, checkChoices, reminderList } from '../subscriber/choices.js';
import { checkEmail, conflict, isUniqueViolation } from './check-input.js';
import { requireSubscriber } from './find-records.js';
import { diffFields } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface SubscriberInput {
  email: string;
  /** IANA zone the subscriber's reminders are timed in; default the installation's. */
  zone?: string;
  delivery?: string;
  /** Weekly digests: mon … sun (default mon). */
  weekday?: string;
  /** Which reminders: '7d,1d,due,overdue' (any of them), 'all' or 'none'; default all. */
  reminders?: string;
}


export async function addSubscriber(ctx: WriteContext, input: SubscriberInput, options: { defaultZone: string }): Promise<Subscriber> {
  const email = checkEmail(input.email);
  const zone = assertZone(input.zone ?? options.defaultZone, 'zone');
  const delivery = checkOneOf(input.delivery ?? 'immediate', deliveries, 'delivery');
  const choices = checkChoices({ weekday: input.weekday, reminders: input.reminders });
  const duplicate = () => conflict(`subscriber "${email}" already exists (change it with \`docket subscriber update ${email}\`)`, 'email', email);
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (await tx.subscriber.findUnique({ where: { email }, select: { id: true } })) throw duplicate();
      return tx.subscriber.create({ data: { email, zone, delivery, ...choices, confirmedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export interface SubscriberChanges {
  zone?: string;
  delivery?: string;
  weekday?: string;
  reminders?: string;
  /** Confirm someone who signed up on the web but never clicked the link. */
  confirm?: boolean;
}

export async function updateSubscriber(
  ctx: WriteContext,
  email: string,
  input: SubscriberChanges,
): Promise<{ subscriber: Subscriber; changes: Record<string, { from: unknown; to: unknown }> }> {
  const wanted: Record<string, unknown> = {};
  if (input.zone !== undefined) wanted.zone = assertZone(input.zone, 'zone');
  const choices = checkChoices({ delivery: input.delivery, weekday: input.weekday, reminders: input.reminders });
  if (choices.delivery !== undefined) wanted.delivery = choices.delivery;
  if (choices.weekday !== undefined) wanted.weekday = choices.weekday;
  if (choices.remindersJson !== undefined) wanted.reminders = reminderList(choices.remindersJson);
  if (input.confirm) wanted.confirmed = true;
  if (Object.keys(wanted).length === 0) throw new AppError('usage', 'nothing to update: give at least one of --zone, --delivery, --weekday, --reminders, --confirm');
  return ctx.db.$transaction(async (tx) => {
    const subscriber = await requireSubscriber(tx, email);
    const current = { zone: subscriber.zone, delivery: subscriber.delivery, weekday: subscriber.weekday, reminders: reminderList(subscriber.remindersJson), confirmed: subscriber.confirmedAt !== null };
    const changes = diffFields(current, wanted);
    if (Object.keys(changes).length === 0) return { subscriber, changes };
    const updated = await tx.subscriber.update({
      where: { id: subscriber.id },
      data: {
        ...('zone' in changes && { zone: changes.zone!.to as string }),
        ...('delivery' in changes && { delivery: changes.delivery!.to as string }),
        ...('weekday' in changes && { weekday: changes.weekday!.to as string }),
        ...('reminders' in changes && { remindersJson: choices.remindersJson }),
        ...bookmark(subscriber, { delivery: (wanted.delivery as string | undefined) ?? subscriber.delivery, weekday: (wanted.weekday as string | undefined) ?? subscriber.weekday }, ctx.now),
        ...('confirmed' in changes && { confirmedAt: ctx.now }),
        updatedAt: ctx.now,
      },
    });
    // Reminder choices are read when each reminder is sent; zone and delivery decide when they are made.
    if ('zone' in changes || 'delivery' in changes || 'confirmed' in changes) await replanSubscriber(tx, subscriber.id);
    return { subscriber: updated, changes };
  });
}

/** Deletes the subscriber; the database cascades their subscriptions and alerts. */
export async function removeSubscriber(ctx: WriteContext, email: string): Promise<Subscriber> {
  return ctx.db.$transaction(async (tx) => {
    const subscriber = await requireSubscriber(tx, email);
    await tx.subscriber.delete({ where: { id: subscriber.id } });
    return subscriber;
  });
}
