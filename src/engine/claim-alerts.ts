// Claiming flips due alerts to `sending` under this claim's token and a lease; a crashed sender's lease
// runs out and its alerts become claimable again. SQLite runs one writer at a time, so a compare-and-set
// (pick candidates, update only those still claimable, read back what the token won) is atomic there.
// On PostgreSQL the same compare-and-set is also safe, but every instance picks the same first rows and
// all but one come back empty-handed; `FOR UPDATE SKIP LOCKED` hands each instance different rows.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../store/open-store.js';
import { isPostgres } from '../store/sql-instant.js';
import { unjudgedLate } from './catch-up-late.js';

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
  /**
   * Late reminders not yet judged by catchUpLate are left alone (see unjudgedLate). runTick always
   * passes it; without it every due row is claimable (for tools that run no catch-up).
   */
  lateAfterMs?: number;
}

export async function claimDueAlerts(db: Tx, now: Date, options: ClaimOptions): Promise<ClaimedAlert[]> {
  const token = randomUUID();
  const leaseUntil = new Date((options.leaseFrom ?? now).getTime() + options.leaseMs);
  const count = isPostgres(db) ? await claimSkipLocked(db, now, token, leaseUntil, options) : await claimCompareAndSet(db, now, token, leaseUntil, options);
  if (count === 0) return [];
  const won = await db.alert.findMany({
    where: { claimToken: token, status: 'sending' },
    select: { id: true, key: true, kind: true, milestone: true, subscriberId: true, deadlineId: true, eventId: true, sendAt: true, attempts: true, lateSince: true },
    orderBy: { id: 'asc' },
  });
  return won.map((row) => ({ ...row, claimToken: token }));
}

async function claimCompareAndSet(db: Tx, now: Date, token: string, leaseUntil: Date, options: ClaimOptions): Promise<number> {
  const claimable = {
    nextAttemptAt: { lte: now },
    OR: [{ status: 'scheduled' }, { status: 'sending', leaseUntil: { lt: now } }],
    AND: [
      // Digest subscribers' own alerts wait for their digest.
      // (Confirmation emails go to people who chose a digest too: they cannot wait a day.)
      { OR: [{ kind: { in: ['digest', 'confirm'] } }, { subscriber: { delivery: 'immediate' } }] },
      ...(options.lateAfterMs === undefined ? [] : [{ NOT: unjudgedLate(now, options.lateAfterMs) }]),
    ],
  };
  const candidates = await db.alert.findMany({ where: claimable, select: { id: true }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }], take: options.batchSize });
  if (candidates.length === 0) return 0;
  const updated = await db.alert.updateMany({
    where: { id: { in: candidates.map((row) => row.id) }, ...claimable },
    data: { status: 'sending', claimToken: token, leaseUntil, attempts: { increment: 1 }, updatedAt: now },
  });
  return updated.count;
}

/** The same conditions as claimCompareAndSet, in SQL: rows another instance holds are skipped, not waited for. */
async function claimSkipLocked(db: Tx, now: Date, token: string, leaseUntil: Date, options: ClaimOptions): Promise<number> {
  // Columns are timestamp(3) without zone, holding UTC (as Prisma writes them); parameters are cast the
  // same way so the server's TimeZone setting cannot shift the comparison.
  const utc = (date: Date) => date.toISOString();
  const gate = options.lateAfterMs !== undefined;
  const lateBefore = new Date(now.getTime() - (options.lateAfterMs ?? 0));
  return db.$executeRaw`
    WITH picked AS MATERIALIZED (
      SELECT a."id" FROM "Alert" a JOIN "Subscriber" s ON s."id" = a."subscriberId"
      WHERE a."nextAttemptAt" <= (CAST(${utc(now)} AS timestamptz) AT TIME ZONE 'UTC')
        AND (a."status" = 'scheduled' OR (a."status" = 'sending' AND a."leaseUntil" < (CAST(${utc(now)} AS timestamptz) AT TIME ZONE 'UTC')))
        AND (a."kind" IN ('digest', 'confirm') OR s."delivery" = 'immediate')
        AND NOT (CAST(${gate} AS boolean) AND a."kind" = 'reminder' AND a."status" = 'scheduled' AND a."attempts" = 0 AND a."lateSince" IS NULL
                 AND a."sendAt" < (CAST(${utc(lateBefore)} AS timestamptz) AT TIME ZONE 'UTC')
                 AND a."nextAttemptAt" < (CAST(${utc(lateBefore)} AS timestamptz) AT TIME ZONE 'UTC'))
      ORDER BY a."nextAttemptAt", a."id"
      LIMIT ${options.batchSize}
      FOR UPDATE OF a SKIP LOCKED
    )
    UPDATE "Alert" SET
      "status" = 'sending',
      "claimToken" = ${token},
      "leaseUntil" = (CAST(${utc(leaseUntil)} AS timestamptz) AT TIME ZONE 'UTC'),
      "attempts" = "Alert"."attempts" + 1,
      "updatedAt" = (CAST(${utc(now)} AS timestamptz) AT TIME ZONE 'UTC')
    FROM picked WHERE "Alert"."id" = picked."id"`;
}
