// 4. PostgreSQL restarts in the middle of a run (a private cluster, never the machine's shared one): the
// service keeps running, reconnects on its own and loses nothing. A message whose "sent" mark could not be
// written while the database was down may be sent again after its lease (same Message-ID).
import pg from 'pg';
import { applyMigrations } from '../../../src/store/migrations.js';
import { openStore, type Store } from '../../../src/store/open-store.js';
import { backlogNow, owedMisses, claimedIds, seedBacklog, waitForDrain } from '../support/backlog.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock, Service } from '../support/service.js';
import { startFaultySmtp } from '../support/smtp-control.js';
import { sleep } from '../support/wait.js';

const sizes = { short: { alerts: 600, downMs: 3_000 }, full: { alerts: 5_000, downMs: 10_000 } };

export const postgresRestart: Scenario = {
  name: 'postgres-restart',
  async run({ mode }: RunOptions): Promise<ScenarioResult> {
    const { alerts, downMs } = sizes[mode];
    const smtp = await startFaultySmtp();
    let cluster: PrivatePostgres | null = null;
    let store: Store | null = null;
    let service: Service | null = null;
    try {
      cluster = await startPrivatePostgres();
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE docket_faults');
      await admin.end();
      const url = cluster.url('docket_faults');
      await applyMigrations(url);
      store = await openStore(url);
      const seeded = await seedBacklog(store, alerts);
      await store.close();
      store = null;

      // A lease longer than the outage: claims made before it are still held when the database returns.
      service = new Service({ databaseUrl: url, smtpUrl: smtp.url, clock: new ReplayClock(backlogNow), env: { DOCKET_LEASE_SECONDS: '20', DOCKET_LATE_AFTER_MINUTES: '600' } });
      service.start();
      await smtp.waitForCount(Math.ceil(seeded / 5), 120_000);
      const deliveredBefore = await smtp.count();
      cluster.stop();
      await sleep(downMs);
      const duringOutage = (await smtp.count()) - deliveredBefore;
      cluster.start();
      const back = Date.now();
      store = await openStore(url);
      const inFlight = new Set(await claimedIds(store.db));
      await waitForDrain(store.db, 300_000, { owed: seeded, services: [service] });
      const recoveredIn = Date.now() - back;
      const survived = service.running && service.starts === 1;
      const tickErrors = service.errors().length;
      const exit = await service.stop();
      const rec = reconcile({ owed: await alertRows(store.db), received: (await smtp.report()).received, inFlight, subjectIsIdentity: true });
      const misses = reconciliationMisses(rec);
      if (!survived) misses.push(`the service died with the database: ${service.otherOutput.slice(-5).join(' | ')}`);
      return {
        scenario: '4. PostgreSQL restart',
        store: 'postgres',
        alerts: seeded,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `database stopped for ${seconds(downMs)} after ${deliveredBefore} delivered (${duringOutage} more went out meanwhile); ${inFlight.size} claimed when it returned`,
          `service kept running: ${survived ? 'yes' : 'NO'}; ${tickErrors} error lines logged; the rest delivered ${seconds(recoveredIn)} after the restart`,
        ],
        misses: [...misses, ...owedMisses(rec.owed, seeded), ...exitMisses([exit])],
      };
    } finally {
      await service?.kill();
      await store?.close();
      cluster?.destroy();
      await smtp.close();
    }
  },
};
