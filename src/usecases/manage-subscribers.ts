// `docket subscriber add | update | remove`. An admin adding someone vouches for the address, so the
// subscriber is confirmed at once (people who sign up on the web confirm by email instead). Zone and
// delivery decide when reminders go out, so changing them re-plans what the subscriber follows.
import { AppError } from '../errors.js';
import type { Subscriber } from '../generated/sqlite/client.js';
import { replanSubscriber } from '../store/replan.js';
import { assertZone } from '../time/zone.js';
import { deliveries } from '../domain/vocabulary.js';
import { checkEmail, checkOneOf, conflict, isUniqueViolation } from './check-input.js';
import { requireSubscriber } from './find-records.js';
import { diffFields } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface SubscriberInput {
  email: string;
  /** IANA zone the subscriber's reminders are timed in; default the installation's. */
  zone?: string;
  delivery?: string;
}

export async function addSubscriber(ctx: WriteContext, input: SubscriberInput, options: { defaultZone: string }): Promise<Subscriber> {
  const email = checkEmail(input.email);
  const zone = assertZone(input.zone ?? options.defaultZone, '--zone');
  const delivery = checkOneOf(input.delivery ?? 'immediate', deliveries, '--delivery');
  const duplicate = () => conflict(`subscriber "${email}" already exists (change it with \`docket subscriber update ${email}\`)`, '<email>', email);
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (await tx.subscriber.findUnique({ where: { email }, select: { id: true } })) throw duplicate();
      return tx.subscriber.create({ data: { email, zone, delivery, confirmedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export interface SubscriberChanges {
  zone?: string;
  delivery?: string;
  /** Confirm someone who signed up on the web but never clicked the link. */
  confirm?: boolean;
}

export async function updateSubscriber(
  ctx: WriteContext,
  email: string,
  input: SubscriberChanges,
): Promise<{ subscriber: Subscriber; changes: Record<string, { from: unknown; to: unknown }> }> {
  const wanted: Record<string, unknown> = {};
  if (input.zone !== undefined) wanted.zone = assertZone(input.zone, '--zone');
  if (input.delivery !== undefined) wanted.delivery = checkOneOf(input.delivery, deliveries, '--delivery');
  if (input.confirm) wanted.confirmed = true;
  if (Object.keys(wanted).length === 0) throw new AppError('usage', 'nothing to update: give at least one of --zone, --delivery, --confirm');
  return ctx.db.$transaction(async (tx) => {
    const subscriber = await requireSubscriber(tx, email);
    const current = { zone: subscriber.zone, delivery: subscriber.delivery, confirmed: subscriber.confirmedAt !== null };
    const changes = diffFields(current, wanted);
    if (Object.keys(changes).length === 0) return { subscriber, changes };
    const updated = await tx.subscriber.update({
      where: { id: subscriber.id },
      data: {
        ...('zone' in changes && { zone: changes.zone!.to as string }),
        ...('delivery' in changes && { delivery: changes.delivery!.to as string }),
        ...('confirmed' in changes && { confirmedAt: ctx.now }),
        updatedAt: ctx.now,
      },
    });
    await replanSubscriber(tx, subscriber.id);
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
