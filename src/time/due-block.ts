// "Due Sun 31 May, 10:59 EDT (your time) · 6 days 23 h left · Seoul: end of Sun 31 May": the one way
// a deadline's moment is told to a reader, on pages, in emails and in the CLI. The status word comes
// from one vocabulary too: a deadline still open after its moment is "Overdue", never "Pending".

import { DateTime } from 'luxon';
import type { DueMoment } from './due-moment.js';
import { leftPhrase, relativePhrase, timeLeft } from './countdown.js';
import { isoInZone, zoneAbbreviation } from './format.js';
import { isValidZone } from './zone.js';
import { isOpenStatus } from '../domain/vocabulary.js';

/** Colour and urgency: upcoming (a week or more), this week, today (under 24 h), overdue, resolved. */
export type Stage = 'upcoming' | 'week' | 'today' | 'overdue' | 'resolved';

export type StatusKey = 'pending' | 'overdue' | 'extended' | 'met' | 'missed' | 'withdrawn';

const labels: Record<StatusKey, string> = {
  pending: 'Pending',
  overdue: 'Overdue',
  extended: 'Extended',
  met: 'Met',
  missed: 'Missed',
  withdrawn: 'Withdrawn',
};

/** Still waiting for an answer (the stored statuses that keep reminders going). */
/** The word shown for a deadline's state at `now`: 'Overdue' for an open one past its moment. */
export function statusWord(status: string, dueAt: Date, now: Date): { key: StatusKey; label: string } {
  const key: StatusKey = isOpenStatus(status) && dueAt.getTime() < now.getTime() ? 'overdue' : ((status in labels ? status : 'pending') as StatusKey);
  return { key, label: labels[key] };
}

export function stageOf(status: string, dueAt: Date, now: Date): Stage {
  if (!isOpenStatus(status)) return 'resolved';
  const ms = dueAt.getTime() - now.getTime();
  if (ms < 0) return 'overdue';
  if (ms < 86_400_000) return 'today';
  if (ms < 7 * 86_400_000) return 'week';
  return 'upcoming';
}

export interface DueBlock {
  stage: Stage;
  status: StatusKey;
  statusLabel: string;
  /** 'Sun 31 May, 10:59 EDT' in the reader's zone (the year only when it is not the reader's current year). */
  readerTime: string;
  readerZone: string;
  /** The reader's zone is the deadline's own: the issuer line would only repeat it. */
  sameZone: boolean;
  /** '6 days 23 h left', 'overdue by 2 days'; for a resolved deadline '6 years ago', or its outcome ('Met') if its date is still ahead. */
  left: string;
  /** 'Due', or 'Was due' for a resolved deadline whose date has passed. */
  lead: 'Due' | 'Was due';
  /** 'Seoul: end of Sun 31 May', 'Seoul: Fri 15 May, 17:00', 'Seoul: end of May'. */
  issuerTime: string;
  /** 'Sun 31 May, end of day, Seoul time': the moment where it was set, as a page shows it without a reader zone. */
  issuerLong: string;
  /** ISO instant with the deadline zone's offset, for <time datetime>. */
  iso: string;
  zone: string;
  precision: DueMoment['precision'];
  past: boolean;
  /** Whether a reader-time rewrite (the page script) should write the year: not the current year at render. */
  showYear: boolean;
}

export function dueBlock(due: DueMoment, status: string, now: Date, readerZone?: string): DueBlock {
  const zone = isValidZone(due.zone) ? due.zone : 'UTC';
  const reader = readerZone !== undefined && isValidZone(readerZone) ? readerZone : zone;
  const word = statusWord(status, due.instant, now);
  const t = timeLeft(now, due.instant, reader);
  const stage = stageOf(status, due.instant, now);
  return {
    stage,
    status: word.key,
    statusLabel: word.label,
    readerTime: clockTime(due.instant, reader, now),
    readerZone: reader,
    sameZone: reader === zone,
    left: stage !== 'resolved' ? leftPhrase(t) : t.past ? relativePhrase(t) : word.label,
    lead: stage === 'resolved' && t.past ? 'Was due' : 'Due',
    issuerTime: `${placeName(zone)}: ${issuerWhen({ ...due, zone }, now)}`,
    issuerLong: issuerLong({ ...due, zone }, now),
    iso: isoInZone(due.instant, zone),
    zone,
    precision: due.precision,
    past: t.past,
    showYear: DateTime.fromJSDate(now, { zone }).year !== DateTime.fromJSDate(due.instant, { zone }).year,
  };
}

/** 'Sun 31 May, 10:59 EDT' ('Sun 31 May 2020, 10:59 EDT' in another year than `now`'s). */
export function clockTime(instant: Date, zone: string, now: Date): string {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale('en-GB');
  const year = DateTime.fromJSDate(now, { zone }).year === local.year ? '' : ` ${local.year}`;
  return `${local.toFormat('ccc d LLL')}${year}, ${local.toFormat('HH:mm')} ${zoneAbbreviation(local)}`;
}

function issuerWhen(due: DueMoment, now: Date): string {
  const local = DateTime.fromJSDate(due.instant, { zone: due.zone }).setLocale('en-GB');
  const year = DateTime.fromJSDate(now, { zone: due.zone }).year === local.year ? '' : ` ${local.year}`;
  if (due.precision === 'month') return `end of ${local.toFormat('LLLL')}${year}`;
  const day = `${local.toFormat('ccc d LLL')}${year}`;
  return due.precision === 'day' ? `end of ${day}` : `${day}, ${local.toFormat('HH:mm')}`;
}

function issuerLong(due: DueMoment, now: Date): string {
  const local = DateTime.fromJSDate(due.instant, { zone: due.zone }).setLocale('en-GB');
  const year = DateTime.fromJSDate(now, { zone: due.zone }).year === local.year ? '' : ` ${local.year}`;
  const place = placeName(due.zone);
  const where = place === 'UTC' ? 'UTC' : `${place} time`;
  if (due.precision === 'month') return `end of ${local.toFormat('LLLL')}${year}, ${where}`;
  const day = `${local.toFormat('ccc d LLL')}${year}`;
  return due.precision === 'day' ? `${day}, end of day, ${where}` : `${day}, ${local.toFormat('HH:mm')}, ${where}`;
}

/** 'Asia/Seoul' → 'Seoul', 'America/Argentina/Buenos_Aires' → 'Buenos Aires', 'UTC' → 'UTC'. */
export function placeName(zone: string): string {
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return 'UTC';
  return zone.split('/').at(-1)!.replace(/_/g, ' ');
}
