// Benchmark: what one claim costs as the backlog grows. A fan-out leaves many alerts due at one moment;
// a claim takes the first batch of them in (nextAttemptAt, id) order. Claiming from a large backlog
// should cost about what claiming from a small one does (ratio ≈ 1); when the store had to read and
// sort every due row to keep a batch, the ratio grew with the backlog.
// Run: npx tsx bench/alerts/claim-backlog.ts [large=20000] [sqlite|postgres|both]
import { claimDueAlerts, refreshClaimStatistics } from '../../src/engine/claim-alerts.js';
import type { Db, Provider } from '../../src/store/open-store.js';
import { makeSubscriber } from '../../test/support/factories.js';
import { createTestDatabase } from '../../test/support/test-stores.js';

const large = Number(process.argv[2] ?? 20_000);
const small = 200;
const batch = 100;
const claims = 20;
const providers: Provider[] = process.argv[3] === 'both' || process.argv[3] === undefined ? ['sqlite', 'postgres'] : [process.argv[3] as Provider];
const due = new Date('2020-05-12T00:00:00Z');

/** `count` alerts due at one moment, as one event's fan-out leaves them. */
async function backlog(db: Db, count: number): Promise<void> {
  const subscriber = await makeSubscriber(db, { email: `backlog-${count}@example.org` });
  for (let i = 0; i < count; i += 1000) {
    const data = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      key: `bench:${count}:${i + j}`,
      kind: 'event',
      milestone: 'deadline.created',
      subscriberId: subscriber.id,
      sendAt: due,
      nextAttemptAt: due,
      createdAt: due,
      updatedAt: due,
    }));
    await db.alert.createMany({ data });
  }
}

/** Median milliseconds of one claim of `batch` alerts, over `claims` claims. */
async function claimCost(provider: Provider, count: number): Promise<number> {
  const database = await createTestDatabase(provider);
  const store = await database.open();
  try {
    await backlog(store.db, count);
    // With statistics, as a tick gathers them after a large fan-out (and autovacuum a minute or so later);
    // without (BENCH_NO_ANALYZE=1), PostgreSQL expects few due rows and sorts them all: docs/benchmarks.md.
    if (provider === 'postgres' && !process.env.BENCH_NO_ANALYZE) await refreshClaimStatistics(store.db);
    const now = new Date(due.getTime() + 60_000);
    await claimDueAlerts(store.db, now, { batchSize: batch, leaseMs: 120_000 }); // warm: compile, cache
    await store.db.alert.updateMany({ where: { status: 'sending' }, data: { status: 'scheduled', claimToken: null, leaseUntil: null } });
    const times: number[] = [];
    for (let i = 0; i < claims; i += 1) {
      const t0 = performance.now();
      const won = await claimDueAlerts(store.db, now, { batchSize: batch, leaseMs: 120_000 });
      times.push(performance.now() - t0);
      if (won.length !== batch) throw new Error(`claimed ${won.length}, expected ${batch}`);
      // Put them back, so every claim meets the same backlog.
      await store.db.alert.updateMany({ where: { status: 'sending' }, data: { status: 'scheduled', claimToken: null, leaseUntil: null } });
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    await store.close();
    await database.drop();
  }
}

for (const provider of providers) {
  const smallMs = await claimCost(provider, small);
  const largeMs = await claimCost(provider, large);
  console.log(JSON.stringify({ provider, batch, smallBacklog: small, largeBacklog: large, smallMs: Number(smallMs.toFixed(2)), largeMs: Number(largeMs.toFixed(2)), ratio: Number((largeMs / smallMs).toFixed(2)) }));
}
