// 8. Channels and email at once, through an outage and kills: 3 webhook channels and 2,000 email
// subscribers follow one issue whose deadlines' 7-day reminders fall due during the run. The channels'
// receiver (a node:http server in this process) answers 500 for the first 60 s; `docket serve` is
// SIGKILLed 3 times mid-delivery and restarted. At the end, message by message: every email and every
// webhook delivery arrived (0 lost); a copy only for what was claimed at a kill, under the same
// Message-ID / webhook-id; every webhook body verified with the channel's secret (standardwebhooks).
//
// Time. The channel retry schedule (src/channels/retry-schedule.ts) is at once, 5 s, 5 min, 30 min…
// (±10 %), so a delivery first tried in the outage fails twice and waits ~5 min (30 min if a kill cost it
// an attempt: an attempt is counted when it is claimed). The suite drives time with the service's replay
// clock (DOCKET_NOW, support/service.ts's ReplayClock, as every scenario does) rather than sleeping: the
// clock runs at real speed while the receiver is down and emails drain; once nothing is due but those
// retries, the service is stopped (SIGTERM), the clock is moved on to the last retry's moment, and the
// service started again — the engine itself decides when each retry is due. After the third kill the
// clock is likewise moved on by the lease, so the killed claims are taken again at once rather than after
// 15 s of waiting. Nothing else falls due in the skipped time: the next milestones are 6 days out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/run-cli.js';
import { owedMisses, owedRows, waitForDrain, waitingToPlan } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock } from '../support/service.js';
import { sleep, waitUntil } from '../support/wait.js';
import { reconcileWebhooks, startWebhookReceiver, webhookMisses, type WebhookReceiver } from '../support/webhook-receiver.js';
import type { Db, Provider } from '../../../src/store/open-store.js';

const subscribers = 2_000;
const channels = ['desk-a', 'desk-b', 'desk-c'];
const outageMs = 60_000;
const leaseSeconds = 15;
/**
 * Moments (ms of Docket time after the service's first start, which runs at real speed until the outage
 * is over) of each deadline's 7-day reminder. Some fall in the outage, some after it, so webhooks are
 * both retried and delivered at once. Fewer than 10 per channel fail (2 attempts each): 20 failed
 * attempts in a row disable a channel, which would be a different scenario.
 */
const sizes = {
  short: { milestonesMs: [5_000, 30_000, 64_000] },
  full: { milestonesMs: [5_000, 14_000, 23_000, 32_000, 41_000, 50_000, 65_000, 80_000, 95_000, 110_000] },
};
const docketStart = new Date('2026-06-01T09:00:00.000Z');
const dayMs = 86_400_000;
const slug = 'channel-outage';
const env = { DOCKET_LEASE_SECONDS: String(leaseSeconds), DOCKET_LATE_AFTER_MINUTES: '600' };

/** On SQLite (in the default run) or PostgreSQL (`--only channel-outage-postgres`: not in the default run, to keep it short). */
export const channelOutage = channelOutageOn('sqlite');
export const channelOutagePostgres = channelOutageOn('postgres');

