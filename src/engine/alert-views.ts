// Reads what an email needs for a claimed alert and decides whether it still applies. Returns null
// with a reason when it does not (resolved, unsubscribed, date changed, reminder turned off), so the
// alert is skipped.
import { isOpenStatus, type DeadlineStatus, type NotifyingKind } from '../domain/vocabulary.js';
import type { AlertView, DeadlineView, DigestView, IssueView } from '../mail/alert-view.js';
import type { Tx } from '../store/open-store.js';
import type { DueMoment, Precision } from '../time/due-moment.js';
import type { ClaimedAlert } from './claim-alerts.js';
import { followsAmong } from './followers.js';
import { choicesFromStore, reminderChosen, turnedOff } from '../alerts/reminder-choices.js';
import type { ChannelRow } from '../channels/send-to-channel.js';

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

type ViewAlert = Pick<ClaimedAlert, 'key' | 'kind' | 'milestone' | 'subscriberId' | 'deadlineId' | 'eventId' | 'lateSince'>;

/** Everything the emails of a batch of alerts are made from, read with one query per table. */
export interface ViewData {
  subscribers: Map<number, { id: number; email: string; zone: string; confirmedAt: Date | null; linkKey: string; remindersJson: string | null }>;
  deadlines: Map<number, DeadlineRow & { issueId: number; issue: IssueRow & { status: string } }>;
  events: Map<number, { issueId: number; deadlineId: number | null; kind: string; at: Date; dataJson: string; issue: IssueRow; deadline: DeadlineRow | null }>;
  /** Each subscriber's subscriptions (only confirmed subscribers follow anything). */
  subscriptions: Map<number, Array<{ issueId: number; deadlineId: number | null }>>;
  /** Channel followers' endpoints, by their subscriber id (a channel's alerts are POSTed, not emailed). */
  channels: Map<number, ChannelRow>;
}

export async function loadViewData(db: Tx, alerts: readonly ViewAlert[]): Promise<ViewData> {
  const ids = (pick: (alert: ViewAlert) => number | null) => [...new Set(alerts.map(pick).filter((id): id is number => id !== null))];
  const subscriberIds = ids((alert) => alert.subscriberId);
  const deadlineIds = ids((alert) => (alert.kind === 'reminder' ? alert.deadlineId : null));
  const eventIds = ids((alert) => (alert.kind === 'event' ? alert.eventId : null));
  const [subscribers, deadlines, events, subscriptions, channels] = await Promise.all([
    db.subscriber.findMany({ where: { id: { in: subscriberIds } }, select: { id: true, email: true, zone: true, confirmedAt: true, linkKey: true, remindersJson: true } }),
    deadlineIds.length === 0 ? [] : db.deadline.findMany({ where: { id: { in: deadlineIds } }, include: { issue: true } }),
    eventIds.length === 0 ? [] : db.event.findMany({ where: { id: { in: eventIds } }, include: { issue: true, deadline: true } }),
    db.subscription.findMany({ where: { subscriberId: { in: subscriberIds } }, select: { subscriberId: true, issueId: true, deadlineId: true } }),
    db.channel.findMany({ where: { subscriberId: { in: subscriberIds } }, include: { subscriber: { select: { zone: true, remindersJson: true } } } }),
  ]);
  const bySubscriber = new Map<number, Array<{ issueId: number; deadlineId: number | null }>>();
  for (const { subscriberId, ...target } of subscriptions) {
    const list = bySubscriber.get(subscriberId) ?? [];
    list.push(target);
    bySubscriber.set(subscriberId, list);
  }
  return {
    subscribers: new Map(subscribers.map((row) => [row.id, row])),
    deadlines: new Map(deadlines.map((row) => [row.id, row])),
    events: new Map(events.map((row) => [row.id, row])),
    subscriptions: bySubscriber,
    channels: new Map(channels.map((row) => [row.subscriberId, row])),
  };
}

export async function loadAlertView(db: Tx, alert: ViewAlert, now: Date): Promise<ViewResult> {
  return alertViewFrom(await loadViewData(db, [alert]), alert, now);
}

