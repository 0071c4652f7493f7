// What a confirm link points at: the subscriber, the issue and (for one deadline) the deadline.
import { parseConfirmScope } from '../engine/confirm-alerts.js';
import type { Deadline, Subscriber, TrackedIssue } from '../store/models.js';
import type { Tx } from '../store/open-store.js';

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
