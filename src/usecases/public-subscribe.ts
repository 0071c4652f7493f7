// What strangers can do on the web without an account: ask for a subscription (double opt-in: only a
// confirmation email is queued), confirm it through the signed link, change preferences and leave.
// The request answers the same whatever the address's state, so the form never tells anyone whether an
// address is subscribed; and a stranger's form never changes an existing subscriber's settings.
import { bookmark, checkChoices } from '../subscriber/choices.js';
import { AppError, checkOneOf, invalid } from '../errors.js';
import { parseConfirmScope, confirmScopeText, type ConfirmScope } from '../engine/confirm-alerts.js';
import type { Deadline, Subscriber, Subscription, TrackedIssue } from '../generated/sqlite/client.js';
import type { Db, Tx } from '../store/open-store.js';
import { replanDeadlines, replanIssue, replanSubscriber } from '../store/replan.js';
import { confirmTtlMs } from '../engine/confirm-alerts.js';
import { confirmRequestKey, readConfirmRequestKey } from '../subscriber/confirm-request.js';
import { assertZone, isValidZone } from '../time/zone.js';
import { deliveries } from '../domain/vocabulary.js';
import { checkEmail, checkSlug, isUniqueViolation } from './check-input.js';

/**
 * At most this many confirmation emails per mailbox and per domain per window, however often the form is
 * sent. The mailbox is the address with any "+tag" removed: victim+1@, victim+2@ … all reach one inbox.
 */
export const confirmationLimit = { perAddress: 3, perDomain: 200, windowMs: 24 * 3_600_000 };

/** 'Victim+news@Example.org' → { local: 'victim', domain: 'example.org' } */
export function mailboxOf(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  return { local: plus > 0 ? local.slice(0, plus) : local, domain: email.slice(at + 1).toLowerCase() };
}

export interface SubscriptionRequest {
  email: string;
  zone: string;
  delivery: string;
  /** The issue's slug. */
  issue: string;
  /** 'issue' (the whole issue) or 'deadline:<id>' (one of its deadlines). */
  scope: string;
}

export type RequestOutcome = { queued: true; alertKey: string } | { queued: false; reason: 'limit' | 'duplicate' };

