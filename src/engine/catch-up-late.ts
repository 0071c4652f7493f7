// After downtime, several reminders for one subscriber × deadline can be due at once. Only reminders
// that were never attempted count as late here (a retried one is late because of SMTP, not downtime);
// the pure decideCatchUp picks what to send, and the rest are recorded as skipped with the reason.
import { decideCatchUp } from '../alerts/catch-up.js';
import { labelFor } from '../alerts/plan-reminders.js';
import type { Tx } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';

export async function catchUpLate(db: Tx, now: Date, settings: EngineSettings): Promise<{ skipped: number; late: number }> {
  const lateBefore = new Date(now.getTime() - settings.lateAfterMs);
  const late = await db.alert.findMany({
    where: { kind: 'reminder', status: 'scheduled', attempts: 0, lateSince: null, sendAt: { lte: lateBefore } },
    select: { subscriberId: true, deadlineId: true },
    distinct: ['subscriberId', 'deadlineId'],
    take: settings.batchSize,
  });
  let skipped = 0;
  let marked = 0;
  for (const pair of late) {
    if (pair.deadlineId === null) continue;
    const rows = await db.alert.findMany({
      where: { kind: 'reminder', status: 'scheduled', attempts: 0, subscriberId: pair.subscriberId, deadlineId: pair.deadlineId, sendAt: { lte: now } },
      select: { id: true, milestone: true, sendAt: true, deadline: { select: { dueAt: true } } },
    });
    if (rows.length === 0) continue;
    const decision = decideCatchUp({
      due: rows.map((row) => ({ milestone: row.milestone, sendAt: row.sendAt, label: labelFor(row.milestone) })),
      now,
      policy: settings.catchUp,
      lateAfterMs: settings.lateAfterMs,
      dueInstant: rows[0]!.deadline?.dueAt,
    });
    for (const skip of decision.skip) {
      const ids = rows.filter((row) => row.milestone === skip.milestone).map((row) => row.id);
      skipped += (await db.alert.updateMany({ where: { id: { in: ids }, status: 'scheduled' }, data: { status: 'skipped', lastError: skip.reason, updatedAt: now } })).count;
    }
    for (const send of decision.send.filter((entry) => entry.late)) {
      const ids = rows.filter((row) => row.milestone === send.milestone).map((row) => row.id);
      marked += (await db.alert.updateMany({ where: { id: { in: ids }, status: 'scheduled' }, data: { lateSince: send.sendAt, updatedAt: now } })).count;
    }
  }
  return { skipped, late: marked };
}
