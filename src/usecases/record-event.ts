// Every change to an issue or a deadline leaves an Event row, written in the same transaction as the
// change. Some kinds are news for subscribers (notify = true); the alert engine fans those out later and
// sets fannedOutAt, so it is left null here.
import type { Event } from '../store/models.js';
import { notifyingKinds, type EventKind } from '../domain/vocabulary.js';
import type { Tx } from '../store/open-store.js';

export interface NewEvent {
  issueId: number;
  deadlineId?: number | null;
  kind: EventKind;
  actor: string;
  at: Date;
  data?: Record<string, unknown>;
}

export async function recordEvent(tx: Tx, event: NewEvent): Promise<Event> {
  return tx.event.create({
    data: {
      issueId: event.issueId,
      deadlineId: event.deadlineId ?? null,
      kind: event.kind,
      actor: event.actor,
      at: event.at,
      dataJson: JSON.stringify(event.data ?? {}),
      notify: notifyingKinds.has(event.kind),
    },
  });
}

/** `{ field: { from, to } }` for the fields whose value differs; empty when nothing changed. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
