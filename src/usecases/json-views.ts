// The stable JSON shapes `--json` prints (and the HTTP API can reuse). Field names here are a promise to
// scripts: add fields freely, never rename or drop one. Deadline instants are written in the deadline's
// own zone (2020-05-31T23:59:59.999+09:00) because that is how the demand was stated; other timestamps
// are UTC.
import { reminderList } from '../subscriber/choices.js';
import type { Event, Subscriber, Subscription, TrackedIssue } from '../store/models.js';
import type { DueMoment, Precision } from '../time/due-moment.js';
import { isoInZone } from '../time/format.js';
import type { DeadlineWithIssue } from './find-records.js';

export interface IssueJson {
  slug: string;
  title: string;
  summary: string;
  status: string;
  parties: string[];
  tags: string[];
  sources: string[];
  /** null = inherit the installation's offsets. */
  offsets: string[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface DueJson {
  dueAt: string;
  zone: string;
  precision: string;
  expression: string;
}

export interface DeadlineJson extends DueJson {
  id: number;
  issue: string;
  title: string;
  status: string;
  announcedAt: string;
  demandedBy: string;
  demandedOf: string;
  sources: string[];
  /** null = inherit the issue's (or the installation's) offsets. */
  offsets: string[] | null;
  resolutionNote: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventJson {
  id: number;
  at: string;
  kind: string;
  actor: string;
  deadline: number | null;
  notify: boolean;
  data: Record<string, unknown>;
}

export interface SubscriptionJson {
  email: string;
  issue: string;
  /** null = the whole issue. */
  deadline: number | null;
  scope: string;
  createdAt: string;
}

export interface SubscriberJson {
  email: string;
  zone: string;
  delivery: string;
  /** The day weekly digests go out (mon … sun); kept when the delivery is not weekly. */
  weekday: string;
  /** The reminders they get, of 7d, 1d, due, overdue. */
  reminders: string[];
  confirmed: boolean;
  confirmedAt: string | null;
  createdAt: string;
  subscriptions: Array<{ issue: string; deadline: number | null }>;
}

export function issueJson(issue: TrackedIssue): IssueJson {
  return {
    slug: issue.slug,
    title: issue.title,
    summary: issue.summary,
    status: issue.status,
    parties: parseList(issue.partiesJson),
    tags: parseList(issue.tagsJson),
    sources: parseList(issue.sourcesJson),
    offsets: issue.offsetsJson === null ? null : parseList(issue.offsetsJson),
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
  };
}

export function dueMomentOf(deadline: { dueAt: Date; zone: string; precision: string }): DueMoment {
  return { instant: deadline.dueAt, zone: deadline.zone, precision: deadline.precision as Precision };
}

/** The due moment as recorded in history (extensions keep the before and after). */
export function dueJson(deadline: { dueAt: Date; zone: string; precision: string; expression: string }): DueJson {
  return { dueAt: isoInZone(deadline.dueAt, deadline.zone), zone: deadline.zone, precision: deadline.precision, expression: deadline.expression };
}

export function deadlineJson(deadline: DeadlineWithIssue): DeadlineJson {
  const zone = deadline.zone;
  return {
    id: deadline.id,
    issue: deadline.issue.slug,
    title: deadline.title,
    status: deadline.status,
    ...dueJson(deadline),
    announcedAt: isoInZone(deadline.announcedAt, zone),
    demandedBy: deadline.demandedBy,
    demandedOf: deadline.demandedOf,
    sources: parseList(deadline.sourcesJson),
    offsets: deadline.offsetsJson === null ? null : parseList(deadline.offsetsJson),
    resolutionNote: deadline.resolutionNote,
    revision: deadline.revision,
    createdAt: isoInZone(deadline.createdAt, zone),
    updatedAt: isoInZone(deadline.updatedAt, zone),
  };
}

/** `zone` = how to write `at`: the deadline's zone in a deadline's history, UTC otherwise. */
export function eventJson(event: Event, zone = 'UTC'): EventJson {
  return {
    id: event.id,
    at: isoInZone(event.at, zone),
    kind: event.kind,
    actor: event.actor,
    deadline: event.deadlineId,
    notify: event.notify,
    data: parseObject(event.dataJson),
  };
}

export function subscriptionJson(subscription: Subscription, email: string, issueSlug: string): SubscriptionJson {
  return {
    email,
    issue: issueSlug,
    deadline: subscription.deadlineId,
    scope: subscription.scope,
    createdAt: subscription.createdAt.toISOString(),
  };
}

export function subscriberJson(subscriber: Subscriber & { subscriptions?: Array<Subscription & { issue: TrackedIssue }> }): SubscriberJson {
  return {
    email: subscriber.email,
    zone: subscriber.zone,
    delivery: subscriber.delivery,
    weekday: subscriber.weekday,
    reminders: reminderList(subscriber.remindersJson),
    confirmed: subscriber.confirmedAt !== null,
    confirmedAt: subscriber.confirmedAt?.toISOString() ?? null,
    createdAt: subscriber.createdAt.toISOString(),
    subscriptions: (subscriber.subscriptions ?? []).map((s) => ({ issue: s.issue.slug, deadline: s.deadlineId })),
  };
}

// A row written by an older or hand-edited database must not take a listing down: bad JSON reads as empty.
export function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
