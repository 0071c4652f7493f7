// Small factories with defaults for engine tests: the canonical case unless told otherwise. They write
// rows the way the use cases do (events with notify, plannedAt = null) so the engine sees real data.
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

export async function makeSubscriber(db: Db, overrides: Partial<{ email: string; zone: string; delivery: string; at: Date; confirmed: boolean }> = {}) {
  const at = overrides.at ?? new Date('2020-05-01T00:00:00Z');
  const n = ++serial;
  return db.subscriber.create({
    data: {
      email: overrides.email ?? `reader${n}@example.com`,
      zone: overrides.zone ?? 'Asia/Seoul',
      delivery: overrides.delivery ?? 'immediate',
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
