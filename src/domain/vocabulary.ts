// Docket's words for the states and happenings of its records, each spelled out once. Input checks, the
// store's history, the alert views and the pages all take them from here.

export const issueStatuses = ['open', 'closed'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const deadlineStatuses = ['pending', 'extended', 'met', 'missed', 'withdrawn'] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];
/** Outcomes a deadline can be resolved with; pending and extended are still open. */
export const resolvedStatuses = ['met', 'missed', 'withdrawn'] as const;
/** Statuses in which a deadline is still awaited, and gets reminders. */
export const openStatuses = ['pending', 'extended'] as const satisfies readonly DeadlineStatus[];

export function isOpenStatus(status: string): boolean {
  return (openStatuses as readonly string[]).includes(status);
}

/** Where an alert row is on its way out. */
export const alertStatuses = ['scheduled', 'sending', 'sent', 'failed', 'skipped', 'digested'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const deliveries = ['immediate', 'daily', 'weekly'] as const;
export type Delivery = (typeof deliveries)[number];
/** The deliveries that bundle alerts into a digest at the subscriber's morning hour. */
export const digestDeliveries = ['daily', 'weekly'] as const satisfies readonly Delivery[];

/** Weekdays as the CLI, the store and the manage page spell them; index + 1 is the ISO (luxon) weekday. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
/** How pages and emails name them (and the long forms `--weekday` accepts). */
export const weekdayNames: Readonly<Record<Weekday, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
/** Weekly digests go out on Mondays unless the subscriber picks another day. */
export const defaultWeekday: Weekday = 'mon';

/** The reminders a subscriber can turn off one by one: 7 days before, 1 day before, the due day, overdue. */
export const reminderNames = ['7d', '1d', 'due', 'overdue'] as const;
export type ReminderName = (typeof reminderNames)[number];

/** What an Event row records; every change to an issue or a deadline leaves one. */
export const eventKinds = [
  'issue.created',
  'issue.updated',
  'issue.closed',
  'issue.reopened',
  'issue.note',
  'deadline.created',
  'deadline.updated',
  'deadline.extended',
  'deadline.resolved',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** The kinds subscribers are told about. */
export const notifyingKindList = ['deadline.created', 'deadline.extended', 'deadline.resolved', 'issue.note'] as const satisfies readonly EventKind[];
export type NotifyingKind = (typeof notifyingKindList)[number];
export const notifyingKinds: ReadonlySet<EventKind> = new Set(notifyingKindList);

/** Who a Subscriber row is: a person's email address, or a channel (webhook, Slack, Teams) following issues. */
export const subscriberKinds = ['email', 'channel'] as const;
export type SubscriberKind = (typeof subscriberKinds)[number];

/** Where a channel posts: a signed Standard Webhooks endpoint, a Slack incoming webhook, a Teams Workflows webhook. */
export const channelKinds = ['webhook', 'slack', 'teams'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** The `type` of each webhook message (docs/webhooks.md); a channel's `--events` picks among them. */
export const webhookEventTypes = ['deadline.created', 'deadline.extended', 'deadline.resolved', 'deadline.reminder', 'deadline.overdue', 'issue.note', 'channel.test'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** A watched feed (issue 13): polled, or left alone until resumed. */
export const sourceStatuses = ['active', 'paused'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

/** A candidate in the review inbox; linked = it matched a deadline already tracked, so nothing to review. */
export const inboxStatuses = ['new', 'accepted', 'dismissed', 'linked'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];
