// Claiming the sources due for a poll, with a lease, the way alerts are claimed (src/engine/claim-alerts.ts):
// one UPDATE picks and claims; on PostgreSQL `FOR UPDATE SKIP LOCKED` gives each instance different rows,
// on SQLite the single writer makes the statement atomic. A crashed poller's lease runs out.
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Source } from '../store/models.js';
import type { Db } from '../store/open-store.js';
import { isPostgres } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';

export async function claimDueSources(db: Db, now: Date, options: { limit: number; leaseMs: number }): Promise<Source[]> {
  const at = (instant: Date) => sqlInstant(db, instant);
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  const claimable = sql`"status" = 'active' AND "nextPollAt" <= ${at(now)} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${at(now)})`;
  // RETURNING reads back exactly what this statement claimed, so no claim token is needed.
  const ids = isPostgres(db)
    ? await db.$queryRaw<Array<{ id: number }>>(sql`
        WITH picked AS MATERIALIZED (
          SELECT "id" FROM "Source" WHERE ${claimable} ORDER BY "nextPollAt", "id" LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
        )
        UPDATE "Source" SET "leaseUntil" = ${at(leaseUntil)} FROM picked WHERE "Source"."id" = picked."id" RETURNING "Source"."id"`)
    : await db.$queryRaw<Array<{ id: number }>>(sql`
        UPDATE "Source" SET "leaseUntil" = ${at(leaseUntil)}
        WHERE "id" IN (SELECT "id" FROM "Source" WHERE ${claimable} ORDER BY "nextPollAt", "id" LIMIT ${options.limit})
        RETURNING "id"`);
  if (ids.length === 0) return [];
  return db.source.findMany({ where: { id: { in: ids.map((r) => Number(r.id)) } }, orderBy: { id: 'asc' } });
}

/** `source check`: the one source, now, unless an instance is polling it at this moment. */
export async function claimSource(db: Db, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const claimed = await db.source.updateMany({ where: { id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }, data: { leaseUntil: new Date(now.getTime() + leaseMs) } });
  return claimed.count === 1;
}
