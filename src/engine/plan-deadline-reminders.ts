// Reminder rows are made when their moment comes, not ahead: each tick runs a *pass* for every deadline
// whose next milestone has come (nextReminderAt <= now) or whose followers, zones, dates or policy changed
// (plannedAt = null, set by every writer). A pass looks at each zone its followers are in now, asks the
// pure milestonesDue which milestones are owed by now, and makes those rows with one INSERT … SELECT per
// milestone and range of subscriber ids. The unique key makes a second row impossible, so a pass can be
// repeated, raced by another instance, or cut off by a crash and redone.
import { empty, join, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { milestonesDue, nextMoment, type MilestoneStep } from '../alerts/milestones-due.js';
import { planReminders, type PlannedReminder } from '../alerts/plan-reminders.js';
import { resolvePolicy, type ReminderPolicy } from '../alerts/reminder-policy.js';
import type { Tx } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';
import type { Precision } from '../time/due-moment.js';
import type { EngineSettings } from './engine-config.js';
import { followerChunk, followerRanges, followerSource, followerZones, keyList, keySql, type FollowedTarget } from './follower-sql.js';
import { isOpenStatus } from '../domain/vocabulary.js';

export function reminderKey(subscriberId: number, deadlineId: number, revision: number, milestone: string): string {
  return `r:${subscriberId}:${deadlineId}:${revision}:${milestone}`;
}

/** The deadlines that need a pass at `now`, a page at a time (read-only). */
export async function deadlinesToPass(db: Tx, now: Date, take: number): Promise<Array<{ id: number }>> {
  return db.deadline.findMany({ where: { OR: [{ plannedAt: null }, { nextReminderAt: { lte: now } }] }, select: { id: true }, orderBy: { id: 'asc' }, take });
}

/**
 * Every pass due at `now`, as a stream of work: each value is the number of rows one statement made,
 * so the caller can send between statements. Ends when no deadline needs a pass.
 */
export interface PassOptions {
  /** When a pass's lease starts (a long tick's later moments); default `now`. */
  leaseFrom?: () => Date;
  /** The tick before this one (see PassContext.previousTick). */
  previousTick: Date | null;
}

export async function* passReminders(db: Tx, now: Date, settings: EngineSettings, options: PassOptions): AsyncGenerator<Made> {
  const leaseFrom = options.leaseFrom ?? (() => now);
  for (;;) {
    const page = await deadlinesToPass(db, now, settings.batchSize);
    if (page.length === 0) return;
    let passed = 0;
    for (const { id } of page) {
      const claim = await claimPass(db, id, now, new Date(leaseFrom().getTime() + settings.leaseMs));
      if (!claim) continue;
      passed += 1;
      yield* runPass(db, claim, now, settings, options);
    }
    // Every deadline of the page was taken by another instance: leave the rest to it.
    if (passed === 0) return;
  }
}

interface PassClaim {
  id: number;
  dirty: boolean;
}

/**
 * Takes a deadline for one pass: plannedAt is set (so writes made from now on mark it dirty again) and
 * nextReminderAt pushed a lease ahead (so a crashed pass is redone once it runs out, and another
 * instance leaves this one alone meanwhile).
 */
async function claimPass(db: Tx, id: number, now: Date, leaseUntil: Date): Promise<PassClaim | null> {
  const row = await db.deadline.findUnique({ where: { id }, select: { plannedAt: true, nextReminderAt: true } });
  if (!row || (row.plannedAt !== null && (row.nextReminderAt === null || row.nextReminderAt > now))) return null;
  const taken = await db.deadline.updateMany({
    where: { id, plannedAt: row.plannedAt, nextReminderAt: row.nextReminderAt },
    data: { plannedAt: now, nextReminderAt: leaseUntil },
  });
  return taken.count === 1 ? { id, dirty: row.plannedAt === null } : null;
}

/** What a pass needs to know about its deadline (read once, at its start). */
export interface PassSubject {
  target: FollowedTarget & { deadlineId: number };
  revision: number;
  open: boolean;
  dueAt: Date;
  zone: string;
  precision: Precision;
  policy: ReminderPolicy;
  dueSetAt: Date;
  /** When the last pass for this revision ran; null = none has. */
  decidedUntil: Date | null;
}

export async function passSubject(db: Tx, id: number, settings: EngineSettings): Promise<PassSubject | null> {
  const deadline = await db.deadline.findUnique({ where: { id }, include: { issue: { select: { status: true, offsetsJson: true } } } });
  if (!deadline) return null;
  return {
    target: { issueId: deadline.issueId, deadlineId: id },
    revision: deadline.revision,
    open: isOpenStatus(deadline.status) && deadline.issue.status === 'open',
    dueAt: deadline.dueAt,
    zone: deadline.zone,
    precision: deadline.precision as Precision,
    policy: resolvePolicy(settings.policy, parseList(deadline.issue.offsetsJson), parseList(deadline.offsetsJson)),
    dueSetAt: await lastDueChange(db, id, deadline.createdAt),
    decidedUntil: deadline.remindedRevision === deadline.revision ? deadline.remindedAt : null,
  };
}

export function planFor(subject: PassSubject, zone: string): PlannedReminder[] {
  return planReminders({ due: { instant: subject.dueAt, zone: subject.zone, precision: subject.precision }, subscriberZone: zone, policy: subject.policy });
}

async function* runPass(db: Tx, claim: PassClaim, now: Date, settings: EngineSettings, options: PassOptions): AsyncGenerator<Made> {
  const subject = await passSubject(db, claim.id, settings);
  if (!subject) return;
  let next: Date | null = null;
  if (subject.open) {
    for (const { zone, followers } of await followerZones(db, subject.target)) {
      const plan = planFor(subject, zone);
      const candidate = nextMoment(plan, now);
      if (candidate && (!next || candidate < next)) next = candidate;
      const steps = milestonesDue(plan, {
        now,
        dueInstant: subject.dueAt,
        dueSetAt: subject.dueSetAt,
        decidedUntil: subject.decidedUntil,
        dirty: claim.dirty,
        previousTick: options.previousTick,
        catchUp: settings.catchUp,
        lateAfterMs: settings.lateAfterMs,
        keepSince: new Date(now.getTime() - settings.keepAlertsMs),
      });
      if (steps.length === 0) continue;
      const ranges = await followerRanges(db, subject.target, { zone }, followerChunk, followers);
      for (const step of steps) {
        for (const range of ranges) {
          const made = await makeRows(db, insertReminders(db, subject, zone, step, range, now, settings, options.previousTick), step.late !== null || (claim.dirty && step.joinedBefore !== null));
          let resumed = false;
          try {
            yield made;
            resumed = true;
          } finally {
            // A graceful stop mid-pass: the pass is redone by the next start rather than after the lease.
            if (!resumed) await db.deadline.updateMany({ where: { id: claim.id }, data: { nextReminderAt: now } });
          }
        }
      }
    }
  }
  // Done: milestones up to `now` are decided for this revision; look again at the next one. A writer
  // that changed the date meanwhile bumped the revision and set plannedAt = null: leave that to the next pass.
  await db.deadline.updateMany({ where: { id: claim.id, revision: subject.revision }, data: { nextReminderAt: next, remindedAt: now, remindedRevision: subject.revision } });
}

/** What one planning statement made: rows, and how many of them say they are late. */
export interface Made {
  rows: number;
  late: number;
}

/** Runs an INSERT; when some rows may be late, it returns them to count those (only after downtime). */
async function makeRows(db: Tx, insert: Sql, mayBeLate: boolean): Promise<Made> {
  if (!mayBeLate) return { rows: await db.$executeRaw(insert), late: 0 };
  const rows = await db.$queryRaw<Array<{ late: number | bigint }>>(sql`${insert} RETURNING CASE WHEN "lateSince" IS NULL THEN 0 ELSE 1 END AS "late"`);
  return { rows: rows.length, late: rows.reduce((sum, row) => sum + Number(row.late), 0) };
}

/** One milestone's rows for one zone's followers in one id range (the SQL form of owedTo). */
function insertReminders(db: Tx, subject: PassSubject, zone: string, step: MilestoneStep, range: { after: number; upTo?: number }, now: Date, settings: EngineSettings, previousTick: Date | null): Sql {
  const at = (instant: Date) => sqlInstant(db, instant);
  const id = subject.target.deadlineId;
  const prefix = 'r:';
  const key = (milestone: string) => keySql(prefix, sql`f."id"`, `:${id}:${subject.revision}:${milestone}`);
  const owed = [
    ...(step.onTimeUntil ? [sql`f."since" <= ${at(step.onTimeUntil)}`] : []),
    ...(step.joinedBefore ? [sql`f."since" < ${at(step.joinedBefore)}`] : []),
  ];
  // Late when Docket missed the moment a follower was owed it (no tick ran between it and now): the
  // milestone's own moment for those who were following then, the moment they started following for
  // those who came later. Digest readers' items are never late on their own; their digest is, when its
  // slot was missed.
  const missedJoin = sql`f."since" < ${at(new Date(now.getTime() - settings.lateAfterMs))}${previousTick ? sql` AND f."since" > ${at(previousTick)}` : empty}`;
  const late = sql`CASE WHEN f."delivery" <> 'immediate' THEN NULL
      ${step.onTimeUntil ? sql`WHEN f."since" <= ${at(step.onTimeUntil)} THEN ${step.late ? at(step.late) : sql`NULL`}` : empty}
      WHEN ${missedJoin} THEN f."since" ELSE NULL END`;
  // A follower who came later is owed it from then, not from its moment (what the email and the log say).
  const firstAttempt = sql`CASE WHEN f."since" > ${at(step.sendAt)} THEN f."since" ELSE ${at(step.sendAt)} END`;
  return sql`
    INSERT INTO "Alert" ("key", "subscriberId", "deadlineId", "eventId", "kind", "milestone", "sendAt", "status", "attempts", "nextAttemptAt", "lateSince", "createdAt", "updatedAt")
    SELECT ${key(step.milestone)}, f."id", CAST(${id} AS INTEGER), NULL, 'reminder', CAST(${step.milestone} AS TEXT), ${at(step.sendAt)}, 'scheduled', 0, ${firstAttempt}, ${late}, ${at(now)}, ${at(now)}
    FROM (
      SELECT sub."subscriberId" AS "id", MIN(sub."createdAt") AS "since", MIN(s."delivery") AS "delivery"
      ${followerSource(db, subject.target, { zone, after: range.after, ...(range.upTo !== undefined && { upTo: range.upTo }) })}
      GROUP BY sub."subscriberId"
    ) f
    WHERE (${join(owed, ' OR ')})
      AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."key" IN (${keyList(step.blockedBy.map(key))}))
    ON CONFLICT ("key") DO NOTHING`;
}

/** When the current due moment was set: reminders whose moment had already passed then are not owed on time. */
async function lastDueChange(db: Tx, deadlineId: number, fallback: Date): Promise<Date> {
  const event = await db.event.findFirst({
    where: { deadlineId, kind: { in: ['deadline.created', 'deadline.extended'] } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  return event?.at ?? fallback;
}

function parseList(json: string | null): string[] | null {
  if (json === null) return null;
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : null;
}
