// Diagnostic, not a judged benchmark: where an idle tick's time goes when many alerts are stored.
// `npx tsx bench/alerts/tick-phases.ts [--provider sqlite|postgres] [--rows 1000000] [--try-index]`
// Seeds the planning benchmark's large world with nothing due, times each phase of runTick (median of
// 5), and with --try-index adds an index on Alert(status, sendAt) in this throwaway database and times
// them again: the evidence behind the index suggested in docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { claimDueAlerts } from '../../src/engine/claim-alerts.js';
import { makeDigests } from '../../src/engine/make-digests.js';
import { passReminders } from '../../src/engine/plan-deadline-reminders.js';
import { fanOutEvents } from '../../src/engine/plan-events.js';
import type { Provider, Store } from '../../src/store/open-store.js';
import { testSettings } from '../../test/support/engine-harness.js';
import { createTestDatabase } from '../../test/support/test-stores.js';
import { fixed, median, progress, timed } from '../support/measure.js';
import { coldDeadlinesFor, seedWorld } from './seed-world.js';
import { benchNow } from './sizes.js';

const { values } = parseArgs({ options: { provider: { type: 'string', default: 'sqlite' }, rows: { type: 'string', default: '1000000' }, 'try-index': { type: 'boolean', default: false } } });
const provider = values.provider as Provider;
const rows = Number(values.rows);
const settings = testSettings({ SMTP_URL: 'smtp://127.0.0.1:25' }); // nothing is sent: nothing is due

function phases(store: Store): Array<[string, () => Promise<unknown>]> {
  const { db } = store;
  return [
    ['fanOutEvents', () => drain(fanOutEvents(db, benchNow, settings))],
    ['passReminders', () => drain(passReminders(db, benchNow, settings, { previousTick: null }))],
    ['makeDigests', () => makeDigests(db, benchNow, settings)],
    ['claimDueAlerts', () => claimDueAlerts(db, benchNow, { batchSize: settings.batchSize, leaseMs: settings.leaseMs })],
  ];
}

async function drain(work: AsyncIterable<{ rows: number }>): Promise<number> {
  let rows = 0;
  for await (const made of work) rows += made.rows;
  return rows;
}

async function timePhases(store: Store): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const [name, run] of phases(store)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await timed(run)).ms);
    result.set(name, median(times));
  }
  return result;
}

const database = await createTestDatabase(provider);
const store = await database.open();
try {
  const shape = { now: benchNow, followers: 1_000, hotDeadlines: 1, dailySubscribers: 100 };
  progress(`${provider}: seeding ${rows.toLocaleString('en')} alert rows`);
  const world = await seedWorld(store, { ...shape, coldDeadlines: coldDeadlinesFor(shape, rows - 1_000), background: rows - 1_000 });
  await store.db.alert.updateMany({ where: { deadlineId: { in: world.hotDeadlineIds } }, data: { status: 'sent' } });
  const before = await timePhases(store);
  let after: Map<string, number> | null = null;
  if (values['try-index']) {
    await store.db.$executeRawUnsafe('CREATE INDEX "Alert_status_sendAt_idx" ON "Alert"("status", "sendAt")');
    if (provider === 'postgres') await store.db.$executeRawUnsafe('ANALYZE "Alert"');
    after = await timePhases(store);
  }
  console.log(`\nidle tick phases, ${provider}, ${rows.toLocaleString('en')} stored alerts (median of 5, ms)`);
  for (const [name, ms] of before) console.log(`${name.padEnd(24)}${fixed(ms, 1).padStart(9)}${after ? `${fixed(after.get(name)!, 1).padStart(9)} with Alert(status, sendAt)` : ''}`);
} finally {
  await store.close();
  await database.drop();
}
