// Confirm alerts carry the double opt-in email (written by the subscribe form, see
// src/usecases/request-subscription.ts). Unlike reminders they go to people who are not confirmed yet, and
// never wait for a digest. The signed link carries subscriber, scope and expiry, so confirming needs no
// state beyond the token; the expiry counts from when the request was made, not from when it was sent.
import type { RenderContext, RenderedEmail } from '../mail/email-parts.js';
import { renderConfirmation } from '../mail/render-confirmation.js';
import type { Tx } from '../store/open-store.js';
import { confirmUrl, signToken } from '../tokens.js';
import { deadlineView, issueView } from './alert-views.js';

/** How long a confirmation link works. */
export const confirmTtlMs = 48 * 3_600_000;

export type ConfirmScope = { kind: 'issue'; id: number } | { kind: 'deadline'; id: number };

/** 'issue:12' / 'deadline:34' (token scope; the alert milestone is 'confirm:' + this). */
export function confirmScopeText(scope: ConfirmScope): string {
  return `${scope.kind}:${scope.id}`;
}

export function parseConfirmScope(text: string | undefined): ConfirmScope | null {
  const match = /^(issue|deadline):([1-9]\d{0,14})$/.exec(text ?? '');
  return match ? { kind: match[1] as 'issue' | 'deadline', id: Number(match[2]) } : null;
}

export async function loadConfirmEmail(
  db: Tx,
  alert: { key: string; milestone: string; subscriberId: number; sendAt: Date },
  ctx: RenderContext & { confirmTtlMs: number },
): Promise<{ to: string; email: RenderedEmail } | { skip: string }> {
  const scope = parseConfirmScope(alert.milestone.startsWith('confirm:') ? alert.milestone.slice('confirm:'.length) : undefined);
  if (scope === null) return { skip: `not a confirmation milestone: ${alert.milestone}` };
  const expiresAt = new Date(alert.sendAt.getTime() + ctx.confirmTtlMs);
  if (ctx.now.getTime() >= expiresAt.getTime()) return { skip: 'the confirmation link would already have expired' };

  const subscriber = await db.subscriber.findUnique({ where: { id: alert.subscriberId }, select: { id: true, email: true, zone: true, confirmedAt: true } });
  if (!subscriber) return { skip: 'subscriber is gone' };

  const deadline = scope.kind === 'deadline' ? await db.deadline.findUnique({ where: { id: scope.id }, include: { issue: true } }) : null;
  const issue = scope.kind === 'issue' ? await db.trackedIssue.findUnique({ where: { id: scope.id } }) : (deadline?.issue ?? null);
  if (!issue) return { skip: `the ${scope.kind} no longer exists` };

  // Already confirmed and following exactly this: the link would change nothing, so say nothing.
  if (subscriber.confirmedAt !== null) {
    const subscriptionScope = scope.kind === 'issue' ? 'issue' : `deadline:${scope.id}`;
    const existing = await db.subscription.findUnique({
      where: { subscriberId_issueId_scope: { subscriberId: subscriber.id, issueId: issue.id, scope: subscriptionScope } },
      select: { id: true },
    });
    if (existing) return { skip: 'already subscribed' };
  }

  const token = signToken(ctx.secret, { purpose: 'confirm', subscriberId: subscriber.id, scope: confirmScopeText(scope), expiresAt });
  const email = renderConfirmation(
    {
      alertKey: alert.key,
      subscriber: { id: subscriber.id, email: subscriber.email, zone: subscriber.zone },
      issue: issueView(issue),
      deadline: deadline === null ? null : deadlineView(deadline),
      confirmUrl: confirmUrl(ctx.links, token),
      expiresAt,
    },
    ctx,
  );
  return { to: subscriber.email, email };
}
