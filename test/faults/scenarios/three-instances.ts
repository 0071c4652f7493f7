// 5. Three instances on one PostgreSQL database drain a backlog while one of them is SIGKILLed again and
// again and restarted. Claims use FOR UPDATE SKIP LOCKED, so the live instances never send what another
// holds; only the killed instance's claimed alerts may be sent twice (same Message-ID).
import { backlogNow, owedMisses, killAndRecord, seedBacklog, waitForDrain } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock } from '../support/service.js';
import { killEnv } from './crash-while-sending.js';

/**
 * Found by this scenario (src/engine, not fixed here; test/faults/repro/long-tick-lease.ts): runTick
 * claims every batch with the tick's start time as `now`, so a tick that drains a backlog for longer than
 * the lease grants leases that have already run out, and another instance's newer tick claims those
 * alerts again while they are being sent.
 */
export const leaseBug = 'leases granted from the tick start time expire while a long tick still sends';

const sizes = { short: { alerts: 2_000, kills: 2 }, full: { alerts: 10_000, kills: 5 } };

export const threeInstances: Scenario = {
  name: 'three-instances',
  run: ({ mode, random }: RunOptions) =>
    withFixture('postgres', async ({ smtp, store, service: serviceFor }): Promise<ScenarioResult> => {
      const { alerts, kills } = sizes[mode];
      const seeded = await seedBacklog(store, alerts);
      const clock = new ReplayClock(backlogNow);
      const services = [serviceFor(killEnv, clock), serviceFor(killEnv, clock), serviceFor(killEnv, clock)];
      for (const service of services) service.start();
      const victim = services[2]!;
      await smtp.waitForCount(1, 60_000);
      const inFlight = new Set<number>();
      const claimedAtKill: number[] = [];
      for (let kill = 0; kill < kills; kill++) {
        // Once 5–35 % of what is left has arrived: 1–5 s in (as it was) now came after three instances had
        // drained all 2,000, and the kills met an idle victim (0 claimed at each).
        const before = await smtp.count();
        await smtp.waitForCount(before + Math.max(1, Math.floor(Math.max(1, seeded - before) * (0.05 + random() * 0.3))), 60_000);
        // Every claimed row right after the kill: the victim's batch and the live instances' (an upper bound).
        claimedAtKill.push(await killAndRecord(victim, store.db, inFlight));
        victim.start();
      }
      await waitForDrain(store.db, 600_000, { owed: seeded, services });
      const exits = await Promise.all(services.map((service) => service.stop()));
      const rec = reconcile({ owed: await alertRows(store.db), received: (await smtp.report()).received, inFlight, subjectIsIdentity: true });
      const sentBy = services.map((service) => service.ticks().reduce((sum, line) => sum + Number((line.tick as { sent: number }).sent), 0));
      return {
        scenario: '5. three instances, one killed',
        store: 'postgres',
        alerts: seeded,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `${kills} SIGKILLs of one instance; claimed (all instances) at each kill: ${claimedAtKill.join(', ')}`,
          `sent per instance (completed ticks): ${sentBy.join(' / ')}`,
        ],
        misses: [...reconciliationMisses(rec), ...owedMisses(rec.owed, seeded), ...exitMisses(exits)],
        ...(rec.unexplained.length > 0 && { knownBug: leaseBug }),
      };
    }),
};
