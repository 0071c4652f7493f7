// What each import row means, checked with the same rules as the admin commands (check-input.ts, readDue)
// under the file's field names, so a message reads `due "next blursday" cannot be read …`. Every row is
// checked and every problem collected; nothing here touches the store.
import { checkChoices } from '../../subscriber/choices.js';
import type { Weekday } from '../../domain/vocabulary.js';
import { DateTime } from 'luxon';
import { AppError, checkOneOf, invalid } from '../../errors.js';
import { civilDateAt, endOfDay, endOfMonth } from '../../time/civil.js';
import { precisions, type DueMoment } from '../../time/due-moment.js';
import { formatInZone, isoInZone } from '../../time/format.js';
import { checkInstantRange } from '../../time/instant-range.js';
import { readDue, readInstant } from '../../time/read-due.js';
import { assertZone } from '../../time/zone.js';
import {
  checkEmail,
  checkList,
  checkOffsets,
  checkSlug,
  checkSources,
  checkText,
} from '../check-input.js';
import { deadlineStatuses, deliveries, issueStatuses, type DeadlineStatus, type Delivery, type IssueStatus } from '../../domain/vocabulary.js';
import { deadlineLimits } from '../create-deadline.js';
import { issueLimits } from '../create-issue.js';
import type { ProblemList, RowRef } from './import-problems.js';
import type { ParsedFile, ParsedRow, ParsedSubscriber, ParsedSubscription } from './parse-import-json.js';
import { deadlineKey, type DeadlineRecord, type IssueRecord } from './transfer-format.js';

export interface CleanIssue extends RowRef {
  slug: string;
  /** null when the file leaves it out: fine for an issue that already exists, a problem for a new one. */
  title: string | null;
  titleField: string;
  summary: string;
  parties: string[];
  tags: string[];
  sources: string[];
  status: IssueStatus;
  offsets: string[] | null;
}

export interface CleanDeadline extends RowRef {
  issue: string;
  key: string;
  title: string;
  announcedAt: Date;
  zone: string;
  due: DueMoment;
  expression: string;
  demandedBy: string;
  demandedOf: string;
  sources: string[];
  status: DeadlineStatus;
  resolutionNote: string | null;
  offsets: string[] | null;
}

export interface CleanSubscriber extends RowRef {
  email: string;
  zone: string;
  delivery: Delivery;
  weekday?: Weekday;
  remindersJson?: string | null;
  confirmed: boolean;
  subscriptions: ParsedSubscription[];
}

export interface CheckedRows {
  issues: CleanIssue[];
  deadlines: CleanDeadline[];
  subscribers: CleanSubscriber[];
}

