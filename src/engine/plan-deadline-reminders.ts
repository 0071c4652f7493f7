// Turns "this deadline needs planning" (plannedAt = null, set by every writer that changes something
// reminders depend on) into reminder alert rows for each follower, and retires the rows that no longer
// apply. Work is proportional to what changed, never to everything stored.
import { applicableReminders } from '../alerts/catch-up.js';
import { planReminders } from '../alerts/plan-reminders.js';
import { resolvePolicy } from '../alerts/reminder-policy.js';
import type { Tx } from '../store/open-store.js';
import { openStatuses } from '../store/replan.js';
import type { Precision } from '../time/due-moment.js';
import type { EngineSettings } from './engine-config.js';
import { followersOf } from './followers.js';
import { insertAlerts, type NewAlert } from './insert-alerts.js';

export function reminderKey(subscriberId: number, deadlineId: number, revision: number, milestone: string): string {
  return `r:${subscriberId}:${deadlineId}:${revision}:${milestone}`;
}

export async function planDeadlineReminders(db: Tx, now: Date, settings: EngineSettings): Promise<number> {
  const dirty = await db.deadline.findMany({ where: { plannedAt: null }, select: { id: true }, orderBy: { id: 'asc' }, take: settings.batchSize });
  let created = 0;
  for (const { id } of dirty) {
    // Claim first, then read: a writer that changes the deadline after this read sets plannedAt = null
    // again, and the next tick plans the newer version.
    const claimed = await db.deadline.updateMany({ where: { id, plannedAt: null }, data: { plannedAt: now } });
    if (claimed.count === 0) continue;
    created += await planOne(db, id, now, settings);
  }
  return created;
}

async function planOne(db: Tx, id: number, now: Date, settings: EngineSettings): Promise<number> {
  const plan = await remindersWanted(db, id, settings);
  if (!plan) return 0;
  const created = await insertAlerts(db, plan.wanted, now);
  // Whatever is still scheduled but no longer wanted (old revision, unsubscribed, resolved) is retired,
  // not deleted, so `docket alerts list` can say why it never went out.
  // The difference is taken here, not with `key NOT IN (…every wanted key…)`: a deadline with a few
  // hundred followers has thousands of keys, past SQLite's limit on bound parameters.
  const keep = new Set(plan.wanted.map((row) => row.key));
  const scheduled = await db.alert.findMany({ where: { deadlineId: id, kind: 'reminder', status: 'scheduled' }, select: { id: true, key: true } });
  const retire = scheduled.filter((row) => !keep.has(row.key)).map((row) => row.id);
  const reason = plan.stillOpen ? 'no longer applies (date, subscription or policy changed)' : `deadline is ${plan.status}`;
  for (let start = 0; start < retire.length; start += idChunk) {
    await db.alert.updateMany({
      where: { id: { in: retire.slice(start, start + idChunk) }, status: 'scheduled' },
      data: { status: 'skipped', lastError: reason, updatedAt: now },
    });
  }
  return created;
}

/** Ids per statement: well under SQLite's bound-parameter limit. */
const idChunk = 500;

/** The reminder rows a deadline should have right now (read-only: also used by `docket alerts preview`). */
export async function remindersWanted(db: Tx, id: number, settings: EngineSettings): Promise<{ wanted: NewAlert[]; stillOpen: boolean; status: string } | null> {
  const deadline = await db.deadline.findUnique({ where: { id }, include: { issue: { select: { status: true, offsetsJson: true } } } });
  if (!deadline) return null;
  const wanted: NewAlert[] = [];
  const stillOpen = (openStatuses as readonly string[]).includes(deadline.status) && deadline.issue.status === 'open';
  if (stillOpen) {
    const policy = resolvePolicy(settings.policy, parseList(deadline.issue.offsetsJson), parseList(deadline.offsetsJson));
    const due = { instant: deadline.dueAt, zone: deadline.zone, precision: deadline.precision as Precision };
    const dueSetAt = await lastDueChange(db, id, deadline.createdAt);
    for (const follower of await followersOf(db, { issueId: deadline.issueId, deadlineId: id })) {
      const plan = planReminders({ due, subscriberZone: follower.zone, policy });
      const since = follower.since > dueSetAt ? follower.since : dueSetAt;
      for (const reminder of applicableReminders(plan, { plannedAt: since, dueInstant: due.instant })) {
        wanted.push({
          key: reminderKey(follower.subscriberId, id, deadline.revision, reminder.milestone),
          subscriberId: follower.subscriberId,
          deadlineId: id,
          eventId: null,
          kind: 'reminder',
          milestone: reminder.milestone,
          sendAt: reminder.sendAt,
          // Owed although its moment passed before the reader subscribed (or the date was set): it can
          // go no earlier than that, and going then is on time, not "late because Docket was down".
          ...(reminder.sendAt < since ? { notBefore: since } : {}),
        });
      }
    }
  }
  return { wanted, stillOpen, status: deadline.status };
}

/** When the current due moment was set: reminders whose moment had already passed then are not owed. */
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