function channelOutageOn(provider: Provider): Scenario {
  return {
    name: provider === 'sqlite' ? 'channel-outage' : 'channel-outage-postgres',
    ...(provider === 'postgres' && { onlyWhenNamed: true }),
    run: ({ mode, random }: RunOptions) =>
      withFixture(provider, async ({ smtp, database, store, service: serviceFor }): Promise<ScenarioResult> => {
        const { milestonesMs } = sizes[mode];
        // 150–600 ms between reading a message and answering 204: the window a kill can fall into.
        const receiver = await startWebhookReceiver({ answerDelayMs: () => 150 + Math.floor(Math.random() * 450) });
        try {
          await setUp(database.url, receiver, milestonesMs);
          const subscriberOf = new Map((await store.db.channel.findMany({ select: { name: true, subscriberId: true } })).map((row) => [row.subscriberId, row.name]));
          const follows = await store.db.subscription.count({ where: { subscriberId: { in: [...subscriberOf.keys()] } } });
          if (subscriberOf.size !== channels.length || follows !== channels.length) throw new Error(`set-up: ${subscriberOf.size} channels following ${follows} issues`);
          const owedTotal = (subscribers + channels.length) * milestonesMs.length;
          const clock = new ReplayClock(docketStart);
          const service = serviceFor(env, clock);
          const inFlight = new Set<number>();
          const kills: string[] = [];
          const kill = async (what: string) => {
            const channelIds = new Set(subscriberOf.keys());
            await service.kill();
            const claimed = await store.db.alert.findMany({ where: { status: 'sending' }, select: { id: true, subscriberId: true } });
            for (const row of claimed) inFlight.add(row.id);
            const webhooks = claimed.filter((row) => channelIds.has(row.subscriberId)).length;
            kills.push(`${what}: ${claimed.length - webhooks} emails + ${webhooks} webhooks claimed`);
          };

          // Phase 1, real speed: the outage, kills 1 and 2, every email and every first delivery.
          receiver.failFor(outageMs);
          const began = Date.now();
          service.start();
          // Kill 1, mid-email, in the outage: once 5–35 % of the first reminder's emails have arrived (a
          // moment in seconds could come after all 2,000 had gone, and the kill caught none).
          await smtp.waitForCount(Math.max(1, Math.floor(subscribers * (0.05 + random() * 0.3))), 60_000);
          await kill(`kill 1 at ${seconds(Date.now() - began)} (outage)`);
          service.start();
          // Kill 2, mid-webhook after the outage: 0–150 ms after the receiver takes the first webhook, so
          // at least that one is read and not yet answered (answers take 150 ms or more).
          await waitUntil(() => receiver.accepted().length > 0 || !service.running, 180_000, 'the first accepted webhook after the outage', 5);
          await sleep(random() * 150);
          await kill(`kill 2 at ${seconds(Date.now() - began)} (after the outage, ${receiver.accepted().length} webhooks taken)`);
          service.start();
          // Everything due now is done: what is left waits on the channel retry schedule.
          await waitUntil(async () => {
            if (!service.running) throw new Error(`docket serve died: ${service.otherOutput.slice(-5).join(' | ')}`);
            if ((await waitingToPlan(store.db)) > 0 || (await owedRows(store.db)) < owedTotal) return false;
            return (await dueNow(store.db, clock.now())) === 0;
          }, 600_000, 'every delivery due by the clock to be done', 250);
          const phase1Ms = Date.now() - began;
          const waiting = await store.db.alert.findMany({ where: { status: 'scheduled' }, select: { subscriberId: true, attempts: true, nextAttemptAt: true } });
          const exits = [await service.stop()];
          const notWebhooks = waiting.filter((row) => !subscriberOf.has(row.subscriberId)).length;
          const byAttempts = countBy(waiting.map((row) => row.attempts));

          // Phase 2: the clock moved on to the last waiting retry; kill 3 in the middle of those deliveries.
          const last = Math.max(clock.now().getTime(), ...waiting.map((row) => row.nextAttemptAt.getTime()));
          const skipMs = last - clock.now().getTime() + 1_000;
          clock.skip(skipMs);
          const takenBefore = receiver.accepted().length;
          service.start();
          if (waiting.length > 0) {
            await waitUntil(() => receiver.accepted().length > takenBefore || !service.running, 60_000, 'the first retried webhook', 5);
            await sleep(random() * 150);
          } else {
            await service.ready();
          }
          await kill(`kill 3 (retries, ${receiver.accepted().length - takenBefore} webhooks taken)`);
          clock.skip(leaseSeconds * 1000);
          service.start();
          await waitForDrain(store.db, 300_000, { owed: owedTotal, services: [service] });
          exits.push(await service.stop());

          const rows = await alertRows(store.db);
          const bySubscriber = new Map((await store.db.alert.findMany({ select: { id: true, subscriberId: true } })).map((row) => [row.id, row.subscriberId]));
          const emailRows = rows.filter((row) => !subscriberOf.has(bySubscriber.get(row.id)!));
          const channelRows = rows.filter((row) => subscriberOf.has(bySubscriber.get(row.id)!)).map((row) => ({ ...row, channel: subscriberOf.get(bySubscriber.get(row.id)!)! }));
          const rec = reconcile({ owed: emailRows, received: (await smtp.report()).received, inFlight, subjectIsIdentity: true });
          const hooks = reconcileWebhooks({ owed: channelRows, requests: receiver.requests, inFlight });
          const disabled = await store.db.channel.count({ where: { disabledAt: { not: null } } });
          const misses = [...reconciliationMisses(rec), ...webhookMisses(hooks), ...owedMisses(rows.length, owedTotal), ...exitMisses(exits)];
          if (disabled > 0) misses.push(`${disabled} channels were disabled`);
          if (notWebhooks > 0) misses.push(`${notWebhooks} emails were still waiting when only webhook retries should have been`);
          const failedAttempts = receiver.requests.filter((request) => request.status === 500).length;
          return {
            scenario: '8. channels: receiver outage and kills',
            store: provider,
            alerts: rows.length,
            lost: rec.lost.length + hooks.lost.length,
            duplicated: rec.duplicated + hooks.duplicated,
            notes: [
              `${subscribers.toLocaleString('en')} email subscribers + ${channels.length} webhook channels × ${milestonesMs.length} deadlines: ${emailRows.length.toLocaleString('en')} emails, ${channelRows.length} webhooks`,
              `receiver answered 500 for ${seconds(outageMs)} (${failedAttempts} attempts); ${kills.join('; ')}`,
              `phase 1 ${seconds(phase1Ms)}; then ${waiting.length} webhooks waited on the retry schedule (by attempts so far: ${Object.entries(byAttempts).map(([n, c]) => `${n}: ${c}`).join(', ') || 'none'}), clock moved on ${seconds(skipMs)}`,
              `emails: lost ${rec.lost.length}, duplicated ${rec.duplicated} (all claimed at a kill, same Message-ID: ${rec.unexplained.length === 0 && rec.reworded === 0 ? 'yes' : 'no'})`,
              `webhooks: ${receiver.requests.length} requests, ${receiver.accepted().length} accepted, lost ${hooks.lost.length}, duplicated ${hooks.duplicated} (all claimed at a kill, same webhook-id: ${hooks.unexplained.length === 0 && hooks.reworded === 0 ? 'yes' : 'no'}); signatures verified ${receiver.requests.length - hooks.unverified.length}/${receiver.requests.length}`,
            ],
            misses,
          };
        } finally {
          await receiver.close();
        }
      }),
  };
}

