// What would be sent, to whom and when, without writing anything: rows already made, plus what the
// engine will make — notices for events not yet fanned out, and every reminder milestone in the window
// for each follower in their zone *now*. It asks the same pure functions as the tick (planReminders,
// milestonesDue, owedTo), so a zone change or an extension shows here at once, as it will be sent.
import { sqltag as sql } from '@prisma/client/runtime/client';
import { milestonesDue, owedTo } from '../alerts/milestones-due.js';
import { isOverdueMilestone } from '../alerts/plan-reminders.js';
import { choicesFromStore, reminderChosen } from '../alerts/reminder-choices.js';
import type { Tx } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';
import { followerSource } from './follower-sql.js';
import { passSubject, planFor, reminderKey } from './plan-deadline-reminders.js';
import { eventFollowers } from './plan-events.js';
import { openStatuses } from '../domain/vocabulary.js';

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
  /** 'scheduled' = a row exists; 'to plan' = the engine makes it when its moment comes. */
  state: 'scheduled' | 'to plan';
}

interface Owed {
  key: string;
  subscriberId: number;
  deadlineId: number | null;
  kind: string;
  milestone: string;
  sendAt: Date;
}

/** `now` (default: the window's start) decides what is already due and what is still to come. */
export async function previewAlerts(db: Tx, window: { from: Date; to: Date }, settings: EngineSettings, now: Date = window.from): Promise<PreviewItem[]> {
  const inWindow = (at: Date) => at >= window.from && at <= window.to;
  const rows = await db.alert.findMany({
    where: { status: 'scheduled', sendAt: { gte: window.from, lte: window.to } },
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

  const owed: Owed[] = [];
  const events = await db.event.findMany({ where: { notify: true, fannedOutAt: null }, select: { id: true, issueId: true, deadlineId: true, kind: true, at: true } });
  for (const event of events) {
    if (!inWindow(event.at)) continue;
    for (const subscriberId of await eventFollowers(db, event)) owed.push({ key: `e:${subscriberId}:${event.id}`, subscriberId, deadlineId: event.deadlineId, kind: 'event', milestone: event.kind, sendAt: event.at });
  }
  owed.push(...(await remindersOwed(db, window, settings, now)));

  const fresh = await withoutRows(db, owed);
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
  return (await chosenOnly(db, items)).sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
}

/** Leaves out reminders their subscriber turned off (the sender skips them, so they would not arrive). */
async function chosenOnly(db: Tx, items: PreviewItem[]): Promise<PreviewItem[]> {
  const emails = [...new Set(items.filter((item) => item.kind === 'reminder').map((item) => item.email))];
  if (emails.length === 0) return items;
  const rows = await db.subscriber.findMany({ where: { email: { in: emails }, remindersJson: { not: null } }, select: { email: true, remindersJson: true } });
  const choices = new Map(rows.map((row) => [row.email, choicesFromStore(row.remindersJson)]));
  return items.filter((item) => {
    const chosen = item.kind === 'reminder' ? choices.get(item.email) : undefined;
    return chosen === undefined || reminderChosen(chosen, item.milestone);
  });
}

/**
 * Reminder milestones in the window for each current follower: those still ahead of `now` go to
 * everyone following now; those already due are what the next pass would make (milestonesDue).
 */
async function remindersOwed(db: Tx, window: { from: Date; to: Date }, settings: EngineSettings, now: Date): Promise<Owed[]> {
  const owed: Owed[] = [];
  const open = await db.deadline.findMany({ where: { status: { in: [...openStatuses] }, issue: { status: 'open' } }, select: { id: true, plannedAt: true, nextReminderAt: true }, orderBy: { id: 'asc' } });
  for (const deadline of open) {
    const subject = await passSubject(db, deadline.id, settings);
    if (!subject?.open) continue;
    const needsPass = deadline.plannedAt === null || (deadline.nextReminderAt !== null && deadline.nextReminderAt <= now);
    const followers = await db.$queryRaw<Array<{ id: number; zone: string; since: Date | string }>>(
      sql`SELECT sub."subscriberId" AS "id", MIN(s."zone") AS "zone", MIN(sub."createdAt") AS "since" ${followerSource(db, subject.target)} GROUP BY sub."subscriberId" ORDER BY sub."subscriberId"`,
    );
    const byZone = new Map<string, Array<{ id: number; since: Date }>>();
    for (const f of followers) byZone.set(f.zone, [...(byZone.get(f.zone) ?? []), { id: Number(f.id), since: new Date(f.since) }]);
    for (const [zone, members] of byZone) {
      const plan = planFor(subject, zone);
      const key = (subscriberId: number, milestone: string) => reminderKey(subscriberId, deadline.id, subject.revision, milestone);
      const add = (subscriberId: number, milestone: string, sendAt: Date) => owed.push({ key: key(subscriberId, milestone), subscriberId, deadlineId: deadline.id, kind: 'reminder', milestone, sendAt });
      for (const p of plan) {
        if (p.sendAt <= now || !(p.sendAt >= window.from && p.sendAt <= window.to)) continue;
        if (!isOverdueMilestone(p.milestone) && p.sendAt >= subject.dueAt) continue;
        for (const member of members) add(member.id, p.milestone, p.sendAt);
      }
      if (!needsPass) continue;
      const steps = milestonesDue(plan, {
        now,
        dueInstant: subject.dueAt,
        dueSetAt: subject.dueSetAt,
        decidedUntil: subject.decidedUntil,
        dirty: deadline.plannedAt === null,
        previousTick: now,
        catchUp: settings.catchUp,
        lateAfterMs: settings.lateAfterMs,
        keepSince: new Date(now.getTime() - settings.keepAlertsMs),
      });
      const given = new Set<number>();
      for (const step of steps) {
        if (!(step.sendAt >= window.from && step.sendAt <= window.to)) continue;
        const blocked = await existingKeys(db, members.flatMap((member) => step.blockedBy.map((milestone) => key(member.id, milestone))));
        for (const member of members) {
          // Under 'latest' the newest step blocks the older ones for whoever gets it, as in the pass.
          if (settings.catchUp !== 'all' && given.has(member.id)) continue;
          if (!owedTo(step, member.since) || step.blockedBy.some((milestone) => blocked.has(key(member.id, milestone)))) continue;
          given.add(member.id);
          add(member.id, step.milestone, step.sendAt);
        }
      }
    }
  }
  return owed;
}

async function withoutRows(db: Tx, owed: Owed[]): Promise<Owed[]> {
  const existing = await existingKeys(db, owed.map((row) => row.key));
  return owed.filter((row) => !existing.has(row.key));
}

async function existingKeys(db: Tx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    for (const row of await db.alert.findMany({ where: { key: { in: keys.slice(start, start + 500) } }, select: { key: true } })) found.add(row.key);
  }
  return found;
}
