// The end of every scenario: what the SMTP server received, message by message, against what the store
// says was owed. Message-IDs are derived from alert keys (src/mail/email-parts.ts), so each received
// message names its alert row; the recipient and subject are what a reader would see as "the same email".
import { messageIdFor } from '../../../src/mail/email-parts.js';
import type { Db } from '../../../src/store/open-store.js';
import type { Received } from './smtp-process.js';

export interface AlertRow {
  id: number;
  key: string;
  status: string;
  sendAt: Date;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
}

export interface Reconciliation {
  owed: number;
  received: number;
  /** Owed alerts that never arrived. */
  lost: AlertRow[];
  /** Copies beyond the first, over all alerts. */
  duplicated: number;
  /** Duplicated alerts that were not in flight at a kill (or any duplicate, when nothing was killed). */
  unexplained: AlertRow[];
  /** Received messages whose Message-ID is not that of any owed alert. */
  unexpected: Received[];
  /** Same recipient and subject (the same email to a reader) under different Message-IDs. */
  reworded: number;
  /** Owed alerts that arrived but are not marked sent, or marked with another Message-ID. */
  misrecorded: AlertRow[];
}

export async function alertRows(db: Db): Promise<AlertRow[]> {
  return db.alert.findMany({
    select: { id: true, key: true, status: true, sendAt: true, attempts: true, lastError: true, messageId: true },
    orderBy: { id: 'asc' },
  });
}

export interface ReconcileInput {
  owed: AlertRow[];
  received: Received[];
  /** Host part of Message-IDs (BASE_URL's host name). */
  host?: string;
  /** Alert ids that were claimed (status `sending`) when a process was killed: a resend is allowed there. */
  inFlight?: ReadonlySet<number>;
  /** Recipient + subject identify an alert (true when no two owed alerts share a subject line). */
  subjectIsIdentity?: boolean;
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const host = input.host ?? 'localhost';
  const matched = matchCopies({
    owed: input.owed,
    idOf: (row) => messageIdFor(row.key, host),
    received: input.received,
    receivedId: (message) => message.messageId,
    inFlight: input.inFlight,
    recordedAs: (row, id) => row.messageId === null || row.messageId === id,
  });
  return {
    owed: input.owed.length,
    received: input.received.length,
    ...matched,
    reworded: input.subjectIsIdentity ? reworded(input.received, (message) => `${message.to}\n${message.subject}`, (message) => message.messageId) : 0,
  };
}

/**
 * Each owed alert against the copies that arrived, by the id it must carry (a Message-ID, a webhook-id):
 * lost, copies beyond the first (a duplicate is explained only when its alert was in flight at a kill),
 * recorded wrongly in the store, and what arrived that nothing owed.
 */
export function matchCopies<R extends AlertRow, T>(input: {
  owed: R[];
  idOf: (row: R) => string;
  received: T[];
  receivedId: (item: T) => string;
  inFlight?: ReadonlySet<number>;
  /** Whether the row's recorded messageId is right for this id. */
  recordedAs: (row: R, id: string) => boolean;
}): { lost: R[]; duplicated: number; unexplained: R[]; misrecorded: R[]; unexpected: T[] } {
  const copies = new Map<string, number>();
  for (const item of input.received) copies.set(input.receivedId(item), (copies.get(input.receivedId(item)) ?? 0) + 1);
  const owedIds = new Set<string>();
  const lost: R[] = [];
  const unexplained: R[] = [];
  const misrecorded: R[] = [];
  let duplicated = 0;
  for (const row of input.owed) {
    const id = input.idOf(row);
    owedIds.add(id);
    const count = copies.get(id) ?? 0;
    if (count === 0) {
      lost.push(row);
      continue;
    }
    if (row.status !== 'sent' || !input.recordedAs(row, id)) misrecorded.push(row);
    if (count > 1) {
      duplicated += count - 1;
      if (!input.inFlight?.has(row.id)) unexplained.push(row);
    }
  }
  return { lost, duplicated, unexplained, misrecorded, unexpected: input.received.filter((item) => !owedIds.has(input.receivedId(item))) };
}

/** Copies that are the same message to a reader (same identity) but arrived under more than one id. */
export function reworded<T>(received: T[], identity: (item: T) => string, id: (item: T) => string): number {
  const ids = new Map<string, Set<string>>();
  for (const item of received) ids.set(identity(item), (ids.get(identity(item)) ?? new Set()).add(id(item)));
  let count = 0;
  for (const set of ids.values()) count += set.size - 1;
  return count;
}

/** Goal failures of a reconciliation, as lines for the report (empty when every goal is met). */
export function reconciliationMisses(r: Reconciliation): string[] {
  const misses: string[] = [];
  const sample = (rows: AlertRow[]) => rows.slice(0, 3).map((row) => `${row.key} (${row.status}, ${row.attempts} attempts${row.lastError ? `, ${row.lastError}` : ''})`).join('; ');
  if (r.lost.length > 0) misses.push(`${r.lost.length} owed alerts never arrived: ${sample(r.lost)}`);
  if (r.unexplained.length > 0) misses.push(`${r.unexplained.length} alerts arrived more than once without being in flight at a kill: ${sample(r.unexplained)}`);
  if (r.unexpected.length > 0) misses.push(`${r.unexpected.length} messages match no owed alert, e.g. ${JSON.stringify(r.unexpected[0])}`);
  if (r.reworded > 0) misses.push(`${r.reworded} emails arrived again under a different Message-ID`);
  if (r.misrecorded.length > 0) misses.push(`${r.misrecorded.length} delivered alerts are not recorded as sent with their Message-ID: ${sample(r.misrecorded)}`);
  return misses;
}
