// Small factories with defaults for engine tests: the canonical case unless told otherwise. They write
// rows the way the use cases do (events with notify, plannedAt = null) so the engine sees real data.
import { DateTime } from 'luxon';
import type { Db } from '../../src/store/open-store.js';

export const canonical = {
  announcedAt: new Date('2020-05-12T09:38:00.000Z'), // 18:38 in Seoul
  dueAt: new Date('2020-05-31T14:59:59.999Z'), // 23:59:59.999 in Seoul
};

let serial = 0;

export async function makeIssue(db: Db, overrides: Partial<{ slug: string; title: string; summary: string; at: Date; offsets: string[] }> = {}) {
  const at = overrides.at ?? canonical.announcedAt;
  const n = ++serial;
  return db.trackedIssue.create({
    data: {
      slug: overrides.slug ?? `japan-korea-export-controls-${n}`,
      title: overrides.title ?? 'Japan–South Korea export controls',
      summary: overrides.summary ?? 'Japan tightened export controls on three semiconductor materials to South Korea in July 2019.',
      partiesJson: JSON.stringify(['Japan', 'South Korea']),
      sourcesJson: JSON.stringify(['https://example.org/news/2020-05-12']),
      offsetsJson: overrides.offsets ? JSON.stringify(overrides.offsets) : null,
      createdAt: at,
      updatedAt: at,
    },
  });
}

export async function makeDeadline(
  db: Db,
  issueId: number,
  overrides: Partial<{ title: string; dueAt: Date; zone: string; precision: string; expression: string; announcedAt: Date; at: Date; notify: boolean }> = {},
) {
  const at = overrides.at ?? overrides.announcedAt ?? canonical.announcedAt;
  const deadline = await db.deadline.create({
    data: {
      issueId,
      title: overrides.title ?? "South Korea's request for Japan's position on export controls",
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      announcedAt: overrides.announcedAt ?? canonical.announcedAt,
      dueAt: overrides.dueAt ?? canonical.dueAt,
      zone: overrides.zone ?? 'Asia/Seoul',
      precision: overrides.precision ?? 'day',
      expression: overrides.expression ?? 'by the end of this month',
      createdAt: at,
      updatedAt: at,
    },
  });
  await db.event.create({
    data: { issueId, deadlineId: deadline.id, kind: 'deadline.created', actor: 'test', at, notify: overrides.notify ?? true, dataJson: '{}' },
  });
  return deadline;
}

export async function makeSubscriber(db: Db, overrides: Partial<{ email: string; zone: string; delivery: string; weekday: string; remindersJson: string | null; at: Date; confirmed: boolean }> = {}) {
  const at = overrides.at ?? new Date('2020-05-01T00:00:00Z');
  const n = ++serial;
  return db.subscriber.create({
    data: {
      email: overrides.email ?? `reader${n}@example.com`,
      zone: overrides.zone ?? 'Asia/Seoul',
      delivery: overrides.delivery ?? 'immediate',
      ...(overrides.weekday !== undefined && { weekday: overrides.weekday }),
      ...(overrides.remindersJson !== undefined && { remindersJson: overrides.remindersJson }),
      confirmedAt: overrides.confirmed === false ? null : at,
      createdAt: at,
      updatedAt: at,
    },
  });
}

export async function subscribe(db: Db, subscriberId: number, issueId: number, options: { deadlineId?: number; at?: Date } = {}) {
  await db.subscription.create({
    data: {
      subscriberId,
      issueId,
      deadlineId: options.deadlineId ?? null,
      scope: options.deadlineId ? `deadline:${options.deadlineId}` : 'issue',
      createdAt: options.at ?? new Date('2020-05-01T00:00:00Z'),
    },
  });
  await db.deadline.updateMany({ where: { issueId }, data: { plannedAt: null } });
}

/** Many confirmed subscribers of one issue in two statements (1,000 one by one is slow on PostgreSQL). */
export async function makeFollowers(db: Db, issueId: number, count: number, options: { prefix?: string; zone?: string; at?: Date } = {}) {
  const at = options.at ?? new Date('2020-05-01T00:00:00Z');
  const prefix = options.prefix ?? `bulk${++serial}`;
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  await db.subscriber.createMany({
    data: emails.map((email) => ({ email, zone: options.zone ?? 'Asia/Seoul', delivery: 'immediate', confirmedAt: at, createdAt: at, updatedAt: at })),
  });
  const rows = await db.subscriber.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  await db.subscription.createMany({ data: rows.map((row) => ({ subscriberId: row.id, issueId, deadlineId: null, scope: 'issue', createdAt: at })) });
  await db.deadline.updateMany({ where: { issueId }, data: { plannedAt: null } });
  return rows;
}

/** The due moment as the use cases store it in event data (src/usecases/json-views.ts `dueJson`). */
function storedDue(deadline: { dueAt: Date; zone: string; precision: string; expression: string }) {
  return { dueAt: DateTime.fromJSDate(deadline.dueAt, { zone: deadline.zone }).toISO(), zone: deadline.zone, precision: deadline.precision, expression: deadline.expression };
}

/** What `extendDeadline` writes: new due moment, status extended, revision + 1, an event, plannedAt = null. */
export async function extendDeadline(db: Db, deadlineId: number, change: { dueAt: Date; expression?: string; at: Date; note?: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.deadline.findUniqueOrThrow({ where: { id: deadlineId } });
    const after = await tx.deadline.update({
      where: { id: deadlineId },
      data: { dueAt: change.dueAt, expression: change.expression ?? 'by the end of next month', status: 'extended', revision: { increment: 1 }, updatedAt: change.at, plannedAt: null },
    });
    await tx.event.create({
      data: {
        issueId: before.issueId,
        deadlineId,
        kind: 'deadline.extended',
        actor: 'test',
        at: change.at,
        notify: true,
        dataJson: JSON.stringify({ from: storedDue(before), to: storedDue(after), note: change.note ?? null }),
      },
    });
    return after;
  });
}

/** What `resolveDeadline` writes: the status and note, a `deadline.resolved` event, plannedAt = null. */
export async function resolveDeadline(db: Db, deadlineId: number, resolution: { status: 'met' | 'missed' | 'withdrawn'; at: Date; note?: string }) {
  return db.$transaction(async (tx) => {
    const after = await tx.deadline.update({
      where: { id: deadlineId },
      data: { status: resolution.status, resolutionNote: resolution.note ?? null, updatedAt: resolution.at, plannedAt: null },
    });
    await tx.event.create({
      data: {
        issueId: after.issueId,
        deadlineId,
        kind: 'deadline.resolved',
        actor: 'test',
        at: resolution.at,
        notify: true,
        dataJson: JSON.stringify({ status: resolution.status, note: resolution.note ?? null }),
      },
    });
    return after;
  });
}

/** What unsubscribing from an issue does: the subscription goes and its deadlines are re-planned. */
export async function unsubscribe(db: Db, subscriberId: number, issueId: number) {
  await db.$transaction(async (tx) => {
    await tx.subscription.deleteMany({ where: { subscriberId, issueId } });
    await tx.deadline.updateMany({ where: { issueId, status: { in: ['pending', 'extended'] } }, data: { plannedAt: null } });
  });
}

/** Empties the store between tests that share one database but must not see each other's alerts. */
export async function clearStore(db: Db) {
  // Issues cascade to deadlines, events and subscriptions; subscribers to their alerts.
  await db.trackedIssue.deleteMany({});
  await db.subscriber.deleteMany({});
  await db.alert.deleteMany({});
  await db.meta.deleteMany({});
}
