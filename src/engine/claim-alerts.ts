// Claiming flips due alerts to `sending` under this claim's token and a lease; a crashed sender's lease
// runs out and its alerts become claimable again. One UPDATE picks and claims: on SQLite, which runs one
// writer at a time, that is atomic; on PostgreSQL several instances would all pick the same first rows,
// so `FOR UPDATE SKIP LOCKED` hands each instance different ones. The token then reads back what it won.
import { randomUUID } from 'node:crypto';
import { join, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Tx } from '../store/open-store.js';
import { isPostgres } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';
import { ownTimeKinds } from './alert-kinds.js';

export interface ClaimedAlert {
  id: number;
  key: string;
  kind: string;
  milestone: string;
  subscriberId: number;
  deadlineId: number | null;
  eventId: number | null;
  sendAt: Date;
  attempts: number;
  lateSince: Date | null;
  claimToken: string;
}

export interface ClaimOptions {
  batchSize: number;
  leaseMs: number;
  /**
   * When the lease starts (default `now`). A long tick judges what is due by its start, but a batch it
   * claims minutes later must get a lease from that later moment: otherwise it is born expired, and
   * another instance's tick takes and sends the same alerts again.
   */
  leaseFrom?: Date;
}

export async function claimDueAlerts(db: Tx, now: Date, options: ClaimOptions): Promise<ClaimedAlert[]> {
  const token = randomUUID();
  const leaseUntil = new Date((options.leaseFrom ?? now).getTime() + options.leaseMs);
  const count = await db.$executeRaw(claimStatement(db, now, token, leaseUntil, options));
  if (count === 0) return [];
  const won = await db.alert.findMany({
    where: { claimToken: token, status: 'sending' },
    select: { id: true, key: true, kind: true, milestone: true, subscriberId: true, deadlineId: true, eventId: true, sendAt: true, attempts: true, lateSince: true },
    orderBy: { id: 'asc' },
  });
  return won.map((row) => ({ ...row, claimToken: token }));
}

/**
 * One statement, hand-written (Prisma 6.19 compiles every typed query anew, and a claim ran three).
 * Claimable: due, and either scheduled or held under a lease that has run out; digest subscribers' own
 * alerts wait for their digest (confirmation emails do not: they cannot wait a day).
 * The two kinds are picked apart and then merged: with `status = 'scheduled' OR (status = 'sending' …)`
 * in one WHERE, the store read and sorted every due row on each claim to keep the first hundred, so
 * draining a backlog of n alerts cost n²/100 row reads. Each branch alone walks the
 * (status, nextAttemptAt, id) index in order and stops at its LIMIT.
 */
function claimStatement(db: Tx, now: Date, token: string, leaseUntil: Date, options: ClaimOptions): Sql {
  const at = (instant: Date) => sqlInstant(db, instant);
  const pg = isPostgres(db);
  const pick = (state: Sql) => sql`
      SELECT a."id", a."nextAttemptAt" FROM "Alert" a JOIN "Subscriber" s ON s."id" = a."subscriberId"
      WHERE ${state} AND a."nextAttemptAt" <= ${at(now)}
        AND (a."kind" IN (${join([...ownTimeKinds])}) OR s."delivery" = 'immediate')
      ORDER BY a."nextAttemptAt", a."id"
      LIMIT ${options.batchSize}${pg ? sql` FOR UPDATE OF a SKIP LOCKED` : sql``}`;
  const scheduled = pick(sql`a."status" = 'scheduled'`);
  const expired = pick(sql`a."status" = 'sending' AND a."leaseUntil" < ${at(now)}`);
  const claim = sql`"status" = 'sending', "claimToken" = ${token}, "leaseUntil" = ${at(leaseUntil)}, "attempts" = "Alert"."attempts" + 1, "updatedAt" = ${at(now)}`;
  if (pg) {
    return sql`
      WITH scheduled AS MATERIALIZED (${scheduled}),
        expired AS MATERIALIZED (${expired}),
        -- An array, not a join: the planner joined the hundred ids to the whole table by hashing it.
        picked AS (
          SELECT "id" FROM (SELECT * FROM scheduled UNION ALL SELECT * FROM expired) due
          ORDER BY "nextAttemptAt", "id" LIMIT ${options.batchSize}
        )
      UPDATE "Alert" SET ${claim} WHERE "id" = ANY(ARRAY(SELECT "id" FROM picked))`;
  }
  // SQLite runs one writer at a time: the statement picks and claims atomically.
  return sql`
    UPDATE "Alert" SET ${claim}
    WHERE "id" IN (
      SELECT "id" FROM (SELECT * FROM (${scheduled}) UNION ALL SELECT * FROM (${expired}))
      ORDER BY "nextAttemptAt", "id" LIMIT ${options.batchSize}
    )`;
}

/** Alerts made since the statistics were last refreshed, above which the next claim would misjudge them. */
export const analyzeAfterRows = 5000;

/**
 * PostgreSQL plans a claim from its statistics of the Alert table and of Subscriber (the join that keeps
 * digest subscribers' alerts back). Right after a large fan-out they still say that few alerts are due,
 * or that few subscribers take alerts at once, so it reads and sorts every due alert on each claim instead
 * of walking the index to the batch (48 ms instead of 1.8 ms at 100,000, docs/benchmarks.md); autovacuum
 * would correct that only a minute or so later. SQLite plans without statistics here.
 */
export async function refreshClaimStatistics(db: Tx): Promise<void> {
  if (isPostgres(db)) await db.$executeRawUnsafe('ANALYZE "Alert", "Subscriber"');
}
