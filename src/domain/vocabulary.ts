// Docket's words for the states and happenings of its records, each spelled out once. Input checks, the
// store's history, the alert views and the pages all take them from here.

export const issueStatuses = ['open', 'closed'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const deadlineStatuses = ['pending', 'extended', 'met', 'missed', 'withdrawn'] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];
/** Outcomes a deadline can be resolved with; pending and extended are still open. */
export const resolvedStatuses = ['met', 'missed', 'withdrawn'] as const;

export const deliveries = ['immediate', 'daily'] as const;
export type Delivery = (typeof deliveries)[number];

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
