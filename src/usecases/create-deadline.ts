// `docket deadline add`, in two steps so the CLI can show what it understood before saving:
// planDeadline reads and checks everything (and writes nothing); saveDeadline writes the deadline, its
// `deadline.created` event and the re-plan mark in one transaction. createDeadline does both.
import { AppError, invalid } from '../errors.js';
import type { TrackedIssue } from '../store/models.js';
import { replanDeadlines } from '../store/replan.js';
import type { Tx } from '../store/open-store.js';
import { describeDue } from '../time/describe-due.js';
import { formatInZone, isoInZone } from '../time/format.js';
import { readDue, readInstant, type DueReading } from '../time/read-due.js';
import { assertZone } from '../time/zone.js';
import { checkOffsets, checkSources, checkText, conflict } from './check-input.js';
import { requireIssue, type DeadlineWithIssue } from './find-records.js';
import { dueJson } from './json-views.js';
import { recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface DeadlineInput {
  /** The issue's slug. */
  issue: string;
  title: string;
  /** What was said about the date: "by the end of this month", "2020-05-31T17:00", … */
  due: string;
  /** When the demand was made; default now. */
  announced?: string;
  /** IANA zone of the demanding government; default the installation's defaultZone. */
  zone?: string;
  demandedBy?: string;
  demandedOf?: string;
  sources?: string[];
  offsets?: string | string[];
  /** The sentence the deadline was read from (`deadline add --from`), kept in its history. */
  evidence?: string;
}

export interface DeadlineDraft {
  issue: TrackedIssue;
  title: string;
  reading: DueReading;
  announcedAt: Date;
  demandedBy: string;
  demandedOf: string;
  sources: string[];
  offsets: string[] | null;
  evidence: string | undefined;
  /** 'Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)' */
  description: string;
  /** 'Tue 12 May 2020, 18:38 UTC+9' */
  announcedText: string;
}

export const deadlineLimits = { title: 500, party: 200, note: 5000 } as const;

export async function planDeadline(db: Tx, input: DeadlineInput, options: { now: Date; defaultZone: string }): Promise<DeadlineDraft> {
  const title = checkText(input.title, 'title', { max: deadlineLimits.title, required: true });
  const zone = assertZone(input.zone ?? options.defaultZone, 'zone');
  const announcedAt = readAnnouncement(input.announced, options.now, zone);
  const reading = readDue(input.due, { announcedAt, zone, field: 'due' });
  const demandedBy = checkText(input.demandedBy ?? '', 'demandedBy', { max: deadlineLimits.party });
  const demandedOf = checkText(input.demandedOf ?? '', 'demandedOf', { max: deadlineLimits.party });
  const sources = checkSources(input.sources ?? []);
  const offsets = input.offsets === undefined ? null : checkOffsets(input.offsets);
  const evidence = input.evidence === undefined ? undefined : checkText(input.evidence, 'evidence', { max: deadlineLimits.note });
  const issue = await requireIssue(db, input.issue, 'issue');
  assertIssueOpen(issue);
  return {
    issue,
    title,
    reading,
    announcedAt,
    demandedBy,
    demandedOf,
    sources,
    offsets,
    evidence,
    description: describeDue(reading.due, { at: announcedAt, label: 'from announcement' }),
    announcedText: formatInZone(announcedAt, zone),
  };
}

export async function saveDeadline(ctx: WriteContext, draft: DeadlineDraft): Promise<DeadlineWithIssue> {
  return ctx.db.$transaction(async (tx) => {
    // The issue may have been closed or removed while a person read the preview.
    const issue = await tx.trackedIssue.findUnique({ where: { id: draft.issue.id } });
    if (!issue) throw new AppError('not_found', `no issue "${draft.issue.slug}"`, { field: 'issue', value: draft.issue.slug });
    assertIssueOpen(issue);
    const { due, expression } = draft.reading;
    const deadline = await tx.deadline.create({
      data: {
        issueId: issue.id,
        title: draft.title,
        demandedBy: draft.demandedBy,
        demandedOf: draft.demandedOf,
        announcedAt: draft.announcedAt,
        dueAt: due.instant,
        zone: due.zone,
        precision: due.precision,
        expression,
        sourcesJson: JSON.stringify(draft.sources),
        offsetsJson: draft.offsets === null ? null : JSON.stringify(draft.offsets),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      },
      include: { issue: true },
    });
    await recordEvent(tx, {
      issueId: issue.id,
      deadlineId: deadline.id,
      kind: 'deadline.created',
      actor: ctx.actor,
      at: ctx.now,
      data: {
        title: deadline.title,
        due: dueJson(deadline),
        announcedAt: isoInZone(deadline.announcedAt, deadline.zone),
        demandedBy: deadline.demandedBy,
        demandedOf: deadline.demandedOf,
        ...(draft.evidence ? { evidence: draft.evidence } : {}),
      },
    });
    await replanDeadlines(tx, [deadline.id]);
    return deadline;
  });
}

export async function createDeadline(ctx: WriteContext, input: DeadlineInput, options: { defaultZone: string }): Promise<DeadlineWithIssue> {
  const draft = await planDeadline(ctx.db, input, { now: ctx.now, defaultZone: options.defaultZone });
  return saveDeadline(ctx, draft);
}

/** --announced: when the demand (or extension) was made. Not in the future: "in 19 days from announcement" must mean something. */
export function readAnnouncement(expression: string | undefined, now: Date, zone: string): Date {
  if (expression === undefined) return now;
  const at = readInstant(expression, { now, zone, field: 'announced' });
  if (at.getTime() > now.getTime()) throw invalid('announced', expression, `is in the future (it reads as ${formatInZone(at, zone)}; now is ${formatInZone(now, zone)})`);
  return at;
}

function assertIssueOpen(issue: TrackedIssue): void {
  if (issue.status !== 'open') throw conflict(`issue "${issue.slug}" is closed; reopen it (\`docket issue reopen ${issue.slug}\`) before adding deadlines`, 'issue', issue.slug);
}
