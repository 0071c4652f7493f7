// Retention: alert rows that are finished (sent, skipped, failed, or digested into a digest that is
// itself finished) and older than DOCKET_KEEP_ALERTS are deleted, a small batch at a time, so `Alert`
// holds recent history rather than everything ever sent. Events and deadline history are kept forever.
// A pass never makes a row again for a milestone older than the same cut-off (PassContext.keepSince),
// so pruning cannot cause a re-send.
import type { Tx } from '../store/open-store.js';

const finished = ['sent', 'skipped', 'failed', 'digested'];

/** Rows old and finished enough to prune at `now` (the store is not changed). */
export function prunable(now: Date, keepMs: number) {
  return { status: { in: finished }, updatedAt: { lt: new Date(now.getTime() - keepMs) } };
}

export async function countPrunable(db: Tx, now: Date, keepMs: number): Promise<number> {
  return db.alert.count({ where: prunable(now, keepMs) });
}

/** Deletes up to `limit` prunable rows (all of them without one), in batches of `batch`; returns how many. */
export async function pruneAlerts(db: Tx, now: Date, keepMs: number, options: { limit?: number; batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 500;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let deleted = 0;
  while (deleted < limit) {
    const ids = (await db.alert.findMany({ where: prunable(now, keepMs), select: { id: true }, orderBy: { id: 'asc' }, take: Math.min(batch, limit - deleted) })).map((row) => row.id);
    if (ids.length === 0) break;
    deleted += (await db.alert.deleteMany({ where: { id: { in: ids }, ...prunable(now, keepMs) } })).count;
  }
  return deleted;
}
