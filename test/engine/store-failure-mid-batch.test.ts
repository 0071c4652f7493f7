// The store failing while a claimed batch is being sent (PostgreSQL restarting, a disk error): the tick
// fails and says why, the process does not. Found by the fault suite's PostgreSQL restart, where the
// failed batch's promise sat unobserved while the next claim waited, and Node ended `docket serve` for
// an unhandled rejection. Here the failure is made exact: a table the sender reads is moved away
// between planning and sending, and moved back for the next tick.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { runTick } from '../../src/engine/run-tick.js';
import { harness, testSecret } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('the store failing mid-batch', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('fails the tick, not the process, and the next tick after the lease sends each alert once', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const followers = 30;
    for (let i = 0; i < followers; i++) await subscribe(db, (await makeSubscriber(db, { email: `outage${i}@example.com`, zone: 'Europe/Berlin' })).id, issue.id);
    await makeDeadline(db, issue.id);
    const h = harness(db, sink);
    const now = new Date('2020-05-12T10:00:00Z');

    // Planning only: the notices become rows, nothing is claimed.
    await runTick({ now, clock: fixedClock(now), db, mailer: h.mailer, settings: h.settings, secret: testSecret, maxBatches: 0 });
    expect(await db.alert.count({ where: { status: 'scheduled', kind: 'event' } })).toBe(followers);

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    await db.$executeRawUnsafe('ALTER TABLE "Subscription" RENAME TO "SubscriptionAway"');
    try {
      const later = new Date(now.getTime() + 60_000);
      await expect(runTick({ now: later, clock: fixedClock(later), db, mailer: h.mailer, settings: h.settings, secret: testSecret })).rejects.toThrow(/Subscription/);
      // Give Node a turn to report anything left unobserved.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "SubscriptionAway" RENAME TO "Subscription"');
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(sink.messages).toHaveLength(0);
    expect(await db.alert.count({ where: { status: 'sending' } })).toBe(followers);

    // After the lease: every claim has lapsed, each notice goes out once.
    const afterLease = new Date(now.getTime() + 60_000 + h.settings.leaseMs + 60_000);
    const result = await h.tick(afterLease);
    expect(result.sent).toBe(followers);
    expect(new Set(sink.messages.map((message) => message.parsed.messageId)).size).toBe(followers);
    expect(await db.alert.count({ where: { status: 'sent', kind: 'event' } })).toBe(followers);
    h.mailer.close();
  });
});
