// Marking alerts sent, many at a time. One UPDATE per message cost as much CPU as the rest of the
// pipeline; instead, marks gather for at most `gatherMs` (or until `gatherMax` are waiting) and go in
// one write. The price is a wider window in which a crash re-sends an accepted message — at most
// gatherMs plus one write, and the re-send carries the same Message-ID.
import type { Db } from '../store/open-store.js';
import { sqlInstant } from '../store/sql-instant.js';
import { join, sqltag as sql } from '@prisma/client/runtime/client';

export interface SentMark {
  id: number;
  claimToken: string;
  messageId: string;
}

export interface SentMarker {
  mark(sent: SentMark): void;
  /** Resolves when every mark so far is written (rejects if a write failed). */
  flush(): Promise<void>;
}

const gatherMs = 50;
const gatherMax = 50;

export function createSentMarker(db: Db, now: Date): SentMarker {
  let queued: SentMark[] = [];
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failure: unknown = null;

  const write = async (): Promise<void> => {
    const marks = queued;
    queued = [];
    try {
      await writeMarks(db, marks, now);
    } catch (error) {
      // The claims stay `sending`; their lease runs out and they are sent again (same Message-ID).
      failure ??= error;
    }
    writing = null;
    // Marks that arrived during the write gather again.
    if (queued.length > 0) schedule();
  };
  const writeNow = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (writing === null && queued.length > 0) writing = write();
  };
  const schedule = () => {
    if (queued.length >= gatherMax) writeNow();
    else timer ??= setTimeout(writeNow, gatherMs);
  };

  return {
    mark(sent) {
      queued.push(sent);
      schedule();
    },
    async flush() {
      while (writing !== null || queued.length > 0) {
        writeNow();
        await writing;
      }
      if (failure !== null) {
        const error = failure;
        failure = null;
        throw error;
      }
    },
  };
}

async function writeMarks(db: Db, marks: SentMark[], now: Date): Promise<void> {
  // A claim token only marks its own claims: one that expired and was taken over is not touched.
  const byToken = new Map<string, SentMark[]>();
  for (const mark of marks) {
    const group = byToken.get(mark.claimToken) ?? [];
    group.push(mark);
    byToken.set(mark.claimToken, group);
  }
  for (const [claimToken, group] of byToken) {
    // Raw SQL, one statement: a typed updateMany plus the per-alert Message-IDs cost several times more.
    const at = sqlInstant(db, now);
    await db.$executeRaw`
      UPDATE "Alert" SET
        "status" = 'sent', "sentAt" = ${at}, "updatedAt" = ${at},
        "lastError" = NULL, "leaseUntil" = NULL, "claimToken" = NULL,
        "messageId" = CASE "id" ${join(group.map((mark) => sql`WHEN ${mark.id} THEN ${mark.messageId}`), ' ')} END
      WHERE "id" IN (${join(group.map((mark) => mark.id))}) AND "claimToken" = ${claimToken} AND "status" = 'sending'`;
  }
}
