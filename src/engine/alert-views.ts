// Reads what an email needs for a claimed alert and decides whether it still applies. Returns null
// with a reason when it does not (resolved, unsubscribed, date changed), so the alert is skipped.
import type { AlertView, DeadlineStatus, DeadlineView, DigestView, EventKind, IssueView } from '../mail/alert-view.js';
import type { Tx } from '../store/open-store.js';
import { openStatuses } from '../store/replan.js';
import type { DueMoment, Precision } from '../time/due-moment.js';
import type { ClaimedAlert } from './claim-alerts.js';
import { isFollowing } from './followers.js';

type DeadlineRow = {
  id: number; title: string; demandedBy: string; demandedOf: string; announcedAt: Date; dueAt: Date; zone: string;
  precision: string; expression: string; status: string; resolutionNote: string | null; sourcesJson: string; revision: number;
};
type IssueRow = { slug: string; title: string; summary: string; partiesJson: string; sourcesJson: string };

export function deadlineView(row: DeadlineRow): DeadlineView {
  return {
    id: row.id,
    title: row.title,
    demandedBy: row.demandedBy,
    demandedOf: row.demandedOf,
    announcedAt: row.announcedAt,
    due: { instant: row.dueAt, zone: row.zone, precision: row.precision as Precision },
    expression: row.expression,
    status: row.status as DeadlineStatus,
    resolutionNote: row.resolutionNote,
    sources: jsonList(row.sourcesJson),
    revision: row.revision,
  };
}

export function issueView(row: IssueRow): IssueView {
  return { slug: row.slug, title: row.title, summary: row.summary, parties: jsonList(row.partiesJson), sources: jsonList(row.sourcesJson) };
}

export type ViewResult = { view: AlertView } | { skip: string };

export async function loadAlertView(db: Tx, alert: Pick<ClaimedAlert, 'key' | 'kind' | 'milestone' | 'subscriberId' | 'deadlineId' | 'eventId' | 'lateSince'>, now: Date): Promise<ViewResult> {
  const subscriber = await db.subscriber.findUnique({ where: { id: alert.subscriberId }, select: { id: true, email: true, zone: true, confirmedAt: true } });
  if (!subscriber || !subscriber.confirmedAt) return { skip: 'subscriber is gone or unconfirmed' };
  const subscriberView = { id: subscriber.id, email: subscriber.email, zone: subscriber.zone };

  if (alert.kind === 'reminder') {
    const deadline = alert.deadlineId === null ? null : await db.deadline.findUnique({ where: { id: alert.deadlineId }, include: { issue: true } });
    if (!deadline) return { skip: 'deadline was deleted' };
    if (!(openStatuses as readonly string[]).includes(deadline.status)) return { skip: `deadline is ${deadline.status}` };
    if (deadline.issue.status !== 'open') return { skip: 'issue is closed' };
    if (!alert.key.startsWith(`r:${alert.subscriberId}:${deadline.id}:${deadline.revision}:`)) return { skip: 'the due date changed since this was planned' };
    if (!alert.milestone.startsWith('overdue:') && now.getTime() > deadline.dueAt.getTime()) return { skip: 'the deadline passed before it was sent' };
    if (!(await isFollowing(db, subscriber.id, { issueId: deadline.issueId, deadlineId: deadline.id }))) return { skip: 'unsubscribed' };
    return {
      view: {
        alertKey: alert.key,
        issue: issueView(deadline.issue),
        subscriber: subscriberView,
        content: { kind: 'reminder', milestone: alert.milestone, deadline: deadlineView(deadline), ...(alert.lateSince ? { late: { scheduledFor: alert.lateSince } } : {}) },
      },
    };
  }

  if (alert.kind === 'event') {
    const event = alert.eventId === null ? null : await db.event.findUnique({ where: { id: alert.eventId }, include: { issue: true, deadline: true } });
    if (!event) return { skip: 'event was deleted' };
    if (!(await isFollowing(db, subscriber.id, { issueId: event.issueId, deadlineId: event.deadlineId }))) return { skip: 'unsubscribed' };
    const data = JSON.parse(event.dataJson) as { from?: StoredDue; to?: StoredDue; note?: string };
    return {
      view: {
        alertKey: alert.key,
        issue: issueView(event.issue),
        subscriber: subscriberView,
        content: {
          kind: 'event',
          event: event.kind as EventKind,
          deadline: event.deadline ? deadlineView(event.deadline) : null,
          at: event.at,
          ...(data.from ? { from: toDue(data.from) } : {}),
          ...(data.to ? { to: toDue(data.to) } : {}),
          ...(typeof data.note === 'string' && data.note !== '' ? { note: data.note } : {}),
        },
      },
    };
  }
  return { skip: `unknown alert kind ${alert.kind}` };
}

/** The digest and its items; items that no longer apply are left out (and marked skipped by the caller). */
export async function loadDigestView(db: Tx, alert: Pick<ClaimedAlert, 'key' | 'subscriberId' | 'sendAt'>, now: Date, windowFrom: Date | null): Promise<{ view: DigestView; skipped: Array<{ id: number; reason: string }> } | { skip: string }> {
  const subscriber = await db.subscriber.findUnique({ where: { id: alert.subscriberId }, select: { id: true, email: true, zone: true, confirmedAt: true } });
  if (!subscriber || !subscriber.confirmedAt) return { skip: 'subscriber is gone or unconfirmed' };
  const items = await db.alert.findMany({ where: { digestKey: alert.key }, orderBy: [{ sendAt: 'asc' }, { id: 'asc' }] });
  const views: AlertView[] = [];
  const skipped: Array<{ id: number; reason: string }> = [];
  for (const item of items) {
    const result = await loadAlertView(db, item, now);
    if ('view' in result) views.push(result.view);
    else skipped.push({ id: item.id, reason: result.skip });
  }
  if (views.length === 0) return { skip: 'nothing left in this digest applies' };
  return {
    view: { subscriber: { id: subscriber.id, email: subscriber.email, zone: subscriber.zone }, windowFrom: windowFrom ?? items[0]!.sendAt, windowTo: alert.sendAt, items: views },
    skipped,
  };
}

interface StoredDue { dueAt: string; zone: string; precision: string }

function toDue(stored: StoredDue): DueMoment {
  return { instant: new Date(stored.dueAt), zone: stored.zone, precision: stored.precision as Precision };
}

function jsonList(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}