export async function requestSubscription(db: Db, input: SubscriptionRequest, options: { now: Date; perAddress?: number; perDomain?: number }): Promise<RequestOutcome> {
  const email = checkEmail(input.email, 'email');
  const zone = assertZone(input.zone, 'zone');
  const delivery = checkOneOf(input.delivery, deliveries, 'delivery');
  const slug = checkSlug(input.issue, 'issue');
  const now = options.now;
  const perAddress = options.perAddress ?? confirmationLimit.perAddress;
  const perDomain = options.perDomain ?? confirmationLimit.perDomain;
  const { local, domain } = mailboxOf(email);
  const attempt = () =>
    db.$transaction(async (tx): Promise<RequestOutcome> => {
      const scope = await requestedScope(tx, slug, input.scope);
      const subscriber =
        (await tx.subscriber.findUnique({ where: { email } })) ??
        (await tx.subscriber.create({ data: { email, zone, delivery, confirmedAt: null, createdAt: now, updatedAt: now } }));
      const since = { gt: new Date(now.getTime() - confirmationLimit.windowMs) };
      const sameMailbox = await tx.alert.count({
        where: {
          kind: 'confirm',
          createdAt: since,
          subscriber: { OR: [{ email: `${local}@${domain}` }, { email: { startsWith: `${local}+`, endsWith: `@${domain}` } }] },
        },
      });
      if (sameMailbox >= perAddress) return { queued: false, reason: 'limit' };
      const sameDomain = await tx.alert.count({ where: { kind: 'confirm', createdAt: since, subscriber: { email: { endsWith: `@${domain}` } } } });
      if (sameDomain >= perDomain) return { queued: false, reason: 'limit' };
      const text = confirmScopeText(scope);
      // The row's own zone and delivery are left alone: a stranger's form must not set them for the
      // address's owner. What was asked for rides in the request, and confirming applies it.
      const key = confirmRequestKey(subscriber.id, text, now, delivery, zone);
      await tx.alert.create({
        data: { key, kind: 'confirm', milestone: `confirm:${text}`, subscriberId: subscriber.id, sendAt: now, nextAttemptAt: now, status: 'scheduled', createdAt: now, updatedAt: now },
      });
      return { queued: true, alertKey: key };
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either the same address was created by a parallel request (retry finds it) or the same request
    // arrived twice in one millisecond (the key exists: one email is enough).
    try {
      return await attempt();
    } catch (again) {
      if (isUniqueViolation(again)) return { queued: false, reason: 'duplicate' };
      throw again;
    }
  }
}

async function requestedScope(tx: Tx, slug: string, scope: string): Promise<ConfirmScope> {
  const issue = await tx.trackedIssue.findUnique({ where: { slug }, select: { id: true, status: true, slug: true } });
  if (!issue) throw new AppError('not_found', `no issue "${slug}"`, { field: 'issue', value: slug });
  if (issue.status !== 'open') throw new AppError('conflict', `issue "${slug}" is closed; it takes no new subscriptions`, { field: 'issue', value: slug });
  if (scope === 'issue') return { kind: 'issue', id: issue.id };
  const parsed = parseConfirmScope(scope);
  if (parsed?.kind === 'deadline') {
    const deadline = await tx.deadline.findUnique({ where: { id: parsed.id }, select: { issueId: true } });
    if (deadline?.issueId === issue.id) return parsed;
  }
  throw invalid('scope', scope, `is not "issue" or one of this issue's deadlines ("deadline:<id>")`);
}

export type ConfirmClaims = { subscriberId: number; scope?: string; expiresAt?: number };

/**
 * The zone and delivery asked for with the request behind a confirm link: the request's row is found from
 * the token (its expiry is the request time plus the link's lifetime, to the second).
 */
export async function requestedSettings(db: Tx, claims: ConfirmClaims): Promise<{ zone: string; delivery: string } | null> {
  if (claims.expiresAt === undefined || claims.scope === undefined) return null;
  const madeBy = claims.expiresAt * 1000 - confirmTtlMs;
  const rows = await db.alert.findMany({
    where: { subscriberId: claims.subscriberId, kind: 'confirm', milestone: `confirm:${claims.scope}`, sendAt: { gte: new Date(madeBy), lte: new Date(madeBy + 999) } },
    select: { key: true },
    orderBy: { id: 'desc' },
    take: 1,
  });
  const asked = rows[0] ? readConfirmRequestKey(rows[0].key) : null;
  if (asked === null || !isValidZone(asked.zone) || !(deliveries as readonly string[]).includes(asked.delivery)) return null;
  return asked;
}

export interface ConfirmationTarget {
  subscriber: Subscriber;
  issue: TrackedIssue;
  deadline: Deadline | null;
  /** The subscription's scope column: 'issue' or 'deadline:<id>'. */
  scope: string;
}

/** What a confirm link would do (for the page that asks before doing it); null when it points nowhere. */
export async function findConfirmationTarget(db: Tx, claims: { subscriberId: number; scope?: string }): Promise<ConfirmationTarget | null> {
  const scope = parseConfirmScope(claims.scope);
  if (scope === null) return null;
  const subscriber = await db.subscriber.findUnique({ where: { id: claims.subscriberId } });
  if (!subscriber) return null;
  if (scope.kind === 'issue') {
    const issue = await db.trackedIssue.findUnique({ where: { id: scope.id } });
    return issue ? { subscriber, issue, deadline: null, scope: 'issue' } : null;
  }
  const deadline = await db.deadline.findUnique({ where: { id: scope.id }, include: { issue: true } });
  if (!deadline) return null;
  const { issue, ...row } = deadline;
  return { subscriber, issue, deadline: row, scope: `deadline:${deadline.id}` };
}

/**
 * Confirms the address (once) and creates the subscription (once): clicking an old link again changes
 * nothing. Returns null when the link points at something that no longer exists.
 */
export async function confirmSubscription(db: Db, claims: ConfirmClaims, now: Date): Promise<(ConfirmationTarget & { created: boolean }) | null> {
  const attempt = () =>
    db.$transaction(async (tx) => {
      const target = await findConfirmationTarget(tx, claims);
      if (target === null) return null;
      const key = { subscriberId: target.subscriber.id, issueId: target.issue.id, scope: target.scope };
      const existing = await tx.subscription.findUnique({ where: { subscriberId_issueId_scope: key } });
      // Used before: nothing changes, and the page says so.
      if (existing && target.subscriber.confirmedAt !== null) return { ...target, created: false };
      // Confirming applies the zone and delivery asked for with this request (shown on the confirm page).
      const asked = await requestedSettings(tx, claims);
      const subscriber = await tx.subscriber.update({
        where: { id: target.subscriber.id },
        data: { confirmedAt: target.subscriber.confirmedAt ?? now, updatedAt: now, ...(asked ?? {}) },
      });
      if (!existing) {
        const subscription = await tx.subscription.create({ data: { ...key, deadlineId: target.deadline?.id ?? null, createdAt: now } });
        // The welcome email (src/engine/welcome-alerts.ts): so confirming is answered at once, not weeks
        // later by the first reminder. Keyed by the subscription, so a double click sends one.
        await tx.alert.create({
          data: { key: `w:${subscription.id}`, kind: 'welcome', milestone: `welcome:${confirmScopeText(target.deadline ? { kind: 'deadline', id: target.deadline.id } : { kind: 'issue', id: target.issue.id })}`, subscriberId: subscriber.id, sendAt: now, nextAttemptAt: now, status: 'scheduled', createdAt: now, updatedAt: now },
        });
      }
      await replanSubscriber(tx, subscriber.id);
      return { ...target, subscriber, created: !existing };
    });
  try {
    return await attempt();
  } catch (error) {
    // A double click: the other request created it, and this one reports what is there now.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export type SubscriptionWithTarget = Subscription & { issue: TrackedIssue; deadline: Deadline | null };

export async function loadPreferences(db: Tx, subscriberId: number): Promise<{ subscriber: Subscriber; subscriptions: SubscriptionWithTarget[] } | null> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: { subscriptions: { include: { issue: true, deadline: true }, orderBy: [{ issueId: 'asc' }, { scope: 'asc' }] } },
  });
  if (!subscriber) return null;
  const { subscriptions, ...rest } = subscriber;
  return { subscriber: rest, subscriptions };
}

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

