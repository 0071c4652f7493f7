// After downtime, several reminders for one subscriber × deadline can be due at once. Only reminders
// that were never attempted are judged here (a retried one is late because of SMTP, not downtime);
// the pure decideCatchUp picks what to send, and the rest are recorded as skipped with the reason.
// Reminders of the pair already sent or being sent take part in the decision without being changed:
// a 7-day reminder found late after the 1-day one went out is superseded, not sent after it.
import { decideCatchUp } from '../alerts/catch-up.js';
import { labelFor } from '../alerts/plan-reminders.js';
import type { Tx } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';

/**
 * Reminders that are late and not yet judged: never attempted, not marked late, and owed since more than
 * `lateAfterMs` ago: both its moment (sendAt) and its first possible attempt (nextAttemptAt: later than
 * the moment for a reader who subscribed after it, or "now" for one an operator re-queued) are past the
 * cut-off. The claim leaves these alone (see claim-alerts.ts) until catchUpLate has decided them, so an
 * instance that is still planning cannot hand another one a reminder to send unjudged.
 */
export function unjudgedLate(now: Date, lateAfterMs: number) {
  const cutOff = new Date(now.getTime() - lateAfterMs);
  return { kind: 'reminder', status: 'scheduled', attempts: 0, lateSince: null, sendAt: { lt: cutOff }, nextAttemptAt: { lt: cutOff } };
}

/**
 * Judges every late reminder, batch after batch: one batch per tick would let the rest (after a long
 * outage, all but `batchSize` subscriber × deadline pairs) go out unjudged, three stale emails each.
 * Each round settles every row it looks at (skipped, or marked late), so the loop ends.
 */
export async function catchUpLate(db: Tx, now: Date, settings: EngineSettings): Promise<{ skipped: number; late: number }> {
  const total = { skipped: 0, late: 0 };
  for (;;) {
    const round = await catchUpRound(db, now, settings);
    total.skipped += round.skipped;
    total.late += round.late;
    if (round.pairs < settings.batchSize || round.skipped + round.late === 0) return total;
  }
}

async function catchUpRound(db: Tx, now: Date, settings: EngineSettings): Promise<{ skipped: number; late: number; pairs: number }> {
  const late = await db.alert.findMany({
    where: unjudgedLate(now, settings.lateAfterMs),
    select: { subscriberId: true, deadlineId: true },
    distinct: ['subscriberId', 'deadlineId'],
    take: settings.batchSize,
  });
  const pairs = late.flatMap((pair) => (pair.deadlineId === null ? [] : [{ subscriberId: pair.subscriberId, deadlineId: pair.deadlineId }]));
  if (pairs.length === 0) return { skipped: 0, late: 0, pairs: late.length };
  // One read for the whole round and one write per outcome, not a read and writes per pair: after a
  // long outage there are as many pairs as subscribers × open deadlines.
  const found = [];
  for (let start = 0; start < pairs.length; start += 200) {
    found.push(
      ...(await db.alert.findMany({
        where: { kind: 'reminder', sendAt: { lte: now }, status: { in: ['scheduled', 'sending', 'sent'] }, OR: pairs.slice(start, start + 200) },
        select: { id: true, key: true, subscriberId: true, deadlineId: true, milestone: true, sendAt: true, nextAttemptAt: true, status: true, attempts: true, deadline: { select: { dueAt: true, revision: true } } },
      })),
    );
  }
  const byPair = new Map<string, typeof found>();
  for (const row of found) {
    // Only the current revision's reminders (after an extension the old date's sent ones do not count).
    if (!row.deadline || !row.key.startsWith(`r:${row.subscriberId}:${row.deadlineId}:${row.deadline.revision}:`)) continue;
    const pair = `${row.subscriberId}:${row.deadlineId}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), row]);
  }
  const skips = new Map<string, number[]>(); // reason → ids
  const marks = new Map<number, number[]>(); // lateSince (ms) → ids
  const add = <K>(map: Map<K, number[]>, key: K, ids: number[]) => ids.length > 0 && map.set(key, [...(map.get(key) ?? []), ...ids]);
  for (const rows of byPair.values()) {
    const decision = decideCatchUp({
      // A reminder owed to someone who subscribed after its moment became due when they subscribed
      // (its first nextAttemptAt): it is late, and says so, only if Docket missed *that* moment.
      due: rows.map((row) => ({ milestone: row.milestone, sendAt: row.attempts === 0 && row.nextAttemptAt > row.sendAt ? row.nextAttemptAt : row.sendAt, label: labelFor(row.milestone) })),
      now,
      policy: settings.catchUp,
      lateAfterMs: settings.lateAfterMs,
      dueInstant: rows[0]!.deadline!.dueAt,
    });
    // Only never-attempted rows are changed; the rest (sent, in flight, retrying) only inform the decision.
    const judged = (milestone: string) => rows.filter((row) => row.milestone === milestone && row.status === 'scheduled' && row.attempts === 0).map((row) => row.id);
    for (const skip of decision.skip) add(skips, skip.reason, judged(skip.milestone));
    for (const send of decision.send) if (send.late) add(marks, send.sendAt.getTime(), judged(send.milestone));
  }
  const stillUnjudged = { status: 'scheduled', attempts: 0 };
  let skipped = 0;
  let marked = 0;
  for (const [reason, ids] of skips) {
    for (const chunk of chunks(ids)) skipped += (await db.alert.updateMany({ where: { id: { in: chunk }, ...stillUnjudged }, data: { status: 'skipped', lastError: reason, updatedAt: now } })).count;
  }
  for (const [since, ids] of marks) {
    for (const chunk of chunks(ids)) marked += (await db.alert.updateMany({ where: { id: { in: chunk }, ...stillUnjudged }, data: { lateSince: new Date(since), updatedAt: now } })).count;
  }
  return { skipped, late: marked, pairs: late.length };
}

/** Id lists per statement stay well under SQLite's bound-parameter limit. */
function chunks(ids: number[], size = 500): number[][] {
  return Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));
}
