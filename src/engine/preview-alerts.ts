// What would be sent, to whom and when, without writing anything: rows already planned plus what the
// next tick would plan for changed deadlines and new events. Uses the same planning code as the tick.
import type { Tx } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';
import type { NewAlert } from './insert-alerts.js';
import { remindersWanted } from './plan-deadline-reminders.js';
import { eventAlerts } from './plan-events.js';

export interface PreviewItem {
  key: string;
  sendAt: Date;
  email: string;
  delivery: string;
  kind: string;
  milestone: string;
  deadlineId: number | null;
  deadlineTitle: string | null;
  issueSlug: string | null;
  /** 'scheduled' = a row exists; 'to plan' = the next tick will create it. */
  state: 'scheduled' | 'to plan';
}

export async function previewAlerts(db: Tx, window: { from: Date; to: Date }, settings: EngineSettings): Promise<PreviewItem[]> {
  const inWindow = { gte: window.from, lte: window.to };
  const rows = await db.alert.findMany({
    where: { status: 'scheduled', sendAt: inWindow },
    include: { subscriber: { select: { email: true, delivery: true } }, deadline: { select: { title: true, issue: { select: { slug: true } } } } },
    orderBy: [{ sendAt: 'asc' }, { id: 'asc' }],
  });
  const items: PreviewItem[] = rows.map((row) => ({
    key: row.key,
    sendAt: row.sendAt,
    email: row.subscriber.email,
    delivery: row.subscriber.delivery,
    kind: row.kind,
    milestone: row.milestone,
    deadlineId: row.deadlineId,
    deadlineTitle: row.deadline?.title ?? null,
    issueSlug: row.deadline?.issue.slug ?? null,
    state: 'scheduled',
  }));

  const pending: NewAlert[] = [];
  for (const { id } of await db.deadline.findMany({ where: { plannedAt: null }, select: { id: true } })) {
    pending.push(...((await remindersWanted(db, id, settings))?.wanted ?? []));
  }
  const events = await db.event.findMany({ where: { notify: true, fannedOutAt: null }, select: { id: true, issueId: true, deadlineId: true, kind: true, at: true } });
  for (const event of events) pending.push(...(await eventAlerts(db, event)));

  const candidates = pending.filter((row) => row.sendAt >= window.from && row.sendAt <= window.to);
  const existing = new Set((await db.alert.findMany({ where: { key: { in: candidates.map((row) => row.key) } }, select: { key: true } })).map((row) => row.key));
  const fresh = candidates.filter((row) => !existing.has(row.key));
  if (fresh.length > 0) {
    const subscribers = new Map((await db.subscriber.findMany({ where: { id: { in: [...new Set(fresh.map((row) => row.subscriberId))] } }, select: { id: true, email: true, delivery: true } })).map((s) => [s.id, s]));
    const deadlineIds = [...new Set(fresh.flatMap((row) => (row.deadlineId === null ? [] : [row.deadlineId])))];
    const deadlines = new Map((await db.deadline.findMany({ where: { id: { in: deadlineIds } }, select: { id: true, title: true, issue: { select: { slug: true } } } })).map((d) => [d.id, d]));
    for (const row of fresh) {
      const deadline = row.deadlineId === null ? undefined : deadlines.get(row.deadlineId);
      items.push({
        key: row.key,
        sendAt: row.sendAt,
        email: subscribers.get(row.subscriberId)?.email ?? '?',
        delivery: subscribers.get(row.subscriberId)?.delivery ?? '?',
        kind: row.kind,
        milestone: row.milestone,
        deadlineId: row.deadlineId,
        deadlineTitle: deadline?.title ?? null,
        issueSlug: deadline?.issue.slug ?? null,
        state: 'to plan',
      });
    }
  }
  return items.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
}
