// What an email is made from: plain data the store layer fills in, so rendering needs no database and
// can be tested with literals.

import type { DeadlineStatus, NotifyingKind } from '../domain/vocabulary.js';
import type { DueMoment } from '../time/due-moment.js';

export interface IssueView {
  slug: string;
  title: string;
  summary: string;
  parties: string[];
  sources: string[];
}

export interface DeadlineView {
  id: number;
  title: string;
  demandedBy: string;
  demandedOf: string;
  announcedAt: Date;
  due: DueMoment;
  /** The original wording of the date ("by the end of this month"). */
  expression: string;
  status: DeadlineStatus;
  resolutionNote: string | null;
  sources: string[];
  /** Bumps on every change of date, for the .ics SEQUENCE. */
  revision: number;
}

export interface SubscriberView {
  id: number;
  email: string;
  zone: string;
  /** The row's link key: footer links bound to it are revoked by `docket subscriber rotate-links`. Without it links are bound to the address. */
  linkKey?: string;
}

export type ReminderMilestone = string; // 'before:P7D' | 'before:P1D' | 'due' | 'overdue:1'..'overdue:4'

export type AlertContent =
  | { kind: 'reminder'; milestone: ReminderMilestone; deadline: DeadlineView; late?: { scheduledFor: Date } }
  | {
      kind: 'event';
      event: NotifyingKind;
      deadline: DeadlineView | null;
      from?: DueMoment;
      to?: DueMoment;
      note?: string;
      at: Date;
    };

export interface AlertView {
  alertKey: string;
  issue: IssueView;
  subscriber: SubscriberView;
  content: AlertContent;
}

export interface DigestView {
  subscriber: SubscriberView;
  windowFrom: Date;
  windowTo: Date;
  /** Set when Docket was not running at the digest's own slot (its items wait by design, never late). */
  late?: { scheduledFor: Date };
  /** Grouped by issue in the email. */
  items: AlertView[];
  /** Which digest the subject names; daily unless said. */
  rhythm?: 'daily' | 'weekly';
}
