// `docket export`: the whole store (issues, deadlines, subscribers, subscriptions) in the format `docket
// import` reads (transfer-format.ts), so export → import moves a store without losing a due moment. Each
// due date is written as the exact instant in the deadline's zone with its precision and original wording;
// import takes those as they are instead of re-reading the wording. History is not exported.
import { defaultWeekday } from '../domain/vocabulary.js';
import { reminderList } from '../subscriber/choices.js';
import { stringify } from 'csv-stringify/sync';
import { protectCell } from './import/csv-cells.js';
import type { Tx } from '../store/open-store.js';
import { isoInZone } from '../time/format.js';
import { parseList } from './json-views.js';
import {
  assignDeadlineKeys,
  csvColumns,
  joinSources,
  transferVersion,
  type CsvColumn,
  type DeadlineRecord,
  type IssueRecord,
  type SubscriberRecord,
  type SubscriptionRecord,
} from './import/transfer-format.js';

export interface ExportDocument {
  version: number;
  exportedAt: string;
  issues: Array<IssueRecord & { deadlines: Array<DeadlineRecord & { key: string }> }>;
  subscribers: SubscriberRecord[];
}

export async function exportDocument(db: Tx, options: { now: Date }): Promise<ExportDocument> {
  const { issues, keys } = await loadIssues(db);
  // Channels are not exported: their URLs and secrets are credentials that belong to one installation.
  const subscribers = await db.subscriber.findMany({ where: { kind: 'email' }, orderBy: { email: 'asc' }, include: { subscriptions: { orderBy: { id: 'asc' } } } });
  const slugOf = new Map(issues.map((issue) => [issue.id, issue.slug]));
  return {
    version: transferVersion,
    exportedAt: options.now.toISOString(),
    issues: issues.map((issue) => ({
      slug: issue.slug,
      title: issue.title,
      summary: issue.summary,
      parties: parseList(issue.partiesJson),
      tags: parseList(issue.tagsJson),
      sources: parseList(issue.sourcesJson),
      status: issue.status,
      offsets: issue.offsetsJson === null ? null : parseList(issue.offsetsJson),
      deadlines: issue.deadlines.map((d) => ({
        key: keys.get(d.id)!,
        title: d.title,
        due: isoInZone(d.dueAt, d.zone),
        precision: d.precision,
        expression: d.expression,
        announced: isoInZone(d.announcedAt, d.zone),
        zone: d.zone,
        by: d.demandedBy,
        to: d.demandedOf,
        sources: parseList(d.sourcesJson),
        status: d.status,
        resolutionNote: d.resolutionNote,
        offsets: d.offsetsJson === null ? null : parseList(d.offsetsJson),
      })),
    })),
    subscribers: subscribers.map((s) => ({
      email: s.email,
      zone: s.zone,
      delivery: s.delivery,
      ...(s.weekday !== defaultWeekday && { weekday: s.weekday }),
      ...(s.remindersJson !== null && { reminders: reminderList(s.remindersJson) }),
      confirmed: s.confirmedAt !== null,
      subscriptions: s.subscriptions.map(
        (sub): SubscriptionRecord => (sub.deadlineId === null ? slugOf.get(sub.issueId)! : { issue: slugOf.get(sub.issueId)!, deadline: keys.get(sub.deadlineId)! }),
      ),
    })),
  };
}

/** One row per deadline (transfer-format.ts `csvColumns`); issues without deadlines and subscribers are JSON-only. */
export async function exportCsv(db: Tx): Promise<string> {
  const { issues, keys } = await loadIssues(db);
  const rows: Array<Record<CsvColumn, string | number>> = [];
  for (const issue of issues) {
    for (const d of issue.deadlines) {
      rows.push({
        issue: issue.slug,
        issue_title: issue.title,
        title: d.title,
        due: isoInZone(d.dueAt, d.zone),
        announced: isoInZone(d.announcedAt, d.zone),
        zone: d.zone,
        by: d.demandedBy,
        to: d.demandedOf,
        sources: joinSources(parseList(d.sourcesJson)),
        status: d.status,
        id: d.id,
        dueAt: d.dueAt.toISOString(),
        precision: d.precision,
        expression: d.expression,
        key: keys.get(d.id)!,
        resolution_note: d.resolutionNote ?? '',
      });
    }
  }
  return stringify(rows, { header: true, columns: [...csvColumns], cast: { string: protectCell } });
}

/** Issues by slug with their deadlines in the order they were added, and every deadline's key. */
async function loadIssues(db: Tx) {
  const issues = await db.trackedIssue.findMany({ orderBy: { slug: 'asc' }, include: { deadlines: { orderBy: { id: 'asc' } } } });
  const keys = new Map<number, string>();
  for (const issue of issues) {
    assignDeadlineKeys(issue.slug, issue.deadlines).forEach((key, i) => keys.set(issue.deadlines[i]!.id, key));
  }
  return { issues, keys };
}
