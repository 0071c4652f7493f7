// After a large fan-out, PostgreSQL's statistics of the Alert table are refreshed at once, so the claims
// that follow walk the index to their batch instead of sorting every due alert (claim-alerts.ts).
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { analyzeAfterRows } from '../../src/engine/claim-alerts.js';
import { runTick } from '../../src/engine/run-tick.js';
import { jsonMailer } from '../../src/mail/transport.js';
import { testSecret, testSettings } from '../support/engine-harness.js';
import { makeDeadline, makeIssue } from '../support/factories.js';
import { describeStores } from '../support/test-stores.js';

describeStores('claim statistics', (ctx) => {
  it(`refreshes them on PostgreSQL once a tick has made ${analyzeAfterRows} alerts or more`, async () => {
    const db = ctx.store.db;
    const at = new Date('2020-05-01T00:00:00Z');
    const issue = await makeIssue(db, { slug: 'statistics' });
    const count = analyzeAfterRows + 10;
    await db.subscriber.createMany({ data: Array.from({ length: count }, (_, i) => ({ email: `stats-${i}@example.org`, zone: 'UTC', confirmedAt: at, createdAt: at, updatedAt: at })) });
    const followers = await db.subscriber.findMany({ where: { email: { startsWith: 'stats-' } }, select: { id: true } });
    await db.subscription.createMany({ data: followers.map((f) => ({ subscriberId: f.id, issueId: issue.id, scope: 'issue', createdAt: at })) });
    await makeDeadline(db, issue.id); // one deadline.created event: one alert per follower
    const analyzed = async () => (ctx.provider === 'postgres' ? (await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = 'Alert'`))[0]!.n : 0n);
    const before = await analyzed();
    const now = new Date('2020-05-12T12:00:00Z');
    const result = await runTick({ now, clock: fixedClock(now), db, mailer: jsonMailer(), settings: testSettings(), secret: testSecret, maxBatches: 0 });
    expect(result.planned).toBeGreaterThanOrEqual(count);
    // SQLite has nothing to refresh; PostgreSQL counts the ANALYZE (the statistics view lags a moment).
    if (ctx.provider === 'postgres') await expect.poll(analyzed, { timeout: 5000 }).toBeGreaterThan(before);
  });
});
