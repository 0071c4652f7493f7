// `docket import`: loads issues, deadlines, subscribers and subscriptions from a JSON or CSV file. All or
// nothing: every row is checked (and every problem listed) before anything is written, and the writes are
// one transaction. Records already in the store are matched by natural key and skipped, so importing the
// same file twice creates nothing the second time.
//
// Imported deadlines record `deadline.created` in their history but do not email "new deadline" notices:
// import loads or moves data (a first setup, SQLite → PostgreSQL), where such a notice would be news to no
// one. Their reminders are planned by the next tick as for any new deadline.
import path from 'node:path';
import { AppError } from '../../errors.js';
import { replanDeadlines, replanIssue } from '../../store/replan.js';
import type { Tx } from '../../store/open-store.js';
import { isoInZone } from '../../time/format.js';
import { isUniqueViolation } from '../check-input.js';
import { checkImportRows } from './check-import-rows.js';
import { refuseImport } from './import-problems.js';
import { dueJson } from '../json-views.js';
import { parseImportCsv } from './parse-import-csv.js';
import { parseImportJson, type ParsedFile } from './parse-import-json.js';
import { chunks, planImport, type ImportCounts, type ImportPlan } from './plan-import.js';
import type { WriteContext } from '../write-context.js';

export type { ImportCounts };

export type ImportFormat = 'json' | 'csv';

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Names the file in messages. */
  source: string;
  defaultZone: string;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  source: string;
  format: ImportFormat;
  dryRun: boolean;
  /** Records in the file (issues, deadlines, subscribers). */
  rows: number;
  /** What was (or, on a dry run, would be) created. */
  created: ImportCounts;
  /** What was already in the store and left as it was. */
  skipped: ImportCounts;
}

/** Big imports take longer than Prisma's 5 s default for an interactive transaction. */
const transactionTimeoutMs = 10 * 60_000;

/** By extension (.json, .csv); otherwise by the first character, as JSON starts with `{`. */
export function importFormatOf(source: string, text: string): ImportFormat {
  const ext = path.extname(source).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return /^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'csv';
}

export function parseImportFile(text: string, source: string, format: ImportFormat = importFormatOf(source, text)): ParsedFile {
  return format === 'json' ? parseImportJson(text, source) : parseImportCsv(text, source);
}

export async function importRecords(ctx: WriteContext, parsed: ParsedFile, options: ImportOptions): Promise<ImportReport> {
  const rows = checkImportRows(parsed, {
    now: ctx.now,
    defaultZone: options.defaultZone,
    onProgress: (done, total) => options.onProgress?.({ phase: 'checking', done, total }),
  });
  const fileSlugs = new Set(parsed.issues.map((issue) => (typeof issue.record.slug === 'string' ? issue.record.slug.trim() : '')));
  const plan = await planImport(ctx.db, rows, parsed.problems, { csv: parsed.format === 'csv', fileSlugs });
  if (parsed.problems.size > 0) throw refuseImport(parsed.problems.items, options.source);
  const report: ImportReport = {
    source: options.source,
    format: parsed.format,
    dryRun: options.dryRun ?? false,
    rows: parsed.rows,
    created: { issues: plan.issues.length, deadlines: plan.deadlines.length, subscribers: plan.subscribers.length, subscriptions: plan.subscriptions.length },
    skipped: plan.skipped,
  };
  if (report.dryRun || Object.values(report.created).every((n) => n === 0)) return report;
  try {
    await ctx.db.$transaction((tx) => writePlan(tx, plan, ctx, options.onProgress), { timeout: transactionTimeoutMs, maxWait: 30_000 });
  } catch (error) {
    // Another admin or import added some of the same records between the check and the write.
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `${options.source}: the store changed while importing (some of these records were added meanwhile); nothing was imported. Run the import again: what is there now will be skipped.`, { cause: error });
    }
    throw error;
  }
  return report;
}

