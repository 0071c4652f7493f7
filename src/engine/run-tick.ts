// One unit of scheduler work: make the alert rows whose moment has come (event notices, reminder
// milestones), bundle digests, and claim and send everything due up to `now`. Planning and sending take
// turns, one planning statement (a range of followers) at a time, so the first emails of a large fan-out
// leave while the rest is still being planned. node-cron, `docket tick` and the tests all call this same
// function; a skipped cron fire loses nothing because each tick catches up to `now`.
import type { Clock } from '../clock.js';
import type { Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { analyzeAfterRows, claimDueAlerts, refreshClaimStatistics } from './claim-alerts.js';
import { createSender, type DeliveryReport } from './deliver-alerts.js';
import type { EngineSettings } from './engine-config.js';
import { makeDigests } from './make-digests.js';
import { planning, previousTickAt } from './plan-due.js';
import { pruneAlerts } from './prune-alerts.js';

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
  /** Alert rows made: notices, and reminders whose moment came. */
  planned: number;
  /** Of those, reminders made after their moment because Docket was not running then (they say so). */
  lateMarked: number;
  digests: number;
  claimed: number;
  sent: number;
  retried: number;
  /** Not attempted because the SMTP server was found unreachable during the tick (tried again later). */
  deferred: number;
  failed: number;
  skipped: number;
  /** Old sent/skipped/failed rows deleted (DOCKET_KEEP_ALERTS). */
  pruned: number;
  durationMs: number;
}

export async function runTick(input: TickInput): Promise<TickResult> {
  const started = performance.now();
  const { now, db, settings } = input;
  const result: TickResult = { now: now.toISOString(), planned: 0, lateMarked: 0, digests: 0, claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, skipped: 0, pruned: 0, durationMs: 0 };
  const leaseFrom = () => leaseStart(input, started);
  const stopped = () => input.signal?.aborted === true;

  const sender = createSender({ db, mailer: input.mailer, now, settings, secret: input.secret, random: input.random, at: leaseFrom });
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
  let batches = 0;
  const maxBatches = input.maxBatches ?? Number.POSITIVE_INFINITY;
  /** Claims and sends batch after batch until nothing due is left; returns how many alerts it claimed. */
  const sendDue = async (): Promise<number> => {
    let claimedHere = 0;
    // The next batch is claimed as soon as this one's last alert is being sent, so SMTP connections do
    // not idle through the claim; at most two batches are open, so a stalled server cannot pile up claims.
    const open: Array<Promise<void>> = [];
    try {
      while (batches < maxBatches && !stopped() && sender.unreachable() === null) {
        if (open.length >= 2) await open.shift();
        const claimed = await claimDueAlerts(db, now, { batchSize: claimSize(settings), leaseMs: settings.leaseMs, leaseFrom: leaseFrom() });
        if (claimed.length === 0) break;
        batches += 1;
        claimedHere += claimed.length;
        const run = sender.send(claimed);
        const settled = run.reports.then(tally);
        // Observed at once: a batch can fail (the store gone mid-send) while the next claim is awaited, and
        // an unobserved rejection ends the process. The error still fails the tick, from the awaits below.
        settled.catch(() => undefined);
        open.push(settled);
        await run.handedOut;
      }
    } finally {
      await Promise.allSettled(open);
    }
    await Promise.all(open);
    return claimedHere;
  };

  const previousTick = await previousTickAt(db);
  const plan = planning(db, now, settings, { leaseFrom, previousTick });
  let planned = false;
  let digested = false;
  let unanalyzed = 0;
  for (;;) {
    // Plan until a statement has made rows (something new to send) or nothing is left to plan. A stop
    // request lets the statement in hand finish: what it made is sent by the next start.
    while (!planned) {
      const step = await plan.next();
      if (step.done) planned = true;
      else {
        result.planned += step.value.rows;
        result.lateMarked += step.value.late;
        unanalyzed += step.value.rows;
      }
      if (step.done || step.value.rows > 0 || stopped()) break;
    }
    if (unanalyzed >= analyzeAfterRows) {
      await refreshClaimStatistics(db);
      unanalyzed = 0;
    }
    if (stopped()) break;
    if (planned && !digested) {
      result.digests = await makeDigests(db, now, settings, previousTick);
      digested = true;
    }
    const claimed = await sendDue();
    result.claimed += claimed;
    if (planned && (claimed === 0 || batches >= maxBatches || sender.unreachable() !== null)) break;
  }
  // A stop leaves the plan mid-way: closing it lets the step in hand release what it holds.
  await plan.return(undefined);
  if (!stopped()) result.pruned = await pruneAlerts(db, now, settings.keepAlertsMs, { limit: pruneLimit });
  await db.meta.upsert({
    where: { key: 'lastTickAt' },
    create: { key: 'lastTickAt', value: now.toISOString(), updatedAt: now },
    update: { value: now.toISOString(), updatedAt: now },
  });
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Rows pruned per tick at most: retention works off a backlog in small steps, never in one long delete. */
const pruneLimit = 1_000;

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