/** One subscription, from the manage page. Returns what was removed, or null if it was already gone. */
export async function removeSubscription(db: Db, subscriberId: number, subscriptionId: number): Promise<SubscriptionWithTarget | null> {
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findFirst({ where: { id: subscriptionId, subscriberId }, include: { issue: true, deadline: true } });
    if (!subscription) return null;
    await tx.subscription.delete({ where: { id: subscription.id } });
    // Re-plan what it covered, so reminders no longer owed are retired by the next tick.
    if (subscription.deadlineId === null) await replanIssue(tx, subscription.issueId);
    else await replanDeadlines(tx, [subscription.deadlineId]);
    return subscription;
  });
}

/**
 * Leaves everything (the one-click unsubscribe). The subscriber row stays, so the per-address limit on
 * confirmation emails still holds; alerts already planned are skipped when their time comes.
 */
export async function unsubscribeAll(db: Db, subscriberId: number): Promise<{ removed: number }> {
  return db.$transaction(async (tx) => {
    // Re-plan first: it reads the subscriptions this is about to delete.
    await replanSubscriber(tx, subscriberId);
    const { count } = await tx.subscription.deleteMany({ where: { subscriberId } });
    return { removed: count };
  });
}

async function requireSubscriberById(tx: Tx, id: number): Promise<Subscriber> {
  const subscriber = await tx.subscriber.findUnique({ where: { id } });
  if (!subscriber) throw new AppError('not_found', 'this subscription no longer exists', { field: 'subscriber', value: id });
  return subscriber;
}