export interface CheckOptions {
  now: Date;
  defaultZone: string;
  /** Called every few hundred rows, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export const keyLimit = 300;
const expressionLimit = 500;

export function checkImportRows(parsed: ParsedFile, options: CheckOptions): CheckedRows {
  const problems = parsed.problems;
  const csv = parsed.format === 'csv';
  const total = parsed.issues.length + parsed.deadlines.length + parsed.subscribers.length;
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 250 === 0 || done === total) options.onProgress?.(done, total);
  };
  const result: CheckedRows = { issues: [], deadlines: [], subscribers: [] };
  const memo = memoized(options);
  for (const row of parsed.issues) {
    const issue = checkIssueRow(row, problems, csv);
    if (issue) result.issues.push(issue);
    tick();
  }
  for (const row of parsed.deadlines) {
    const deadline = checkDeadlineRow(row, row.issue, problems, memo, csv);
    if (deadline) result.deadlines.push(deadline);
    tick();
  }
  for (const row of parsed.subscribers) {
    const subscriber = checkSubscriberRow(row, problems, memo);
    if (subscriber) result.subscribers.push({ ...subscriber, subscriptions: row.subscriptions });
    tick();
  }
  return result;
}

/**
 * Runs each field's check, records its problem, and says whether the row is clean. A field whose type was
 * already reported by the parser is not checked again.
 */
function rowChecker(row: ParsedRow<unknown>, problems: ProblemList) {
  const before = problems.size;
  // '*': the record is not even an object (reported by the parser); nothing more to say about it.
  const check = <T>(field: string, fn: () => T): T | undefined => (row.reported.has(field) || row.reported.has('*') ? undefined : problems.check(row, fn));
  return { check, clean: () => problems.size === before && !row.reported.size };
}

function checkIssueRow(row: ParsedRow<IssueRecord>, problems: ProblemList, csv: boolean): CleanIssue | undefined {
  const { check, clean } = rowChecker(row, problems);
  const r = row.record;
  const titleField = csv ? 'issue_title' : 'title';
  const slug = check('slug', () => checkSlug(r.slug ?? '', csv ? 'issue' : 'slug'));
  const title = r.title === undefined ? null : check('title', () => checkText(r.title!, titleField, { max: issueLimits.title, required: true }));
  const summary = check('summary', () => checkText(r.summary ?? '', 'summary', { max: issueLimits.summary }));
  const parties = check('parties', () => checkList(r.parties ?? [], 'parties', { max: issueLimits.party }));
  const tags = check('tags', () => checkList(r.tags ?? [], 'tags', { max: issueLimits.tag }));
  const sources = check('sources', () => checkSources(r.sources ?? [], 'sources'));
  const status = check('status', () => checkOneOf(r.status ?? 'open', issueStatuses, 'status'));
  const offsets = check('offsets', () => (r.offsets == null ? null : checkOffsets(r.offsets, 'offsets')));
  if (!clean()) return undefined;
  return { row: row.row, where: row.where, slug: slug!, title: title ?? null, titleField, summary: summary!, parties: parties!, tags: tags!, sources: sources!, status: status!, offsets: offsets ?? null };
}

/**
 * Zones and announcement days repeat across the rows of a big file and reading them is the costly part
 * (each zone check builds an Intl formatter), so each distinct one is read once per import.
 */
function memoized(options: CheckOptions) {
  const zones = new Map<string, string>();
  const announcements = new Map<string, Date>();
  return {
    zone(value: string | undefined): string {
      const text = value ?? options.defaultZone;
      let zone = zones.get(text);
      if (zone === undefined) zones.set(text, (zone = assertZone(text, 'zone')));
      return zone;
    },
    announced(value: string | undefined, zone: string): Date {
      if (value === undefined) return options.now;
      const key = `${zone}\u0000${value}`;
      let at = announcements.get(key);
      if (at === undefined) announcements.set(key, (at = readAnnounced(value, options.now, zone)));
      return new Date(at.getTime());
    },
  };
}

type Memo = ReturnType<typeof memoized>;

function checkDeadlineRow(row: ParsedRow<DeadlineRecord>, issue: string, problems: ProblemList, memo: Memo, csv: boolean): CleanDeadline | undefined {
  const { check, clean } = rowChecker(row, problems);
  const r = row.record;
  const title = check('title', () => checkText(required(r.title, 'title'), 'title', { max: deadlineLimits.title, required: true }));
  const zone = check('zone', () => memo.zone(r.zone));
  // The announcement and the due date are read in the zone, so they are only read once it is known.
  const announcedAt = zone === undefined ? undefined : check('announced', () => memo.announced(r.announced, zone));
  const due = zone === undefined || announcedAt === undefined ? undefined : check('due', () => readImportedDue(r, announcedAt, zone));
  const key = r.key === undefined ? undefined : check('key', () => checkText(r.key!, 'key', { max: keyLimit, required: true }));
  const demandedBy = check('by', () => checkText(r.by ?? '', 'by', { max: deadlineLimits.party }));
  const demandedOf = check('to', () => checkText(r.to ?? '', 'to', { max: deadlineLimits.party }));
  const sources = check('sources', () => checkSources(r.sources ?? [], 'sources'));
  const status = check('status', () => checkOneOf(r.status ?? 'pending', deadlineStatuses, 'status'));
  const noteField = csv ? 'resolution_note' : 'resolutionNote';
  const note = check('resolutionNote', () => checkText(r.resolutionNote ?? '', noteField, { max: deadlineLimits.note }));
  const offsets = check('offsets', () => (r.offsets == null ? null : checkOffsets(r.offsets, 'offsets')));
  if (!clean() || title === undefined || zone === undefined || announcedAt === undefined || due === undefined) return undefined;
  return {
    row: row.row,
    where: row.where,
    issue: issue.trim(),
    key: key ?? deadlineKey(issue.trim(), title, r.announced === undefined ? null : { at: announcedAt, zone }),
    title,
    announcedAt,
    zone,
    due: due.due,
    expression: due.expression,
    demandedBy: demandedBy!,
    demandedOf: demandedOf!,
    sources: sources!,
    status: status!,
    resolutionNote: note ? note : null,
    offsets: offsets ?? null,
  };
}

function checkSubscriberRow(row: ParsedSubscriber, problems: ProblemList, memo: Memo) {
  const { check, clean } = rowChecker(row, problems);
  const r = row.record;
  const email = check('email', () => checkEmail(required(r.email, 'email'), 'email'));
  const zone = check('zone', () => memo.zone(r.zone));
  const delivery = check('delivery', () => checkOneOf(r.delivery ?? 'immediate', deliveries, 'delivery'));
  const weekday = check('weekday', () => checkChoices({ weekday: r.weekday }).weekday);
  const reminders = check('reminders', () => (r.reminders === undefined ? undefined : checkChoices({ reminders: Array.isArray(r.reminders) ? r.reminders.map(String) : String(r.reminders) }).remindersJson));
  // Checked here, before the planner looks the slugs and keys up: PostgreSQL refuses a lone surrogate in
  // a query parameter with an error of its own, which had ended the import with exit 1.
  for (const subscription of row.subscriptions) {
    check(`${subscription.label}.issue`, () => checkSlug(subscription.issue, `${subscription.label}.issue`));
    if (subscription.deadline !== null) check(`${subscription.label}.deadline`, () => checkText(subscription.deadline!, `${subscription.label}.deadline`, { max: keyLimit, required: true }));
  }
  if (!clean()) return undefined;
  return { row: row.row, where: row.where, email: email!, zone: zone!, delivery: delivery!, weekday, remindersJson: reminders, confirmed: r.confirmed ?? true };
}

/** A field the file leaves out (or, in CSV, leaves empty) that every row needs. */
function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new AppError('validation', `${field} is missing`, { field });
  return value;
}

