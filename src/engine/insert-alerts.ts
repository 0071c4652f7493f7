// Alert rows are created idempotently: the unique `key` decides, so planning the same thing twice (two
// ticks, two instances) never makes a second row. Existing keys are read first to keep the common
// case to one createMany; a race with another planner falls back to row-by-row inserts.
import type { Tx } from '../store/open-store.js';

export interface NewAlert {
  key: string;
  subscriberId: number;
  deadlineId: number | null;
  eventId: number | null;
  kind: 'reminder' | 'event' | 'digest';
  milestone: string;
  sendAt: Date;
  /** First attempt no earlier than this (nextAttemptAt); default sendAt. */
  notBefore?: Date;
  lateSince?: Date | null;
  status?: 'scheduled' | 'skipped';
  lastError?: string | null;
}

export async function insertAlerts(tx: Tx, rows: NewAlert[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  let created = 0;
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const existing = await tx.alert.findMany({ where: { key: { in: chunk.map((row) => row.key) } }, select: { key: true } });
    const known = new Set(existing.map((row) => row.key));
    const fresh = chunk.filter((row) => !known.has(row.key)).map((row) => toData(row, now));
    if (fresh.length === 0) continue;
    try {
      created += (await tx.alert.createMany({ data: fresh })).count;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      for (const row of fresh) {
        try {
          await tx.alert.create({ data: row });
          created += 1;
        } catch (inner) {
          if (!isUniqueViolation(inner)) throw inner;
        }
      }
    }
  }
  return created;
}

function toData(row: NewAlert, now: Date) {
  return {
    key: row.key,
    subscriberId: row.subscriberId,
    deadlineId: row.deadlineId,
    eventId: row.eventId,
    kind: row.kind,
    milestone: row.milestone,
    sendAt: row.sendAt,
    nextAttemptAt: row.notBefore ?? row.sendAt,
    status: row.status ?? 'scheduled',
    lateSince: row.lateSince ?? null,
    lastError: row.lastError ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
