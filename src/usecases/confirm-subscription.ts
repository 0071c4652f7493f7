// Confirming a subscription through its signed link: the address is confirmed and the subscription made,
// each once, with the zone and delivery asked for in the request.
import { confirmScopeText } from '../engine/confirm-alerts.js';
import type { Db } from '../store/open-store.js';
import { replanSubscriber } from '../store/replan.js';
import { isUniqueViolation } from './check-input.js';
import { findConfirmationTarget, type ConfirmationTarget } from './find-confirmation-target.js';
import { requestedSettings, type ConfirmClaims } from './read-requested-settings.js';

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