/** Claimed, or scheduled and due by `now` (a retry waiting for its moment is not due). */
async function dueNow(db: Db, now: Date): Promise<number> {
  return db.alert.count({ where: { OR: [{ status: 'sending' }, { status: 'scheduled', nextAttemptAt: { lte: now } }] } });
}

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Through the real CLI, 10 minutes of Docket time before the run: one import (the issue, its deadlines,
 * 2,000 subscribers following it), then `channel add` (its printed secret is what the receiver verifies
 * with) and `subscribe --channel` for each channel.
 */
async function setUp(databaseUrl: string, receiver: WebhookReceiver, milestonesMs: number[]): Promise<void> {
  const now = new Date(docketStart.getTime() - 10 * 60_000).toISOString();
  const zones = ['Asia/Seoul', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'UTC'];
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-channels-')), 'world.json');
  writeFileSync(
    file,
    JSON.stringify({
      issues: [
        {
          slug,
          title: 'Channel outage issue',
          status: 'open',
          // Instant deadlines in UTC: the 7-day reminder is due − 7 days exactly, for every follower's zone.
          deadlines: milestonesMs.map((ms, i) => ({
            title: `Channel outage deadline ${i + 1}`,
            due: new Date(docketStart.getTime() + ms + 7 * dayMs).toISOString(),
            precision: 'instant',
            expression: `by ${new Date(docketStart.getTime() + ms + 7 * dayMs).toISOString()}`,
            announced: new Date(docketStart.getTime() - dayMs).toISOString(),
            zone: 'UTC',
          })),
        },
      ],
      subscribers: Array.from({ length: subscribers }, (_, i) => ({ email: `reader${i + 1}@example.com`, zone: zones[i % zones.length], subscriptions: [slug] })),
    }),
  );
  const cli = async (args: string[]) => {
    const result = await runCli(args, { databaseUrl, now });
    if (result.code !== 0) throw new Error(`docket ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  await cli(['import', file]);
  for (const name of channels) {
    const added = JSON.parse(await cli(['channel', 'add', name, '--kind', 'webhook', '--url', receiver.urlFor(name), '--zone', 'UTC', '--json'])) as { secret: string };
    receiver.trust(name, added.secret);
    await cli(['subscribe', '--channel', name, slug]);
  }
}
