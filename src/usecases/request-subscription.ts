// Asking for a subscription from the web, without an account (double opt-in): only a confirmation email
// is queued. The request answers the same whatever the address's state, so the form never tells anyone
// whether an address is subscribed; and a stranger's form never changes an existing subscriber's settings.
import { AppError, checkOneOf, invalid } from '../errors.js';
import { confirmScopeText, parseConfirmScope, type ConfirmScope } from '../engine/confirm-alerts.js';
import type { Db, Tx } from '../store/open-store.js';
import { confirmRequestKey } from '../subscriber/confirm-request.js';
import { assertZone } from '../time/zone.js';
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
