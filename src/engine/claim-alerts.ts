// Claiming is a compare-and-set that works the same on SQLite and PostgreSQL: pick candidates, then
// flip them to `sending` with this claim's token only where they are still claimable, and read back
// what this token won. A crashed sender's lease runs out and its alerts become claimable again.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../store/open-store.js';

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

export async function claimDueAlerts(db: Tx, now: Date, options: { batchSize: number; leaseMs: number }): Promise<ClaimedAlert[]> {
  const claimable = {
    nextAttemptAt: { lte: now },
    OR: [{ status: 'scheduled' }, { status: 'sending', leaseUntil: { lt: now } }],
    // Digest subscribers' own alerts wait for their digest.
    AND: [{ OR: [{ kind: 'digest' }, { subscriber: { delivery: 'immediate' } }] }],
  };
  const candidates = await db.alert.findMany({ where: claimable, select: { id: true }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }], take: options.batchSize });
  if (candidates.length === 0) return [];
  const token = randomUUID();
  await db.alert.updateMany({
    where: { id: { in: candidates.map((row) => row.id) }, ...claimable },
    data: { status: 'sending', claimToken: token, leaseUntil: new Date(now.getTime() + options.leaseMs), attempts: { increment: 1 }, updatedAt: now },
  });
  const won = await db.alert.findMany({
    where: { claimToken: token, status: 'sending' },
    select: { id: true, key: true, kind: true, milestone: true, subscriberId: true, deadlineId: true, eventId: true, sendAt: true, attempts: true, lateSince: true },
    orderBy: { id: 'asc' },
  });
  return won.map((row) => ({ ...row, claimToken: token }));
}