/** Whether the alert still applies, judged on `data`, and if so what its email is made from. */
export function alertViewFrom(data: ViewData, alert: ViewAlert, now: Date): ViewResult {
  const subscriber = data.subscribers.get(alert.subscriberId);
  if (!subscriber || !subscriber.confirmedAt) return { skip: 'subscriber is gone or unconfirmed' };
  // The link key binds the email's manage/unsubscribe links to this row (rotate-links revokes them).
  const subscriberView = { id: subscriber.id, email: subscriber.email, zone: subscriber.zone, linkKey: subscriber.linkKey };
  const follows = (target: { issueId: number; deadlineId: number | null }) => followsAmong(data.subscriptions.get(subscriber.id) ?? [], target);

  if (alert.kind === 'reminder') {
    const deadline = alert.deadlineId === null ? undefined : data.deadlines.get(alert.deadlineId);
    if (!deadline) return { skip: 'deadline was deleted' };
    if (!isOpenStatus(deadline.status)) return { skip: `deadline is ${deadline.status}` };
    if (deadline.issue.status !== 'open') return { skip: 'issue is closed' };
    if (!alert.key.startsWith(`r:${alert.subscriberId}:${deadline.id}:${deadline.revision}:`)) return { skip: 'the due date changed since this was planned' };
    if (!alert.milestone.startsWith('overdue:') && now.getTime() > deadline.dueAt.getTime()) return { skip: 'the deadline passed before it was sent' };
    if (!follows({ issueId: deadline.issueId, deadlineId: deadline.id })) return { skip: 'unsubscribed' };
    if (!reminderChosen(choicesFromStore(subscriber.remindersJson), alert.milestone)) return { skip: turnedOff };
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
    const event = alert.eventId === null ? undefined : data.events.get(alert.eventId);
    if (!event) return { skip: 'event was deleted' };
    if (!follows({ issueId: event.issueId, deadlineId: event.deadlineId })) return { skip: 'unsubscribed' };
    const stored = JSON.parse(event.dataJson) as { from?: StoredDue; to?: StoredDue; note?: string };
    return {
      view: {
        alertKey: alert.key,
        issue: issueView(event.issue),
        subscriber: subscriberView,
        content: {
          kind: 'event',
          event: event.kind as NotifyingKind,
          deadline: event.deadline ? deadlineView(event.deadline) : null,
          at: event.at,
          ...(stored.from ? { from: toDue(stored.from) } : {}),
          ...(stored.to ? { to: toDue(stored.to) } : {}),
          ...(typeof stored.note === 'string' && stored.note !== '' ? { note: stored.note } : {}),
        },
      },
    };
  }
  return { skip: `unknown alert kind ${alert.kind}` };
}

/** The digest and its items; items that no longer apply are left out (and marked skipped by the caller). */
export async function loadDigestView(db: Tx, alert: Pick<ClaimedAlert, 'key' | 'subscriberId' | 'sendAt'> & { lateSince?: Date | null }, now: Date, windowFrom: Date | null): Promise<{ view: DigestView; skipped: Array<{ id: number; reason: string }> } | { skip: string }> {
  const subscriber = await db.subscriber.findUnique({ where: { id: alert.subscriberId }, select: { id: true, email: true, zone: true, confirmedAt: true, linkKey: true, delivery: true } });
  if (!subscriber || !subscriber.confirmedAt) return { skip: 'subscriber is gone or unconfirmed' };
  const items = await db.alert.findMany({ where: { digestKey: alert.key }, orderBy: [{ sendAt: 'asc' }, { id: 'asc' }] });
  const data = await loadViewData(db, items);
  const views: AlertView[] = [];
  const skipped: Array<{ id: number; reason: string }> = [];
  for (const item of items) {
    const result = alertViewFrom(data, item, now);
    if ('view' in result) views.push(result.view);
    else skipped.push({ id: item.id, reason: result.skip });
  }
  if (views.length === 0) return { skip: 'nothing left in this digest applies' };
  return {
    view: { subscriber: { id: subscriber.id, email: subscriber.email, zone: subscriber.zone, linkKey: subscriber.linkKey }, windowFrom: windowFrom ?? items[0]!.sendAt, windowTo: alert.sendAt, items: views, rhythm: subscriber.delivery === 'weekly' ? 'weekly' : 'daily', ...(alert.lateSince ? { late: { scheduledFor: alert.lateSince } } : {}) },
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
