// `docket deadline extend`: the demanding party set a new date. The deadline becomes `extended` (still
// open, still reminded), its revision goes up (alert keys and the .ics SEQUENCE hang on it), and the
// history keeps the old and the new due moment. Subscribers are told.
import { invalid } from '../errors.js';
import { replanDeadlines } from '../store/replan.js';
import { formatDueShort } from '../time/format.js';
import type { DueMoment } from '../time/due-moment.js';
import { readDue } from '../time/read-due.js';
import { assertZone } from '../time/zone.js';
import { checkText, conflict } from './check-input.js';
import { deadlineLimits, readAnnouncement } from './create-deadline.js';
import { requireDeadline, type DeadlineWithIssue } from './find-records.js';
import { dueJson, dueMomentOf } from './json-views.js';
import { recordEvent } from './record-event.js';
import type { WriteContext } from './write-context.js';

export interface ExtendInput {
  /** The new date, read relative to when the extension was announced. */
  due: string;
  /** When the extension was announced; default now. */
  announced?: string;
  /** Default: the deadline's zone. */
  zone?: string;
  note?: string;
}

/** The new due moment an extension would set, checked against the deadline, without writing anything. */
export async function previewExtension(ctx: Pick<WriteContext, 'db' | 'now'>, id: string | number, input: ExtendInput): Promise<DueMoment> {
  const deadline = await requireDeadline(ctx.db, id);
  return readExtension(deadline, input, ctx.now).due;
}

function readExtension(deadline: DeadlineWithIssue, input: ExtendInput, now: Date): { due: DueMoment; expression: string } {
  if (deadline.status !== 'pending' && deadline.status !== 'extended') {
    throw conflict(`deadline ${deadline.id} is ${deadline.status}; only a pending or extended deadline can be extended`, 'id', deadline.id);
  }
  const zone = input.zone === undefined ? deadline.zone : assertZone(input.zone, 'zone');
  const announcedAt = readAnnouncement(input.announced, now, zone);
  const { due, expression } = readDue(input.due, { announcedAt, zone, field: 'due' });
  if (sameMoment(due, dueMomentOf(deadline))) {
    throw invalid('due', input.due, `is the deadline's current due moment (${formatDueShort(due)}, ${due.zone}); nothing to extend`);
  }
  return { due, expression };
}

export async function extendDeadline(ctx: WriteContext, id: string | number, input: ExtendInput): Promise<DeadlineWithIssue> {
  const note = input.note === undefined ? null : checkText(input.note, 'note', { max: deadlineLimits.note }) || null;
  return ctx.db.$transaction(async (tx) => {
    const deadline = await requireDeadline(tx, id);
    const { due, expression } = readExtension(deadline, input, ctx.now);
    const from = dueJson(deadline);
    const updated = await tx.deadline.update({
      where: { id: deadline.id },
      data: {
        dueAt: due.instant,
        zone: due.zone,
        precision: due.precision,
        expression,
        status: 'extended',
        revision: { increment: 1 },
        updatedAt: ctx.now,
      },
      include: { issue: true },
    });
    await recordEvent(tx, {
      issueId: deadline.issueId,
      deadlineId: deadline.id,
      kind: 'deadline.extended',
      actor: ctx.actor,
      at: ctx.now,
      data: { from, to: dueJson(updated), note },
    });
    await replanDeadlines(tx, [deadline.id]);
    return updated;
  });
}

export function sameMoment(a: { instant: Date; zone: string; precision: string }, b: { instant: Date; zone: string; precision: string }): boolean {
  return a.instant.getTime() === b.instant.getTime() && a.zone === b.zone && a.precision === b.precision;
}
