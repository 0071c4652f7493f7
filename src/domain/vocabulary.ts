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

/** A watched feed (issue 13): polled, or left alone until resumed. */
export const sourceStatuses = ['active', 'paused'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

/** A candidate in the review inbox; linked = it matched a deadline already tracked, so nothing to review. */
export const inboxStatuses = ['new', 'accepted', 'dismissed', 'linked'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];
