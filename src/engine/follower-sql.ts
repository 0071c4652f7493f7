// Who follows what, as SQL: confirmed subscribers of an issue as a whole or of one deadline of it. The
// engine makes alert rows for followers with set-based INSERT … SELECT statements, a range of subscriber
// ids at a time, so no follower list is ever loaded into memory. `followersOf` (followers.ts) is the same
// rule for code that wants the rows.
import { empty, join, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Tx } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';

/** Followers per INSERT: small enough that sending starts after the first, large enough to be cheap. */
export const followerChunk = 5_000;

export interface FollowedTarget {
  issueId: number;
  deadlineId: number | null;
}

export interface FollowerFilter {
  /** Only subscribers in this zone. */
  zone?: string;
  /** Only subscriptions made at or before this instant (someone who came later is not owed older news). */
  subscribedBy?: Date;
  /** Subscriber ids in (after, upTo]. */
  after?: number;
  upTo?: number;
}

/** FROM + WHERE over `Subscription sub JOIN Subscriber s` for the followers of a target. */
export function followerSource(db: Tx, target: FollowedTarget, filter: FollowerFilter = {}): Sql {
  const deadline = target.deadlineId === null ? sql`sub."deadlineId" IS NULL` : sql`(sub."deadlineId" IS NULL OR sub."deadlineId" = ${target.deadlineId})`;
  return sql`
    FROM "Subscription" sub JOIN "Subscriber" s ON s."id" = sub."subscriberId"
    WHERE sub."issueId" = ${target.issueId} AND ${deadline} AND s."confirmedAt" IS NOT NULL
    ${filter.zone === undefined ? empty : sql`AND s."zone" = ${filter.zone}`}
    ${filter.subscribedBy === undefined ? empty : sql`AND sub."createdAt" <= ${sqlInstant(db, filter.subscribedBy)}`}
    ${filter.after === undefined ? empty : sql`AND sub."subscriberId" > ${filter.after}`}
    ${filter.upTo === undefined ? empty : sql`AND sub."subscriberId" <= ${filter.upTo}`}`;
}

/** The zones a target's followers are in, with how many are in each. */
export async function followerZones(db: Tx, target: FollowedTarget): Promise<Array<{ zone: string; followers: number }>> {
  const rows = await db.$queryRaw<Array<{ zone: string; n: number | bigint }>>(
    sql`SELECT s."zone" AS "zone", CAST(COUNT(DISTINCT s."id") AS INTEGER) AS "n" ${followerSource(db, target)} GROUP BY s."zone" ORDER BY s."zone"`,
  );
  return rows.map((row) => ({ zone: row.zone, followers: Number(row.n) }));
}

/**
 * Subscriber-id ranges of at most `chunk` followers each, in id order: [(0, b1], (b1, b2], …, (bn, ∞)].
 * One statement per range keeps each INSERT small, and lets sending start between them.
 */
export async function followerRanges(db: Tx, target: FollowedTarget, filter: Pick<FollowerFilter, 'zone' | 'subscribedBy'>, chunk: number, expected?: number): Promise<Array<{ after: number; upTo?: number }>> {
  if (expected !== undefined && expected <= chunk) return [{ after: 0 }];
  const rows = await db.$queryRaw<Array<{ id: number }>>(sql`
    SELECT t."id" AS "id" FROM (
      SELECT f."id", ROW_NUMBER() OVER (ORDER BY f."id") AS "n" FROM (SELECT DISTINCT sub."subscriberId" AS "id" ${followerSource(db, target, filter)}) f
    ) t WHERE t."n" % ${chunk} = 0 ORDER BY t."id"`);
  const bounds = rows.map((row) => Number(row.id));
  return [...bounds.map((upTo, i) => ({ after: i === 0 ? 0 : bounds[i - 1]!, upTo })), { after: bounds.at(-1) ?? 0 }];
}

/** `CAST('prefix' AS TEXT) || <id> || CAST('suffix' AS TEXT)`: an alert key built in SQL (both stores). */
export function keySql(prefix: string, id: Sql, suffix: string): Sql {
  return sql`CAST(${prefix} AS TEXT) || ${id} || CAST(${suffix} AS TEXT)`;
}

export function keyList(keys: Sql[]): Sql {
  return join(keys, ', ');
}