/** Like `--announced`: default now, and not in the future. */
function readAnnounced(expression: string | undefined, now: Date, zone: string): Date {
  if (expression === undefined) return now;
  const at = readInstant(expression, { now, zone, field: 'announced' });
  if (at.getTime() > now.getTime()) throw invalid('announced', expression, `is in the future (it reads as ${formatInZone(at, zone)}; now is ${formatInZone(now, zone)})`);
  return at;
}

/**
 * Without `expression`, `due` is read like `--due`. With it (as export writes), `due` is the exact instant
 * and `precision` says what it stands for; nothing is re-read, because an extended deadline's wording was
 * read relative to the extension, not to the announcement.
 */
function readImportedDue(r: Partial<DeadlineRecord>, announcedAt: Date, zone: string): { due: DueMoment; expression: string } {
  if (r.expression === undefined) {
    if (r.precision !== undefined) throw invalid('precision', r.precision, 'is only read together with expression (the wording of an exported due date); leave it out when due is a phrase or date to be read');
    const reading = readDue(required(r.due, 'due'), { announcedAt, zone, field: 'due' });
    return { due: reading.due, expression: reading.expression };
  }
  const expression = checkText(r.expression, 'expression', { max: expressionLimit, required: true });
  const precision = checkOneOf(r.precision ?? 'instant', precisions, 'precision');
  const text = (r.due ?? '').trim();
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid || !/T.*(Z|[+-]\d\d(:?\d\d)?)$/i.test(text)) {
    throw invalid('due', r.due ?? '', 'is not an ISO instant with an offset (e.g. 2020-05-31T23:59:59.999+09:00), which due must be when expression is given; leave expression out to have due read as a phrase');
  }
  const instant = checkInstantRange(parsed.toJSDate(), 'due', r.due);
  if (precision !== 'instant') {
    const local = civilDateAt(instant, zone);
    const end = precision === 'day' ? endOfDay(local, zone) : endOfMonth(local.year, local.month, zone);
    if (end.getTime() !== instant.getTime()) {
      throw invalid('due', r.due, `is not the end of a ${precision} in ${zone}, as precision "${precision}" says (that would be ${isoInZone(end, zone)})`);
    }
  }
  if (instant.getTime() < announcedAt.getTime()) {
    throw invalid('due', r.due, `is before the announcement (${formatInZone(announcedAt, zone)}); a deadline cannot fall due before it is announced`);
  }
  return { due: { instant, zone, precision }, expression };
}
