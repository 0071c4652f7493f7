// Events that subscribers hear about (new deadline, extension, resolution, issue note) become one alert
// per follower who was following when the event happened. The rows are made set-based, a range of
// subscriber ids at a time; the event keeps its progress (fanOutCursor) and a lease, so a crash halfway
// resumes where it stopped, two instances never fan out one event at once, and the keys stop a duplicate
// anyway. fannedOutAt is set only when every follower has a row.
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Tx } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';
import { followerChunk, followerSource, keySql } from './follower-sql.js';
import type { Made } from './plan-deadline-reminders.js';

interface EventRow {
  id: number;
  issueId: number;
  deadlineId: number | null;
  kind: string;
  at: Date;
  fanOutCursor: number;
}

/** Events waiting to be fanned out whose lease (if any) has run out (read-only). */
export async function eventsToFanOut(db: Tx, now: Date, take: number): Promise<EventRow[]> {
  return db.event.findMany({
    where: { notify: true, fannedOutAt: null, OR: [{ fanOutLeaseUntil: null }, { fanOutLeaseUntil: { lte: now } }] },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, issueId: true, deadlineId: true, kind: true, at: true, fanOutCursor: true },
  });
}

/** Fans out every waiting event; each value is the number of rows one statement made. */
export async function* fanOutEvents(db: Tx, now: Date, options: { batchSize: number; leaseMs: number; leaseFrom?: () => Date }): AsyncGenerator<Made> {
  const lease = () => new Date((options.leaseFrom?.() ?? now).getTime() + options.leaseMs);
  for (;;) {
    const events = await eventsToFanOut(db, now, options.batchSize);
    if (events.length === 0) return;
    let taken = 0;
    for (const event of events) {
      const claimed = await db.event.updateMany({
        where: { id: event.id, fannedOutAt: null, fanOutCursor: event.fanOutCursor, OR: [{ fanOutLeaseUntil: null }, { fanOutLeaseUntil: { lte: now } }] },
        data: { fanOutLeaseUntil: lease() },
      });
      if (claimed.count === 0) continue;
      taken += 1;
      yield* fanOutOne(db, event, now, lease);
    }
    if (taken === 0) return;
  }
}

async function* fanOutOne(db: Tx, event: EventRow, now: Date, lease: () => Date): AsyncGenerator<Made> {
  const target = { issueId: event.issueId, deadlineId: event.deadlineId };
  // Someone who subscribes later is not sent the news from before they arrived.
  const filter = { subscribedBy: event.at };
  let cursor = event.fanOutCursor;
  for (;;) {
    const [bound] = await db.$queryRaw<Array<{ upTo: number | null; n: number | bigint }>>(sql`
      SELECT MAX(t."id") AS "upTo", CAST(COUNT(*) AS INTEGER) AS "n" FROM (
        SELECT DISTINCT sub."subscriberId" AS "id" ${followerSource(db, target, { ...filter, after: cursor })} ORDER BY 1 LIMIT ${followerChunk}
      ) t`);
    const upTo = bound?.upTo === null || bound?.upTo === undefined ? null : Number(bound.upTo);
    let made = 0;
    if (upTo !== null) {
      const at = (instant: Date) => sqlInstant(db, instant);
      made = await db.$executeRaw(sql`
        INSERT INTO "Alert" ("key", "subscriberId", "deadlineId", "eventId", "kind", "milestone", "sendAt", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
        SELECT ${keySql('e:', sql`f."id"`, `:${event.id}`)}, f."id", ${event.deadlineId === null ? sql`NULL` : sql`CAST(${event.deadlineId} AS INTEGER)`}, CAST(${event.id} AS INTEGER), 'event', CAST(${event.kind} AS TEXT), ${at(event.at)}, 'scheduled', 0, ${at(event.at)}, ${at(now)}, ${at(now)}
        FROM (SELECT DISTINCT sub."subscriberId" AS "id" ${followerSource(db, target, { ...filter, after: cursor, upTo })}) f
        WHERE true
        ON CONFLICT ("key") DO NOTHING`);
      cursor = upTo;
    }
    const done = upTo === null || Number(bound!.n) < followerChunk;
    // Progress is written before the caller hears of the rows (it may stop the tick right then), and
    // only while this instance still holds the event; a stop between chunks releases the lease.
    const kept = await db.event.updateMany({
      where: { id: event.id, fannedOutAt: null },
      data: done ? { fanOutCursor: cursor, fannedOutAt: now, fanOutLeaseUntil: null } : { fanOutCursor: cursor, fanOutLeaseUntil: lease() },
    });
    if (done || kept.count === 0) {
      yield { rows: made, late: 0 };
      return;
    }
    let resumed = false;
    try {
      yield { rows: made, late: 0 };
      resumed = true;
    } finally {
      // Not resumed: the consumer stopped here (a graceful stop). Release the event so the next start
      // resumes at the cursor at once instead of waiting out the lease.
      if (!resumed) await db.event.updateMany({ where: { id: event.id, fannedOutAt: null }, data: { fanOutLeaseUntil: null } });
    }
  }
}

/** One alert per follower who was already following when the event happened (read-only; for previews). */
export async function eventFollowers(db: Tx, event: { issueId: number; deadlineId: number | null; at: Date }): Promise<number[]> {
  const rows = await db.$queryRaw<Array<{ id: number }>>(sql`SELECT DISTINCT sub."subscriberId" AS "id" ${followerSource(db, { issueId: event.issueId, deadlineId: event.deadlineId }, { subscribedBy: event.at })} ORDER BY 1`);
  return rows.map((row) => Number(row.id));
}
