// The variables templates see (`it.…`). Everything is pre-formatted here, in the right zone, so a
// deployer's template never needs date code; docs/email.md lists these fields.

import { clockTime, dueBlock, type DueBlock } from '../time/due-block.js';
import type { DueMoment } from '../time/due-moment.js';
import type { AlertView, DeadlineView, IssueView, SubscriberView } from './alert-view.js';
import { dueCountdown, formatDay, formatDayNoYear, formatDueForSubject, formatTime, formatWithZone, precisionNote } from './dates.js';
import { oneLine } from './subject.js';

export interface SourceLink {
  text: string;
  /** Only http(s) sources become links; anything else is shown as text. */
  href: string | null;
}

export interface DueData {
  /** As in subjects: 'Sun 31 May 2020', 'end of May 2020', 'Fri 15 May 2020, 17:00 UTC+9'. */
  short: string;
  /** 'Sun 31 May 2020, 23:59 UTC+9 (Asia/Seoul)' — where the deadline was set. */
  inDeadlineZone: string;
  /** The same moment in the subscriber's zone. */
  forSubscriber: string;
  /** Short, in the subscriber's zone: 'Sun 31 May, 10:59 EDT' (the year only when not the current one). */
  readerTime: string;
  sameZone: boolean;
  /** 'by the end of that day in Asia/Seoul' */
  note: string;
  /** The shared precise countdown at render time: '6 days 23 h left', 'overdue by 2 days'. */
  countdown: string;
  /** The due moment is before the render time. */
  past: boolean;
  zone: string;
  subscriberZone: string;
}

export interface DeadlineData {
  id: number;
  title: string;
  demandedBy: string;
  demandedOf: string;
  expression: string;
  status: DeadlineView['status'];
  resolutionNote: string | null;
  sources: SourceLink[];
  /** Announcement day in the deadline's zone: 'Tue 12 May 2020'. */
  announced: string;
  due: DueData;
  /** The deadline block, reader's time first: readerTime, left, issuerTime, stage, statusLabel ('Overdue' once past). */
  block: DueBlock;
  /** 'South Korea demands this of Japan', 'Demanded by South Korea', or null when neither party is recorded. */
  who: string | null;
  /** Inline colour for the countdown by stage (emails cannot use the page's stylesheet). */
  stageColor: string;
}

const stageColors: Record<DueBlock['stage'], string> = { upcoming: '#1a1a1a', week: '#8a4b00', today: '#a1161c', overdue: '#a1161c', resolved: '#555555' };

/** Never an empty "Who:" phrase: only the parties that are recorded. */
export function whoPhrase(demandedBy: string, demandedOf: string): string | null {
  const by = demandedBy.trim();
  const of = demandedOf.trim();
  if (by && of) return `${by} demands this of ${of}`;
  if (by) return `Demanded by ${by}`;
  if (of) return `Demanded of ${of}`;
  return null;
}

export interface IssueData {
  slug: string;
  title: string;
  summary: string;
  parties: string[];
  sources: SourceLink[];
  url: string;
}

export function dueData(due: DueMoment, subscriber: SubscriberView, now: Date): DueData {
  return {
    short: formatDueForSubject(due),
    inDeadlineZone: formatWithZone(due.instant, due.zone),
    forSubscriber: formatWithZone(due.instant, subscriber.zone),
    readerTime: clockTime(due.instant, subscriber.zone, now),
    // By name only: two zones that share an offset today may differ on another date.
    sameZone: due.zone === subscriber.zone,
    note: precisionNote(due),
    countdown: dueCountdown(due, now, subscriber.zone),
    past: due.instant.getTime() < now.getTime(),
    zone: due.zone,
    subscriberZone: subscriber.zone,
  };
}

export function deadlineData(d: DeadlineView, subscriber: SubscriberView, now: Date): DeadlineData {
  return {
    id: d.id,
    // Titles are one-liners wherever they appear; summaries and notes keep their line breaks.
    title: oneLine(d.title),
    demandedBy: d.demandedBy,
    demandedOf: d.demandedOf,
    expression: d.expression,
    status: d.status,
    resolutionNote: d.resolutionNote,
    sources: d.sources.map(sourceLink),
    announced: formatDay(d.announcedAt, d.due.zone),
    due: dueData(d.due, subscriber, now),
    block: dueBlock(d.due, d.status, now, subscriber.zone),
    who: whoPhrase(d.demandedBy, d.demandedOf),
    stageColor: stageColors[dueBlock(d.due, d.status, now, subscriber.zone).stage],
  };
}

export function issueData(issue: IssueView, url: string): IssueData {
  return {
    slug: issue.slug,
    title: oneLine(issue.title),
    summary: issue.summary,
    parties: issue.parties,
    sources: issue.sources.map(sourceLink),
    url,
  };
}

/** 'Sent late: Docket was not running at 09:00 on Sat 30 May', in the subscriber's zone. */
export function lateNotice(view: AlertView): string | null {
  const c = view.content;
  if (c.kind !== 'reminder' || c.late === undefined) return null;
  const zone = view.subscriber.zone;
  return `Sent late: Docket was not running at ${formatTime(c.late.scheduledFor, zone)} on ${formatDayNoYear(c.late.scheduledFor, zone)}`;
}

function sourceLink(text: string): SourceLink {
  return { text, href: /^https?:\/\//i.test(text.trim()) ? text.trim() : null };
}
