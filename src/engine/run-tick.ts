// One unit of scheduler work: plan what changed, settle late reminders, bundle digests, then claim and
// send everything due up to `now`, batch after batch. node-cron, `docket tick` and the tests all call
// this same function; a skipped cron fire loses nothing because each tick catches up to `now`.
import type { Clock } from '../clock.js';
import type { Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { catchUpLate } from './catch-up-late.js';
import { claimDueAlerts } from './claim-alerts.js';
import { createSender, type DeliveryReport } from './deliver-alerts.js';
import type { EngineSettings } from './engine-config.js';
import { makeDigests } from './make-digests.js';
import { planDeadlineReminders } from './plan-deadline-reminders.js';
import { planEvents } from './plan-events.js';

export interface TickInput {
  /** What is due is judged at this instant, for the whole tick. */
  now: Date;
  /** The clock the tick runs under, for leases on batches claimed later in a long tick (see ClaimOptions.leaseFrom). */
  clock?: Clock;
  db: Db;
  mailer: Mailer;
  settings: EngineSettings;
  secret: string;
  /** Stop between batches (graceful shutdown); what is claimed is still finished. */
  signal?: AbortSignal;
  /** Upper bound on send batches in one tick (the rest waits for the next tick). */
  maxBatches?: number;
  /** Called once per failed or retried alert (for logs). */
  onFailure?: (report: DeliveryReport) => void;
  random?: () => number;
}

export interface TickResult {
  now: string;
  planned: number;
  lateMarked: number;
  digests: number;
  claimed: number;
  sent: number;
  retried: number;
  /** Not attempted because the SMTP server was found unreachable during the tick (tried again later). */
  deferred: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export async function runTick(input: TickInput): Promise<TickResult> {
  const started = performance.now();
  const { now, db, settings } = input;
  const result: TickResult = { now: now.toISOString(), planned: 0, lateMarked: 0, digests: 0, claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, skipped: 0, durationMs: 0 };

  // Planning loops until nothing is left to plan, one batch at a time.
  for (;;) {
    const events = await planEvents(db, now, settings.batchSize);
    const reminders = await planDeadlineReminders(db, now, settings);
    result.planned += events + reminders;
    const more = await db.deadline.count({ where: { plannedAt: null } }) + (await db.event.count({ where: { notify: true, fannedOutAt: null } }));
    if (more === 0 || input.signal?.aborted) break;
  }
  const caughtUp = await catchUpLate(db, now, settings);
  result.lateMarked = caughtUp.late;
  result.skipped += caughtUp.skipped;
  result.digests = await makeDigests(db, now, settings);

  const maxBatches = input.maxBatches ?? Number.POSITIVE_INFINITY;
  const sender = createSender({ db, mailer: input.mailer, now, settings, secret: input.secret, random: input.random, at: () => leaseStart(input, started) });
  const tally = (reports: DeliveryReport[]) => {
    for (const report of reports) {
      if (report.outcome === 'sent') result.sent += 1;
      else if (report.outcome === 'skipped') result.skipped += 1;
      else if (report.outcome === 'deferred') result.deferred += 1;
      else {
        if (report.outcome === 'failed') result.failed += 1;
        else result.retried += 1;
        input.onFailure?.(report);
      }
    }
  };
  // The next batch is claimed as soon as this one's last alert is being sent, so SMTP connections do not
  // idle through the claim; at most two batches are open, so a stalled server cannot pile up claims.
  const open: Array<Promise<void>> = [];
  try {
    for (let batch = 0; batch < maxBatches && !input.signal?.aborted && sender.unreachable() === null; batch++) {
      if (open.length >= 2) await open.shift();
      const claimed = await claimDueAlerts(db, now, { batchSize: claimSize(settings), leaseMs: settings.leaseMs, lateAfterMs: settings.lateAfterMs, leaseFrom: leaseStart(input, started) });
      if (claimed.length === 0) break;
      result.claimed += claimed.length;
      const run = sender.send(claimed);
      open.push(run.reports.then(tally));
      await run.handedOut;
    }
  } finally {
    await Promise.allSettled(open);
  }
  await Promise.all(open);
  await db.meta.upsert({
    where: { key: 'lastTickAt' },
    create: { key: 'lastTickAt', value: now.toISOString(), updatedAt: now },
    update: { value: now.toISOString(), updatedAt: now },
  });
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * The tick's `now` moved on by the time spent so far: from the clock when the tick has one (never before
 * `now`), else by the real time elapsed.
 */
function leaseStart(input: TickInput, startedAt: number): Date {
  if (input.clock) {
    const clockNow = input.clock.now();
    return clockNow > input.now ? clockNow : input.now;
  }
  return new Date(input.now.getTime() + (performance.now() - startedAt));
}

/**
 * How many alerts one claim takes: enough to keep every SMTP connection busy, few enough that the batch
 * is sent well within the lease even from a slow server (20 per connection at 3 s each is 60 s of a
 * 120 s lease). A batch that outlived its lease would be claimed again by another instance and sent twice.
 */
export function claimSize(settings: Pick<EngineSettings, 'batchSize' | 'concurrency'>): number {
  return Math.max(1, Math.min(settings.batchSize, settings.concurrency * 20));
}
