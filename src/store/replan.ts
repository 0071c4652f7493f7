// Reminder planning is done by the alert engine, not by the code that changes data. Writers only mark
// what changed (plannedAt = null); the next tick re-plans those deadlines for all their followers.
// Call these inside the same transaction as the change they follow from.
import { openStatuses } from '../domain/vocabulary.js';
import type { Tx } from './open-store.js';

export async function replanDeadlines(tx: Tx, deadlineIds: number[]): Promise<void> {
  if (deadlineIds.length === 0) return;
  await tx.deadline.updateMany({ where: { id: { in: deadlineIds } }, data: { plannedAt: null } });
}

export async function replanIssue(tx: Tx, issueId: number): Promise<void> {
  await tx.deadline.updateMany({ where: { issueId, status: { in: [...openStatuses] } }, data: { plannedAt: null } });
}

/** After a subscriber's zone, confirmation or subscriptions change: every open deadline they follow. */
export async function replanSubscriber(tx: Tx, subscriberId: number): Promise<void> {
  const subscriptions = await tx.subscription.findMany({ where: { subscriberId }, select: { issueId: true, deadlineId: true } });
  const issueIds = subscriptions.filter((s) => s.deadlineId === null).map((s) => s.issueId);
  const deadlineIds = subscriptions.flatMap((s) => (s.deadlineId === null ? [] : [s.deadlineId]));
  await tx.deadline.updateMany({
    where: { status: { in: [...openStatuses] }, OR: [{ issueId: { in: issueIds } }, { id: { in: deadlineIds } }] },
    data: { plannedAt: null },
  });
}
