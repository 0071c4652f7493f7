// `docket deadline update`: corrections. A changed due moment (from --due or --zone) is recorded as
// `deadline.extended` with via: 'update' and bumps the revision, but keeps the status (a correction is
// not an extension granted by the demanding party); every other change is a `deadline.updated` event
// with from → to per field.
import { AppError, invalid } from '../errors.js';
import { replanDeadlines } from '../store/replan.js';
import { readDue } from '../time/read-due.js';
import { assertZone } from '../time/zone.js';
import { checkOffsets, checkSources, checkText } from './check-input.js';
import { deadlineLimits } from './create-deadline.js';
import { sameMoment } from './extend-deadline.js';
import { requireDeadline, type DeadlineWithIssue } from './find-records.js';
import { deadlineJson, dueJson, dueMomentOf } from './json-views.js';
import { diffFields, recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface DeadlineChanges {
  title?: string;
  demandedBy?: string;
  demandedOf?: string;
  sources?: string[];
  /** Re-read relative to the deadline's announcement. */
  due?: string;
  /** Alone, re-reads the current wording in the new zone. */
  zone?: string;
  /** "default" returns to the issue's offsets. */
  offsets?: string | string[];
}

export interface DeadlineUpdate {
  deadline: DeadlineWithIssue;
  /** Fields other than the due moment whose value changed. */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** Whether the due moment moved. */
  dueChanged: boolean;
}

export async function updateDeadline(ctx: WriteContext, id: string | number, input: DeadlineChanges): Promise<DeadlineUpdate> {
  const wanted: Record<string, unknown> = {};
  if (input.title !== undefined) wanted.title = checkText(input.title, 'title', { max: deadlineLimits.title, required: true });
  if (input.demandedBy !== undefined) wanted.demandedBy = checkText(input.demandedBy, 'demandedBy', { max: deadlineLimits.party });
  if (input.demandedOf !== undefined) wanted.demandedOf = checkText(input.demandedOf, 'demandedOf', { max: deadlineLimits.party });
  if (input.sources !== undefined) wanted.sources = checkSources(input.sources);
  if (input.offsets !== undefined) wanted.offsets = checkOffsets(input.offsets);
  const zoneGiven = input.zone === undefined ? undefined : assertZone(input.zone, 'zone');
  if (Object.keys(wanted).length === 0 && input.due === undefined && zoneGiven === undefined) {
    throw new AppError('usage', 'nothing to update: give at least one of --title, --by, --to, --source, --due, --zone, --offsets');
  }

  return ctx.db.$transaction(async (tx) => {
    const deadline = await requireDeadline(tx, id);
    let due = null;
    if (input.due !== undefined || zoneGiven !== undefined) {
      // An extension's wording was read relative to the extension, not the original announcement, so
      // re-reading it in another zone from here could move it by days; ask for the date itself.
      if (input.due === undefined && deadline.status === 'extended') {
        throw invalid('zone', zoneGiven, `cannot be changed alone on an extended deadline: give --due as well (its current wording "${deadline.expression}" was read relative to the extension)`);
      }
      const zone = zoneGiven ?? deadline.zone;
      const reading = readDue(input.due ?? deadline.expression, { announcedAt: deadline.announcedAt, zone, field: input.due === undefined ? 'zone' : 'due' });
      if (!sameMoment(reading.due, dueMomentOf(deadline))) due = reading;
      else if (reading.expression !== deadline.expression) wanted.expression = reading.expression;
    }
    const changes = diffFields(deadlineJson(deadline) as unknown as Record<string, unknown>, wanted);
    if (due === null && Object.keys(changes).length === 0) return { deadline, changes, dueChanged: false };

    const value = <T>(field: string): T => changes[field]!.to as T;
    const updated = await tx.deadline.update({
      where: { id: deadline.id },
      data: {
        ...('title' in changes && { title: value<string>('title') }),
        ...('demandedBy' in changes && { demandedBy: value<string>('demandedBy') }),
        ...('demandedOf' in changes && { demandedOf: value<string>('demandedOf') }),
        ...('sources' in changes && { sourcesJson: JSON.stringify(value('sources')) }),
        ...('offsets' in changes && { offsetsJson: value<string[] | null>('offsets') === null ? null : JSON.stringify(value('offsets')) }),
        ...('expression' in changes && { expression: value<string>('expression') }),
        ...(due !== null && {
          dueAt: due.due.instant,
          zone: due.due.zone,
          precision: due.due.precision,
          expression: due.expression,
          revision: { increment: 1 },
        }),
        updatedAt: ctx.now,
      },
      include: { issue: true },
    });
    const event = { issueId: deadline.issueId, deadlineId: deadline.id, actor: ctx.actor, at: ctx.now };
    if (due !== null) {
      await recordEvent(tx, { ...event, kind: 'deadline.extended', data: { from: dueJson(deadline), to: dueJson(updated), note: null, via: 'update' } });
    }
    if (Object.keys(changes).length > 0) await recordEvent(tx, { ...event, kind: 'deadline.updated', data: { changes } });
    if (due !== null || 'offsets' in changes) await replanDeadlines(tx, [deadline.id]);
    return { deadline: updated, changes, dueChanged: due !== null };
  });
}