async function writePlan(tx: Tx, plan: ImportPlan, ctx: WriteContext, onProgress: ImportOptions['onProgress']): Promise<void> {
  const total = plan.issues.length + plan.deadlines.length + plan.subscribers.length + plan.subscriptions.length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    onProgress?.({ phase: 'writing', done, total });
  };
  const { now, actor } = ctx;
  const issueIds = new Map(plan.existing.issues);
  for (const part of chunks(plan.issues)) {
    const created = await tx.trackedIssue.createManyAndReturn({
      data: part.map((issue) => ({
        slug: issue.slug,
        title: issue.title!,
        summary: issue.summary,
        partiesJson: JSON.stringify(issue.parties),
        tagsJson: JSON.stringify(issue.tags),
        sourcesJson: JSON.stringify(issue.sources),
        status: issue.status,
        offsetsJson: issue.offsets === null ? null : JSON.stringify(issue.offsets),
        createdAt: now,
        updatedAt: now,
      })),
      select: { id: true, slug: true, title: true },
    });
    for (const issue of created) issueIds.set(issue.slug, issue.id);
    await tx.event.createMany({
      data: created.map((issue) => ({ issueId: issue.id, kind: 'issue.created', actor, at: now, notify: false, dataJson: JSON.stringify({ slug: issue.slug, title: issue.title, via: 'import' }) })),
    });
    progress(part.length);
  }

  const deadlineIds = new Map(plan.existing.deadlines);
  for (const part of chunks(plan.deadlines)) {
    const created = await tx.deadline.createManyAndReturn({
      data: part.map((d) => ({
        issueId: issueIds.get(d.issue)!,
        title: d.title,
        demandedBy: d.demandedBy,
        demandedOf: d.demandedOf,
        announcedAt: d.announcedAt,
        dueAt: d.due.instant,
        zone: d.due.zone,
        precision: d.due.precision,
        expression: d.expression,
        sourcesJson: JSON.stringify(d.sources),
        status: d.status,
        resolutionNote: d.resolutionNote,
        offsetsJson: d.offsets === null ? null : JSON.stringify(d.offsets),
        importKey: d.key,
        createdAt: now,
        updatedAt: now,
      })),
      select: { id: true, importKey: true },
    });
    const idOf = new Map(created.map((row) => [row.importKey!, row.id]));
    await tx.event.createMany({
      data: part.map((d) => ({
        issueId: issueIds.get(d.issue)!,
        deadlineId: idOf.get(d.key)!,
        kind: 'deadline.created',
        actor,
        at: now,
        // Recorded like `deadline add` records it, but not news to email (see the top of this file).
        notify: false,
        dataJson: JSON.stringify({
          title: d.title,
          due: dueJson({ dueAt: d.due.instant, zone: d.due.zone, precision: d.due.precision, expression: d.expression }),
          announcedAt: isoInZone(d.announcedAt, d.zone),
          demandedBy: d.demandedBy,
          demandedOf: d.demandedOf,
          status: d.status,
          via: 'import',
        }),
      })),
    });
    for (const [key, id] of idOf) deadlineIds.set(key, id);
    progress(part.length);
  }

  const subscriberIds = new Map(plan.existing.subscribers);
  for (const part of chunks(plan.subscribers)) {
    const created = await tx.subscriber.createManyAndReturn({
      data: part.map((s) => ({ email: s.email, zone: s.zone, delivery: s.delivery, ...(s.weekday !== undefined && { weekday: s.weekday }), ...(s.remindersJson !== undefined && { remindersJson: s.remindersJson }), confirmedAt: s.confirmed ? now : null, createdAt: now, updatedAt: now })),
      select: { id: true, email: true },
    });
    for (const subscriber of created) subscriberIds.set(subscriber.email, subscriber.id);
    progress(part.length);
  }

  // New deadlines wait for planning already; existing ones a new subscription covers must be re-planned.
  const replanIssues = new Set<number>();
  const replanIds: number[] = [];
  const storedDeadlineIds = new Set(plan.existing.deadlines.values());
  for (const part of chunks(plan.subscriptions)) {
    await tx.subscription.createMany({
      data: part.map((s) => {
        const issueId = issueIds.get(s.issue)!;
        const deadlineId = s.deadline === null ? null : deadlineIds.get(s.deadline)!;
        if (plan.existing.issues.has(s.issue)) {
          if (deadlineId === null) replanIssues.add(issueId);
          else if (storedDeadlineIds.has(deadlineId)) replanIds.push(deadlineId);
        }
        return { subscriberId: subscriberIds.get(s.email)!, issueId, deadlineId, scope: deadlineId === null ? 'issue' : `deadline:${deadlineId}`, createdAt: now };
      }),
    });
    progress(part.length);
  }
  for (const issueId of replanIssues) await replanIssue(tx, issueId);
  for (const part of chunks(replanIds)) await replanDeadlines(tx, part);
}
