// One deadline as one iCalendar event, used by the .ics attached to emails and (later) by calendar feeds.
// The UID depends only on the deadline, so an extension re-sent as a new .ics replaces the event in the
// reader's calendar instead of adding a second one; SEQUENCE (= revision) tells the client it is newer.

import ical, {
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
  type ICalTemporalPlainDateStub,
} from 'ical-generator';
import { DateTime, Duration } from 'luxon';
import type { DeadlineView, IssueView } from '../mail/alert-view.js';
import { formatWithZone, humanDuration, precisionNote } from '../mail/dates.js';
import { oneLine } from '../mail/subject.js';
import { type CivilDate, addDays, civil, isoDate, lastDayOfMonth } from '../time/civil.js';

export interface DeadlineEventOptions {
  host: string;
  issueUrl: string;
  /** Reminder offsets before the due moment, ISO durations ('P7D', 'PT2H'). None by default. */
  alarmOffsets?: string[];
  /** DTSTAMP. Defaults to the deadline's announcement so the same input gives byte-identical output. */
  stamp?: Date;
}

// All-day alarms fire at this local hour on the reminder day rather than at midnight.
const allDayAlarmHour = 9;

export function deadlineUid(deadlineId: number, host: string): string {
  return `deadline-${deadlineId}@${host}`;
}

export function addDeadlineEvent(cal: ICalCalendar, issue: IssueView, deadline: DeadlineView, opts: DeadlineEventOptions): void {
  const due = deadline.due;
  const local = DateTime.fromJSDate(due.instant, { zone: due.zone });
  if (!local.isValid) throw new Error(`deadline ${deadline.id}: invalid zone ${JSON.stringify(due.zone)}`);

  const event = cal.createEvent({
    id: deadlineUid(deadline.id, opts.host),
    sequence: deadline.revision,
    // luxon values, not Dates: ical-generator formats a Date in a calendar zone with the process's
    // local-time getters, which would make the output depend on the server's TZ.
    stamp: utc(opts.stamp ?? deadline.announcedAt),
    start: utc(due.instant), // replaced below for all-day events
    summary: summaryFor(deadline),
    description: descriptionFor(issue, deadline, opts.issueUrl),
    url: opts.issueUrl,
    status: deadline.status === 'withdrawn' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // A deadline is a marker, not a meeting: it must not make the reader look busy.
    transparency: ICalEventTransparency.TRANSPARENT,
  });

  // Timed events stay in UTC (unless the caller's calendar sets a zone with a VTIMEZONE generator):
  // there is no VTIMEZONE data here, and a TZID without one is not valid iCalendar.
  if (due.precision !== 'instant') {
    // The day as written where the deadline was set (Seoul's 31 May stays 31 May for a reader in New
    // York). A plain-date value keeps ical-generator from shifting it into any calendar or process zone.
    const day = due.precision === 'month' ? lastDayOfMonth(local.year, local.month) : civil(local);
    event.allDay(true);
    event.start(plainDate(day));
    event.end(plainDate(addDays(day, 1)));
  }

  for (const offset of opts.alarmOffsets ?? []) {
    const before = Duration.fromISO(offset);
    if (!before.isValid) throw new Error(`alarm offset ${JSON.stringify(offset)} is not an ISO duration like P7D`);
    const seconds = before.as('seconds');
    const when = seconds === 0 ? 'today' : `in ${humanDuration(offset) ?? offset}`;
    const alarm = event.createAlarm({ type: ICalAlarmType.display, description: `Due ${when}: ${oneLine(deadline.title)}` });
    // All-day events start at local midnight; ring on the morning of the reminder day instead.
    alarm.trigger(due.precision === 'instant' ? seconds : seconds - allDayAlarmHour * 3600);
    alarm.relatesTo('START'); // without it a positive trigger would be written relative to the end
  }
}

export function deadlineCalendar(
  issue: IssueView,
  deadline: DeadlineView,
  opts: DeadlineEventOptions & { prodId?: string },
): string {
  const cal = ical({
    prodId: opts.prodId ?? { company: 'Docket', product: 'Docket', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  addDeadlineEvent(cal, issue, deadline, opts);
  return cal.toString();
}

function summaryFor(deadline: DeadlineView): string {
  const prefix = { pending: '', extended: '', met: 'Met: ', missed: 'Missed: ', withdrawn: 'Withdrawn: ' }[deadline.status];
  return `${prefix}${oneLine(deadline.title)}`;
}

function descriptionFor(issue: IssueView, deadline: DeadlineView, issueUrl: string): string {
  const lines = [
    `${deadline.demandedBy} demands of ${deadline.demandedOf}: ${deadline.title}`,
    `Due: ${formatWithZone(deadline.due.instant, deadline.due.zone)}, ${precisionNote(deadline.due)}`,
    `As worded: "${deadline.expression}"`,
    `Status: ${deadline.status}`,
  ];
  if (deadline.resolutionNote) lines.push(`Note: ${deadline.resolutionNote}`);
  lines.push('', `Issue: ${issue.title}`, issueUrl);
  if (deadline.sources.length > 0) lines.push('', 'Sources:', ...deadline.sources);
  return lines.join('\n');
}

function utc(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: 'utc' });
}

// ical-generator writes a Temporal.PlainDate-shaped value as a bare date, with no zone conversion.
function plainDate(date: CivilDate): ICalTemporalPlainDateStub {
  const iso = isoDate(date);
  const stub = {
    year: date.year,
    month: date.month,
    day: date.day,
    toPlainDateTime: () => {
      throw new Error('not needed');
    },
    toString: () => iso,
    toJSON: () => iso,
  };
  return stub;
}
