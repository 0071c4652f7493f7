// 1. Crash while sending: a backlog drained by one `docket serve` that is SIGKILLed at random moments
// and restarted each time. Nothing may be lost; a message may arrive twice only if its alert was claimed
// by the killed process, and then with the same Message-ID.
import { backlogNow, owedMisses, killAndRecord, seedBacklog, waitForDrain } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock } from '../support/service.js';

const sizes = { short: { alerts: 2_000, kills: 2 }, full: { alerts: 10_000, kills: 5 } };

/** Lease short enough that a killed process's claims come back within seconds, long enough for a batch. */
export const killEnv = { DOCKET_LEASE_SECONDS: '15', DOCKET_LATE_AFTER_MINUTES: '600' };

export const crashWhileSending: Scenario = {
  name: 'crash-while-sending',
  run: ({ mode, random }: RunOptions) =>
    withFixture('sqlite', async ({ smtp, store, service: serviceFor }): Promise<ScenarioResult> => {
      const { alerts, kills } = sizes[mode];
      const seeded = await seedBacklog(store, alerts);
      const service = serviceFor(killEnv, new ReplayClock(backlogNow));
      const inFlight = new Set<number>();
      const claimedAtKill: number[] = [];
      for (let kill = 0; kill < kills; kill++) {
        const before = await smtp.count();
        service.start();
        // Kill while sending: once 5–35 % of what is left has arrived. A moment in seconds (it was 0.5–5 s
        // after the first message) stopped meaning "mid-backlog" once a faster engine could drain all
        // 2,000 inside it: the next start then had nothing to send, and the scenario waited in vain.
        const left = Math.max(1, seeded - before);
        await smtp.waitForCount(before + Math.max(1, Math.floor(left * (0.05 + random() * 0.3))), 60_000);
        claimedAtKill.push(await killAndRecord(service, store.db, inFlight));
      }
      service.start();
      await waitForDrain(store.db, 600_000, { owed: seeded, services: [service] });
      const exit = await service.stop();
      const rec = reconcile({ owed: await alertRows(store.db), received: (await smtp.report()).received, inFlight, subjectIsIdentity: true });
      return {
        scenario: '1. crash while sending',
        store: 'sqlite',
        alerts: seeded,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [`${kills} SIGKILLs; claimed at each kill: ${claimedAtKill.join(', ')}; every duplicate same Message-ID: ${rec.reworded === 0 && rec.unexplained.length === 0 ? 'yes' : 'no'}`],
        misses: [...reconciliationMisses(rec), ...owedMisses(rec.owed, seeded), ...exitMisses([exit])],
      };
    }),
};
